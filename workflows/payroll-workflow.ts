import { defineQuery, patched, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { BackPayBatchResult } from '../activities/back-pay';
import type { PayrollBatchResult, PayrollSummary } from '../activities/payroll';
import { shanghaiDate } from '../domain/calendar';

const { runPayroll } = proxyActivities<Activities>({ startToCloseTimeout: '10 minutes', retry: { maximumInterval: '5 minutes' } });
// One page of the roster per activity, heartbeating per case: a worker that dies mid-batch is
// noticed within 10 s and the batch runs again on another (or the restarted) worker.
const { payrollBatch, backPayBatch } = proxyActivities<Activities>({
  startToCloseTimeout: '5 minutes',
  heartbeatTimeout: '10 seconds',
  retry: { maximumInterval: '30 seconds' },
});

export const PAYROLL_BATCH_SIZE = 200;
/** Where a running payroll is: the summary so far and the cursor of the next batch. */
export const payrollProgressQuery = defineQuery<PayrollSummary & { next: string | null; done: boolean }>('payrollProgress');

/** The monthly batch a Temporal Schedule starts: the roster for the month it runs in, unless told otherwise. */
export async function payrollWorkflow(input: { period?: string; within?: string; batchSize?: number } = {}): Promise<PayrollSummary> {
  const period = input.period ?? shanghaiDate(Date.now()).slice(0, 7);
  const within = input.within ?? '';
  // Runs started before batches paid the whole roster in one activity; their histories replay that.
  if (!patched('payroll-batches')) return runPayroll(period, within);
  const info = workflowInfo();
  // Stable across retries of this run's activities and of the workflow itself.
  const runKey = `${info.workflowId}/${info.firstExecutionRunId}`;
  const summary: Required<PayrollSummary> = {
    period,
    paid: 0,
    alreadyPaid: 0,
    totalFen: 0,
    failed: 0,
    failedCaseIds: [],
    batches: 0,
    backPaid: 0,
    backPayFen: 0,
  };
  const limit = Math.min(Math.max(Math.floor(input.batchSize ?? PAYROLL_BATCH_SIZE), 1), 1_000);
  let next: string | null = '';
  setHandler(payrollProgressQuery, () => ({ ...summary, next, done: next === null }));
  while (next !== null) {
    const b: PayrollBatchResult = await payrollBatch({ period, within, runKey, after: next, limit });
    summary.paid += b.paid;
    summary.alreadyPaid += b.alreadyPaid;
    summary.totalFen += b.totalFen;
    summary.failed += b.failedCaseIds.length;
    // The ids of the first failures suffice to look into; the count is exact.
    summary.failedCaseIds = [...summary.failedCaseIds, ...b.failedCaseIds].slice(0, 100);
    summary.batches += 1;
    next = b.next;
  }
  // 补发 after the period's own payments (调标 with back pay); runs started before it replay without.
  if (patched('adjustment-back-pay')) {
    for (let after: string | null = ''; after !== null;) {
      const b: BackPayBatchResult = await backPayBatch({ period, within, runKey, after, limit });
      summary.backPaid += b.paid;
      summary.backPayFen += b.totalFen;
      summary.failed += b.failedCaseIds.length;
      summary.failedCaseIds = [...summary.failedCaseIds, ...b.failedCaseIds].slice(0, 100);
      after = b.next;
    }
  }
  return summary;
}
