import { createHash } from 'node:crypto';
import { canonicalJson } from '../../db/audit-hash';
import { getCase, reserveCase } from '../../db/case-repo';
import { latestProfile } from '../../db/profile-repo';
import { findTextFault } from '../../domain/text';
import { loadSnapshot } from '../../db/calendar-repo';
import type { AcceptedApplication, Application } from '../../domain/application';
import { shanghaiDate, yearsSpanned } from '../../domain/calendar';
import type { Actor } from '../../domain/case';
import { missingMaterials, missingMaterialsNotice } from '../../domain/materials';
import { checkReceivedOn, receivedWindowWorkingDays } from '../../domain/received';
import type { caseWorkflow } from '../../workflows';
import { acceptance, SA } from '../../workflows/definitions';
import { WithStartWorkflowOperation } from '@temporalio/client';
import type { PolicyProfile } from '../../domain/policy';
import { caseProfile } from '../../domain/profile-slice';
import type { CaseServices } from '../deps';
import { requireArea } from '../actor';
import { badRequest, conflict, forbidden, unavailable } from '../errors';
import { caseDetail } from '../views';
import { profileForTownship } from './profile-bindings';

/** 受理: validated input in, a registered case with its workflow running out. */
export async function acceptCase(deps: CaseServices, actor: Actor, app: Application) {
  requireArea(actor, app.township);
  // The schema has checked every field; this second look guards the case number (drawn below) against any path around it.
  const fault = findTextFault(app);
  if (fault) throw badRequest('invalid body', [fault]);
  if (app.staffRelation?.staffId === actor.id) {
    throw forbidden(
      `${actor.id} is related to the applicant (${app.staffRelation.relation}); another clerk must accept this application (回避)`,
    );
  }
  const today = shanghaiDate(Date.now());
  // The profile in force where the application was made, on the day it was received.
  const profile = await profileForTownship(
    deps,
    app.township,
    app.receivedOn && app.receivedOn < today ? app.receivedOn : today,
    app.profileId,
  );
  const window = receivedWindowWorkingDays(profile);
  const late = checkReceivedOn(app, today, profile, await loadSnapshot(deps.db, yearsSpanned(today, -window)));
  if (late.length) throw badRequest('the received date (收件日期) is not accepted', late);
  const missing = missingMaterials(app);
  if (missing.length) {
    throw badRequest(
      'the application is incomplete',
      missing.map((m) => ({ path: 'materials', message: `missing ${m.code} (${m.name})` })),
      {
        code: 'APPLICATION_INCOMPLETE',
        missing,
        notice: missingMaterialsNotice(missing),
      },
    );
  }
  const requestHash = createHash('sha256').update(canonicalJson(app)).digest('hex');
  const accepted: AcceptedApplication = { ...app, profileId: profile.id };
  const r = await reserveCase(deps.db, accepted, requestHash, actor, Number(shanghaiDate(Date.now()).slice(0, 4)));
  if (!r.created && r.existing.requestHash !== requestHash) {
    throw conflict(
      'OPEN_CASE_EXISTS',
      `household ${app.household.householdId} already has an open ${app.program} case ${r.existing.caseId}`,
      {
        caseId: r.existing.caseId,
      },
    );
  }
  const caseId = r.created ? r.caseId : r.existing.caseId;
  // The same request again, for a case whose acceptance is recorded: that case, no Temporal call.
  if (!r.created && r.existing.stage !== 'accepted') return { status: 200, created: false, body: caseDetail(r.existing) };
  await startAndAccept(deps, caseId, accepted, profile, actor);
  // One read of what the workflow has just recorded (or, after a timeout, how far it got).
  const row = await getCase(deps.db, caseId);
  if (!row) throw new Error(`case ${caseId} vanished after registration`);
  // 202: registered, but the worker has not computed the due date yet (it will; GET shows it).
  const status = row.stage === 'accepted' ? 202 : r.created ? 201 : 200;
  return { status, created: r.created, body: caseDetail(row) };
}

/**
 * Starts the workflow and waits for its acceptance in one call (update-with-start): the answer
 * comes when the workflow has recorded the due date and the data match, with no polling. Starting
 * is idempotent (USE_EXISTING): the same request sent again after a failed start starts it then.
 * No answer within acceptWaitMs (a worker slow or away; a workflow older than the update) is not
 * an error: the read model then shows the case as registered (202).
 */
async function startAndAccept(
  deps: CaseServices,
  caseId: string,
  application: AcceptedApplication,
  profile: PolicyProfile,
  actor: Actor,
): Promise<void> {
  const start = new WithStartWorkflowOperation<typeof caseWorkflow>('caseWorkflow', {
    workflowId: caseId,
    taskQueue: deps.taskQueue,
    args: [
      {
        caseId,
        application,
        profileVersion: profile.version,
        profile: caseProfile(profile),
        acceptedBy: actor,
        ...(deps.demoSpeed ? { demoSpeed: deps.demoSpeed } : {}),
      },
    ],
    workflowIdConflictPolicy: 'USE_EXISTING',
    typedSearchAttributes: [
      { key: SA.stage, value: 'accepted' },
      { key: SA.program, value: application.program },
      { key: SA.township, value: application.township },
      { key: SA.sla, value: 'on_time' },
    ],
  });
  const t = deps.temporal;
  try {
    await t.withDeadline(Date.now() + deps.acceptWaitMs, () =>
      t.workflow.executeUpdateWithStart(acceptance, { startWorkflowOperation: start }),
    );
  } catch (err) {
    const started = await start.workflowHandle().then(
      () => true,
      () => false,
    );
    if (started) return;
    const cause = (err as Error & { cause?: Error }).cause?.message;
    throw unavailable(
      `case ${caseId} is registered but its workflow could not start (${(err as Error).message}${cause ? `: ${cause}` : ''}); send the same request again`,
    );
  }
}
