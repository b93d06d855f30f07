import { createHash } from 'node:crypto';
import { canonicalJson } from '../../db/audit-hash';
import { getCase } from '../../db/case-repo';
import { findDepartment } from '../../db/department-repo';
import { latestProfile } from '../../db/profile-repo';
import { getReferral, ReferralRow, reserveReferral } from '../../db/referral-repo';
import { shanghaiDate } from '../../domain/calendar';
import type { Actor } from '../../domain/case';
import { handles } from '../../domain/departments';
import { REFERRAL_KIND_NAMES, ReferralFeedback, ReferralRequest } from '../../domain/referral';
import type { referralWorkflow } from '../../workflows';
import { SA } from '../../workflows/definitions';
import { recordReferralFeedback } from '../../workflows/referral/definitions';
import { requireArea } from '../actor';
import type { CaseServices } from '../deps';
import { badRequest, conflict, fromUpdateFailure, notFound, unavailable } from '../errors';

/** What lists and the household view show of a referral: no ID numbers, the requester by name only. */
export function referralView(r: ReferralRow) {
  return {
    referralId: r.referralId,
    township: r.township,
    householdId: r.householdId,
    caseId: r.caseId,
    kind: r.kind,
    kindName: REFERRAL_KIND_NAMES[r.kind as ReferralRequest['kind']],
    department: r.department,
    stage: r.stage,
    sla: r.sla,
    referredOn: r.referredOn,
    dueDate: r.dueDate,
    escalatedOn: r.escalatedOn,
    outcome: r.outcome,
    feedback: r.state?.feedback ?? null,
    updatedAt: r.updatedAt,
  };
}

export const referralDetail = (r: ReferralRow) => ({ ...referralView(r), state: r.state });

/** Checks the request against the county's list, the profile and the linked case, all at once (一次性告知). */
async function checkRequest(deps: CaseServices, actor: Actor, req: ReferralRequest) {
  const fields: { path: string; message: string }[] = [];
  const county = req.township.slice(0, 6);
  const dept = await findDepartment(deps.db, county, req.departmentCode);
  if (!dept)
    fields.push({
      path: 'departmentCode',
      message: `county ${county} has no department "${req.departmentCode}" (GET /api/referral-departments)`,
    });
  else if (!handles(dept, req.kind))
    fields.push({
      path: 'departmentCode',
      message: `${dept.name} does not handle ${REFERRAL_KIND_NAMES[req.kind]}; it handles ${dept.kinds.map((k) => REFERRAL_KIND_NAMES[k]).join('、')}`,
    });
  const profile = await latestProfile(deps.db, req.profileId);
  if (!profile?.referralFeedbackWorkingDays)
    fields.push({ path: 'profileId', message: `no profile "${req.profileId}" with a referral feedback deadline` });
  if (req.caseId) {
    const c = await getCase(deps.db, req.caseId);
    if (!c) fields.push({ path: 'caseId', message: `no case ${req.caseId}` });
    else {
      requireArea(actor, c.township);
      if (c.householdId !== req.householdId) fields.push({ path: 'caseId', message: `case ${req.caseId} belongs to another household` });
    }
  }
  if (fields.length) throw badRequest('the referral cannot be sent', fields);
  return dept!;
}

/** 分办/转办: registers the referral and starts its workflow, which computes the feedback deadline. */
export async function createReferral(deps: CaseServices, actor: Actor, req: ReferralRequest) {
  requireArea(actor, req.township);
  const dept = await checkRequest(deps, actor, req);
  const requestHash = createHash('sha256').update(canonicalJson(req)).digest('hex');
  const r = await reserveReferral(deps.db, req, dept, requestHash, actor, Number(shanghaiDate(Date.now()).slice(0, 4)));
  if (!r.created && r.existing.requestHash !== requestHash) {
    throw conflict(
      'OPEN_REFERRAL_EXISTS',
      `household ${req.householdId} already has an unanswered ${REFERRAL_KIND_NAMES[req.kind]} referral to ${dept.name}: ${r.existing.referralId}`,
      { referralId: r.existing.referralId },
    );
  }
  const referralId = r.created ? r.referralId : r.existing.referralId;
  const department = r.created ? { code: dept.code, name: dept.name } : r.existing.department;
  try {
    await deps.temporal.workflow.start<typeof referralWorkflow>('referralWorkflow', {
      workflowId: referralId,
      taskQueue: deps.taskQueue,
      workflowIdConflictPolicy: 'USE_EXISTING',
      args: [{ referralId, request: req, department, referredBy: actor, ...(deps.demoSpeed ? { demoSpeed: deps.demoSpeed } : {}) }],
      typedSearchAttributes: [
        { key: SA.stage, value: 'referred' },
        { key: SA.program, value: `referral_${req.kind}` },
        { key: SA.township, value: req.township },
        { key: SA.sla, value: 'on_time' },
      ],
    });
  } catch (err) {
    throw unavailable(
      `referral ${referralId} is registered but its workflow could not start (${(err as Error).message}); send the same request again`,
    );
  }
  const until = Date.now() + deps.acceptWaitMs;
  let row = await getReferral(deps.db, referralId);
  while (row && row.stage === 'registered' && Date.now() < until) {
    await new Promise((res) => setTimeout(res, 100));
    row = await getReferral(deps.db, referralId);
  }
  const status = row!.stage === 'registered' ? 202 : r.created ? 201 : 200;
  return { status, body: referralDetail(row!) };
}

/** 反馈: the department's answer, sent to the referral's workflow as an Update (200, or 409 if already answered). */
export async function recordFeedback(deps: CaseServices, actor: Actor, referralId: string, feedback: ReferralFeedback) {
  const row = await getReferral(deps.db, referralId);
  if (!row) throw notFound(`no referral ${referralId}`);
  if (row.stage === 'answered') throw conflict('WRONG_STAGE', `referral ${referralId} was already answered (${row.outcome})`);
  try {
    return await deps.temporal.workflow.getHandle(referralId).executeUpdate(recordReferralFeedback, { args: [{ ...feedback, actor }] });
  } catch (err) {
    throw fromUpdateFailure(err) ?? err;
  }
}
