import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  continueAsNew,
  proxyActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { CaseAdjustmentResult } from '../domain/adjustment-apply';
import {
  AdjustmentProgress,
  adjustmentProgressQuery,
  AdjustmentRunInput,
  AdjustmentRunStatus,
  pauseAdjustment,
  resumeAdjustment,
  stopAdjustment,
} from './adjustment-defs';
import { FailureTypes } from './definitions';

const { adjustmentPlan, adjustmentTargets, saveAdjustmentProgress } = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { maximumInterval: '30 seconds', nonRetryableErrorTypes: ['AdjustmentNotFound'] },
});
// One case per activity, heartbeating while its Update runs: a worker killed mid-batch is noticed within
// the heartbeat timeout and the case is told again elsewhere; the Update is idempotent, so it answers 'already'.
const { adjustCase } = proxyActivities<Activities>({
  startToCloseTimeout: '5 minutes',
  heartbeatTimeout: '15 seconds',
  retry: { initialInterval: '2 seconds', maximumInterval: '30 seconds', maximumAttempts: 10 },
});

/**
 * 调标: tells every live case of the adjustment's profile (in the issuing area), in keyset pages of case
 * ids, a bounded number at once; can be paused, resumed and stopped; continues as new every few pages.
 * Each case decides for itself (its history is the truth); this run only counts and mirrors progress.
 */
export async function adjustmentWorkflow(input: AdjustmentRunInput): Promise<AdjustmentProgress> {
  const pageSize = input.pageSize ?? 200;
  const concurrency = input.concurrency ?? 20;
  const pagesPerRun = input.pagesPerRun ?? 5;
  const p: AdjustmentProgress = input.progress ?? {
    adjustmentId: input.adjustmentId,
    status: 'running',
    after: '',
    total: 0,
    done: 0,
    failed: 0,
    changed: 0,
    unchanged: 0,
    flagged: 0,
    skipped: 0,
    failedCaseIds: [],
    seq: 0,
  };
  // Mirrors run one after another, each a copy taken when asked: PostgreSQL sees progress in order.
  let mirrored: Promise<void> = Promise.resolve();
  const mirror = () => {
    const copy = { ...p, seq: ++p.seq };
    mirrored = mirrored.then(() => saveAdjustmentProgress(copy));
    return mirrored;
  };
  setHandler(adjustmentProgressQuery, () => p);
  const control = (allowed: AdjustmentRunStatus[], to: AdjustmentRunStatus, action: string) => ({
    validator: (_: { by: string }) => {
      if (!allowed.includes(p.status))
        throw ApplicationFailure.create({
          type: FailureTypes.wrongStage,
          nonRetryable: true,
          message: `cannot ${action} a run that is ${p.status}`,
        });
    },
    handler: async (_: { by: string }) => {
      p.status = to;
      await mirror();
      return p;
    },
  });
  const pause = control(['running'], 'paused', 'pause');
  const resume = control(['paused'], 'running', 'resume');
  const stop = control(['running', 'paused'], 'stopping', 'stop');
  setHandler(pauseAdjustment, pause.handler, { validator: pause.validator });
  setHandler(resumeAdjustment, resume.handler, { validator: resume.validator });
  setHandler(stopAdjustment, stop.handler, { validator: stop.validator });
  // Handlers first (an Update arriving before them would be refused), then the plan.
  const planned = input.plan ? { adjustment: input.plan, total: p.total } : await adjustmentPlan(input.adjustmentId);
  const plan = planned.adjustment;
  if (!input.progress) {
    p.total = planned.total;
    await mirror();
  }

  let inFlight = 0;
  let sinceMirror = 0;
  const tell = async (caseId: string) => {
    try {
      const r: CaseAdjustmentResult = await adjustCase({ caseId, adjustment: plan });
      p.done += 1;
      // 'already': told before a crash (its activity retried); it counts as what the case recorded then.
      const o = r.outcome === 'already' ? r.recorded : r.outcome;
      if (o) p[o] += 1;
    } catch {
      p.failed += 1;
      if (p.failedCaseIds.length < 100) p.failedCaseIds.push(caseId);
    } finally {
      inFlight -= 1;
      if (++sinceMirror >= concurrency) {
        sinceMirror = 0;
        void mirror();
      }
    }
  };

  // Handlers change the status between awaits: read it through a function, not a narrowed field.
  const stopping = () => p.status === 'stopping';
  for (let pages = 0; ; pages++) {
    if (stopping()) break;
    const ids = await adjustmentTargets({ adjustmentId: input.adjustmentId, after: p.after, limit: pageSize });
    for (const id of ids) {
      await condition(() => (p.status === 'running' && inFlight < concurrency) || stopping());
      if (stopping()) break;
      inFlight += 1;
      p.after = id;
      void tell(id);
    }
    if (ids.length < pageSize) break;
    if (pages + 1 >= pagesPerRun || workflowInfo().continueAsNewSuggested) {
      await condition(() => inFlight === 0);
      await mirror();
      await condition(allHandlersFinished);
      return continueAsNew<typeof adjustmentWorkflow>({ ...input, progress: p, plan });
    }
  }
  await condition(() => inFlight === 0);
  await condition(allHandlersFinished);
  p.status = stopping() ? 'stopped' : 'completed';
  // Counted when the run began; at the end, exactly the cases told.
  if (p.status === 'completed') p.total = p.done + p.failed;
  await mirror();
  return p;
}
