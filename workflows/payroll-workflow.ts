import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { PayrollSummary } from '../activities/payroll';
import { shanghaiDate } from '../domain/calendar';

const { runPayroll } = proxyActivities<Activities>({ startToCloseTimeout: '10 minutes', retry: { maximumInterval: '5 minutes' } });

/** The monthly batch a Temporal Schedule starts: the roster for the month it runs in, unless told otherwise. */
export async function payrollWorkflow(input: { period?: string; within?: string } = {}): Promise<PayrollSummary> {
  const period = input.period ?? shanghaiDate(Date.now()).slice(0, 7);
  return runPayroll(period, input.within ?? '');
}
