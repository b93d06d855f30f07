import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { getAdjustment, lockProfileAdjustments, StandardAdjustment } from '../../db/adjustment-repo';
import { isWithdrawn } from '../../db/adjustment-withdrawal-repo';
import { inTransaction } from '../../db/pool';
import { AdjustmentRun, ensureRun, getRun } from '../../db/adjustment-run-repo';
import type { Actor } from '../../domain/case';
import {
  AdjustmentProgress,
  adjustmentWorkflowId,
  pauseAdjustment,
  resumeAdjustment,
  stopAdjustment,
} from '../../workflows/adjustment-defs';
import type { adjustmentWorkflow } from '../../workflows';
import type { CaseServices } from '../deps';
import { conflict, forbidden, notFound } from '../errors';

// 调标, applying: start, watch, pause, resume and stop the batch of one published adjustment.

/** The adjustment, if the actor may see its run: a supervisor or auditor whose jurisdiction contains the issuing area. */
export async function adjustmentFor(deps: CaseServices, actor: Actor, id: string): Promise<StandardAdjustment> {
  const a = await getAdjustment(deps.db, id);
  if (!a) throw notFound(`no standard adjustment ${id}`);
  if (!actor.jurisdiction || !a.areaCode.startsWith(actor.jurisdiction))
    throw forbidden(`adjustment ${id} was issued for ${a.areaCode}, outside ${actor.id}'s jurisdiction (${actor.jurisdiction ?? 'none'})`);
  return a;
}

/** Starts the batch once: a second call answers with the same run (created: false). */
export async function applyAdjustment(deps: CaseServices, actor: Actor, id: string): Promise<{ created: boolean; run: AdjustmentRun }> {
  const a = await adjustmentFor(deps, actor, id);
  const workflowId = adjustmentWorkflowId(a.id);
  const r = await inTransaction(deps.db, async (tx) => {
    await lockProfileAdjustments(tx, a.profileId);
    if (await isWithdrawn(tx, a.id)) throw conflict('ADJUSTMENT_WITHDRAWN', `调标 ${a.id} 已撤回，不能执行`);
    return ensureRun(tx, a.id, workflowId, actor.id);
  });
  // Always asked, so a call cut short between the row and the start still starts it; a finished run is never redone.
  try {
    await deps.temporal.workflow.start<typeof adjustmentWorkflow>('adjustmentWorkflow', {
      workflowId,
      taskQueue: deps.taskQueue,
      args: [{ adjustmentId: a.id, by: actor.id }],
      workflowIdConflictPolicy: 'USE_EXISTING',
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
    });
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
  }
  return r;
}

/** From PostgreSQL (the workflow mirrors it as it goes): answers while Temporal is slow or down. */
export async function adjustmentRun(deps: CaseServices, actor: Actor, id: string): Promise<AdjustmentRun> {
  const a = await adjustmentFor(deps, actor, id);
  const run = await getRun(deps.db, a.id);
  if (!run) throw notFound(`adjustment ${id} has not been applied yet (POST /api/adjustments/${id}/apply)`);
  return run;
}

const CONTROLS = { pause: pauseAdjustment, resume: resumeAdjustment, stop: stopAdjustment };

/** 409 when the run's state does not allow it (pausing a paused run, anything on a finished one). */
export async function controlAdjustment(
  deps: CaseServices,
  actor: Actor,
  id: string,
  action: keyof typeof CONTROLS,
): Promise<AdjustmentProgress> {
  const run = await adjustmentRun(deps, actor, id);
  if (run.status === 'completed' || run.status === 'stopped')
    throw conflict('RUN_FINISHED', `the run of ${id} is ${run.status}; nothing to ${action}`);
  try {
    return await deps.temporal.workflow.getHandle(run.workflowId).executeUpdate(CONTROLS[action], { args: [{ by: actor.id }] });
  } catch (err) {
    if (err instanceof WorkflowUpdateFailedError) throw conflict('WRONG_RUN_STATE', err.cause?.message ?? err.message);
    // Finished since the row was read.
    if (err instanceof WorkflowNotFoundError) throw conflict('RUN_FINISHED', `the run of ${id} has finished; nothing to ${action}`);
    throw err;
  }
}
