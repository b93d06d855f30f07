import type { Pool } from 'pg';
import { insertPayment, payrollCandidates } from '../db/payroll-repo';
import { Month, nextMonth, payable } from '../domain/payments';

export interface PayrollSummary {
  period: Month;
  paid: number;
  alreadyPaid: number;
  totalFen: number;
}

export function createPayrollActivities(db: Pool) {
  /**
   * Builds the period's roster from the read model with the amount in force for each month.
   * Keyed by (case, period): a repeated run, or a retried activity, pays nobody twice.
   */
  async function runPayroll(period: Month, within = ''): Promise<PayrollSummary> {
    const quarterEnd = nextMonth(nextMonth(period));
    const summary: PayrollSummary = { period, paid: 0, alreadyPaid: 0, totalFen: 0 };
    for (const c of await payrollCandidates(db, period, quarterEnd, within)) {
      const due = payable(c.program, c.amounts, { from: c.paidFrom, through: c.paidThrough }, period);
      if (due.amountFen === 0) continue;
      const fresh = await insertPayment(db, {
        caseId: c.caseId, period, program: c.program, township: c.township, months: due.months, amountFen: due.amountFen,
        dueOn: `${period}-${String(Math.min(c.paymentDay, 28)).padStart(2, '0')}`, payee: c.payee,
      });
      if (fresh) {
        summary.paid += 1;
        summary.totalFen += due.amountFen;
      } else summary.alreadyPaid += 1;
    }
    return summary;
  }
  return { runPayroll };
}
