import { createHash } from 'node:crypto';
import { canonicalJson } from '../../db/audit-hash';
import { getCase, reserveTemporaryCase } from '../../db/case-repo';
import type { Application } from '../../domain/application';
import { shanghaiDate } from '../../domain/calendar';
import { findTextFault } from '../../domain/text';
import type { Actor } from '../../domain/case';
import { AcceptedAid, TemporaryAid, unemployedEligible } from '../../domain/temporary';
import type { temporaryAidWorkflow } from '../../workflows';
import { recordReferral } from '../../workflows/definitions';
import { SA } from '../../workflows/definitions';
import { requireArea } from '../actor';
import type { CaseServices } from '../deps';
import { badRequest, conflict, unavailable } from '../errors';
import { caseDetail } from '../views';
import { acceptCase } from './accept-case';
import { profileForTownship } from './profile-bindings';
import { sendStep } from './case-steps';

/** Records a temporary-assistance case; an emergency within the township cap is paid before this returns. */
export async function acceptTemporary(deps: CaseServices, actor: Actor, aid: TemporaryAid) {
  requireArea(actor, aid.township);
  // The schema has checked every field; this second look guards the case number (drawn below) against any path around it.
  const fault = findTextFault(aid);
  if (fault) throw badRequest('invalid body', [fault]);
  const profile = await profileForTownship(deps, aid.township, shanghaiDate(Date.now()), aid.profileId);
  if (!profile.temporary)
    throw badRequest('no temporary-assistance rules', [
      { path: 'profileId', message: `profile ${profile.id} v${profile.version} has no temporary-assistance rules` },
    ]);
  if (aid.kind === 'unemployed') {
    const why = unemployedEligible(aid);
    if (why.length)
      throw badRequest(
        'not eligible for the one-time aid to uninsured unemployed people',
        why.map((m) => ({ path: 'unemployment', message: m })),
      );
  }
  const requestHash = createHash('sha256').update(canonicalJson(aid)).digest('hex');
  const accepted: AcceptedAid = { ...aid, profileId: profile.id };
  const r = await reserveTemporaryCase(deps.db, accepted, requestHash, actor, Number(shanghaiDate(Date.now()).slice(0, 4)));
  if (!r.created && r.existing.requestHash !== requestHash) {
    throw conflict('OPEN_CASE_EXISTS', `household ${aid.recipient.householdId} already has an open ${aid.kind} case ${r.existing.caseId}`, {
      caseId: r.existing.caseId,
    });
  }
  const caseId = r.created ? r.caseId : r.existing.caseId;
  try {
    await deps.temporal.workflow.start<typeof temporaryAidWorkflow>('temporaryAidWorkflow', {
      workflowId: caseId,
      taskQueue: deps.taskQueue,
      workflowIdConflictPolicy: 'USE_EXISTING',
      args: [
        {
          caseId,
          aid: accepted,
          profileVersion: profile.version,
          acceptedBy: actor,
          ...(deps.demoSpeed ? { demoSpeed: deps.demoSpeed } : {}),
        },
      ],
      typedSearchAttributes: [
        { key: SA.stage, value: 'accepted' },
        { key: SA.program, value: aid.kind },
        { key: SA.township, value: aid.township },
        { key: SA.sla, value: 'on_time' },
      ],
    });
  } catch (err) {
    throw unavailable(
      `case ${caseId} is registered but its workflow could not start (${(err as Error).message}); send the same request again`,
    );
  }
  const until = Date.now() + deps.acceptWaitMs;
  let row = await getCase(deps.db, caseId);
  while (row && row.stage === 'accepted' && Date.now() < until) {
    await new Promise((res) => setTimeout(res, 100));
    row = await getCase(deps.db, caseId);
  }
  const status = row!.stage === 'accepted' ? 202 : r.created ? 201 : 200;
  return { status, body: caseDetail(row!) };
}

/** 摆渡: the emergency household applies for 低保/特困; the new case and the emergency name each other. */
export async function referToApplication(deps: CaseServices, actor: Actor, emergencyId: string, app: Application) {
  const from = await getCase(deps.db, emergencyId);
  if (!from?.isOpen)
    throw conflict(
      'WRONG_STAGE',
      `case ${emergencyId} is closed (stage ${from?.stage}); refer the household while its temporary case is open, or accept the application directly`,
    );
  const accepted = await acceptCase(deps, actor, { ...app, referredFrom: emergencyId });
  await sendStep(deps, emergencyId, actor, recordReferral, { caseId: accepted.body.caseId });
  return accepted;
}
