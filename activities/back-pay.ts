import { Context } from '@temporalio/activity';
import type { Pool } from 'pg';
import { backPayCursor, insertBackPay, paidRows, pendingBackPayPage } from '../db/back-pay-repo';
import { isDatabaseOutage } from '../db/outage';
import { backPayDue } from '../domain/adjustment-apply';
import type { Month } from '../domain/payments';

export interface BackPayBatchResult {
  paid: number;
  totalFen: number;
  failedCaseIds: string[];
  next: string | null;
}

export function createBackPayActivities(db: Pool) {
  /**
   * 补发, one page: for each case that applied a back-paying adjustment, the difference for the months
   * it was already paid at the old amount, as one line in this period's roster, once per (case,
   * adjustment). Runs after the period's own payments, so a month just paid at the new amount adds nothing.
   */
  async function backPayBatch(input: {
    period: Month;
    within: string;
    runKey: string;
    after: string;
    limit: number;
  }): Promise<BackPayBatchResult> {
    const { period, within, runKey, after, limit } = input;
    const page = await pendingBackPayPage(db, period, within, runKey, after, limit);
    const out: BackPayBatchResult = {
      paid: 0,
      totalFen: 0,
      failedCaseIds: [],
      next: page.length === limit ? backPayCursor(page[page.length - 1]) : null,
    };
    for (const c of page) {
      Context.current().heartbeat(backPayCursor(c));
      try {
        const due = backPayDue(await paidRows(db, c.caseId), c.oldAmounts, c.newAmounts, c.fromMonth);
        const by = await insertBackPay(
          db,
          {
            caseId: c.caseId,
            adjustmentId: c.adjustmentId,
            period,
            program: c.program,
            township: c.township,
            payee: c.payee,
            months: due.months,
            amountFen: due.amountFen,
            dueOn: `${period}-${String(Math.min(c.paymentDay, 28)).padStart(2, '0')}`,
          },
          runKey,
        );
        if (by !== 'earlier' && due.amountFen > 0) {
          out.paid += 1;
          out.totalFen += due.amountFen;
        }
      } catch (err) {
        if (isDatabaseOutage(err)) throw err;
        out.failedCaseIds.push(c.caseId);
        Context.current().log.warn('payroll: a back-payment could not be recorded', { caseId: c.caseId, error: (err as Error).message });
      }
    }
    return out;
  }
  return { backPayBatch };
}
