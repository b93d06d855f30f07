import { Context } from '@temporalio/activity';
import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { Pool } from 'pg';
import { adjustmentTargetPage, countAdjustmentTargets, getAdjustment, StandardAdjustment } from '../db/adjustment-repo';
import { saveProgress } from '../db/adjustment-run-repo';
import type { CaseAdjustment, CaseAdjustmentResult } from '../domain/adjustment-apply';
import { AdjustmentProgress, applyStandardAdjustment } from '../workflows/adjustment-defs';
import { FailureTypes } from '../workflows/definitions';

export function createAdjustmentActivities(db: Pool) {
  async function load(id: string): Promise<StandardAdjustment> {
    const a = await getAdjustment(db, id);
    if (!a) throw ApplicationFailure.nonRetryable(`no standard adjustment ${id}`, 'AdjustmentNotFound');
    return a;
  }

  /** What every case is told, and how many live cases the adjustment reaches as the run begins. */
  async function adjustmentPlan(id: string): Promise<{ adjustment: CaseAdjustment; total: number }> {
    const a = await load(id);
    return {
      adjustment: {
        adjustmentId: a.id,
        profile: { id: a.profileId, version: a.toVersion },
        effectiveMonth: a.effectiveMonth,
        document: a.document,
      },
      total: await countAdjustmentTargets(db, a),
    };
  }

  async function adjustmentTargets(input: { adjustmentId: string; after: string; limit: number }): Promise<string[]> {
    return adjustmentTargetPage(db, await load(input.adjustmentId), input.after, input.limit);
  }

  async function saveAdjustmentProgress(p: AdjustmentProgress): Promise<void> {
    await saveProgress(db, p);
  }

  /**
   * Tells one case through its Update and waits for its answer, heartbeating meanwhile. The update id
   * is the (adjustment, case) pair, and the case itself answers 'already' to a repeat, so a retry after
   * a worker crash applies nothing twice. A case between review cycles is asked again (retryable).
   */
  async function adjustCase(input: { caseId: string; adjustment: CaseAdjustment }): Promise<CaseAdjustmentResult> {
    const ctx = Context.current();
    const beat = setInterval(() => ctx.heartbeat(input.caseId), 3_000);
    try {
      return await ctx.client.workflow.getHandle(input.caseId).executeUpdate(applyStandardAdjustment, {
        args: [input.adjustment],
        updateId: `${input.adjustment.adjustmentId}/${input.caseId}`,
      });
    } catch (err) {
      if (err instanceof WorkflowNotFoundError)
        return { caseId: input.caseId, outcome: 'skipped', oldAmountFen: 0, newAmountFen: 0, fromMonth: null, note: '案件流程已结束' };
      if (err instanceof WorkflowUpdateFailedError) {
        const cause = err.cause;
        if (cause instanceof ApplicationFailure && cause.type === FailureTypes.wrongStage)
          throw ApplicationFailure.retryable(cause.message, 'CaseBusy');
        throw ApplicationFailure.nonRetryable(cause?.message ?? err.message, 'CaseRefused');
      }
      throw err;
    } finally {
      clearInterval(beat);
    }
  }

  return { adjustmentPlan, adjustmentTargets, saveAdjustmentProgress, adjustCase };
}
