import { Context } from '@temporalio/activity';
import type { Pool } from 'pg';
import { isDatabaseOutage } from '../db/outage';
import { insertPayment, payForRun, payrollCandidatePage, payrollCandidates, PayrollCandidate } from '../db/payroll-repo';
import { Month, nextMonth, payable } from '../domain/payments';

export interface PayrollSummary {
  period: Month;
  /** Paid by this run (including payments it made before a crash and a retry). */
  paid: number;
  /** Already paid by an earlier run (a repeated run, the schedule and a manual run). */
  alreadyPaid: number;
  /** Paid by this run, in fen. */
  totalFen: number;
  /** Cases this run could not pay (e.g. data PostgreSQL refuses); the next run tries them again. */
  failed?: number;
  failedCaseIds?: string[];
  batches?: number;
  /** 补发 lines this run added (调标 with back pay), and their total in fen. */
  backPaid?: number;
  backPayFen?: number;
}

export interface PayrollBatchInput {
  period: Month;
  within: string;
  /** `<workflow id>/<first run id>`: written on each payment, so a resumed run knows its own. */
  runKey: string;
  /** Keyset cursor: the last case id of the previous batch ('' for the first). */
  after: string;
  limit: number;
}

export interface PayrollBatchResult {
  paid: number;
  alreadyPaid: number;
  totalFen: number;
  failedCaseIds: string[];
  /** The cursor for the next batch; null when the roster is done. */
  next: string | null;
}

const dueOn = (period: Month, c: PayrollCandidate) => `${period}-${String(Math.min(c.paymentDay, 28)).padStart(2, '0')}`;

export function createPayrollActivities(db: Pool) {
  /**
   * The whole roster in one activity: kept only for payroll runs started before batches
   * (their histories replay it). Keyed by (case, period): a repeated run pays nobody twice.
   */
  async function runPayroll(period: Month, within = ''): Promise<PayrollSummary> {
    const quarterEnd = nextMonth(nextMonth(period));
    const summary: PayrollSummary = { period, paid: 0, alreadyPaid: 0, totalFen: 0 };
    for (const c of await payrollCandidates(db, period, quarterEnd, within)) {
      const due = payable(c.program, c.amounts, { from: c.paidFrom, through: c.paidThrough }, period);
      if (due.amountFen === 0) continue;
      const fresh = await insertPayment(db, {
        caseId: c.caseId,
        period,
        program: c.program,
        township: c.township,
        months: due.months,
        amountFen: due.amountFen,
        dueOn: dueOn(period, c),
        payee: c.payee,
      });
      if (fresh) {
        summary.paid += 1;
        summary.totalFen += due.amountFen;
      } else summary.alreadyPaid += 1;
    }
    return summary;
  }

  /**
   * One page of the roster. It heartbeats after every case, so a worker that dies mid-batch is
   * noticed within the heartbeat timeout and the batch runs again elsewhere; payments the dead
   * attempt made carry this run's key and count as this run's. PostgreSQL being unreachable fails
   * the batch (Temporal retries it); any other error fails that case only and is counted.
   */
  async function payrollBatch(input: PayrollBatchInput): Promise<PayrollBatchResult> {
    const { period, within, runKey, after, limit } = input;
    const page = await payrollCandidatePage(db, period, nextMonth(nextMonth(period)), within, after, limit);
    const out: PayrollBatchResult = {
      paid: 0,
      alreadyPaid: 0,
      totalFen: 0,
      failedCaseIds: [],
      next: page.length === limit ? page[page.length - 1].caseId : null,
    };
    for (const c of page) {
      Context.current().heartbeat(c.caseId);
      const due = payable(c.program, c.amounts, { from: c.paidFrom, through: c.paidThrough }, period);
      if (due.amountFen === 0) continue;
      try {
        const r = await payForRun(
          db,
          {
            caseId: c.caseId,
            period,
            program: c.program,
            township: c.township,
            months: due.months,
            amountFen: due.amountFen,
            dueOn: dueOn(period, c),
            payee: c.payee,
          },
          runKey,
        );
        if (r.by === 'earlier') out.alreadyPaid += 1;
        else {
          out.paid += 1;
          out.totalFen += r.amountFen;
        }
      } catch (err) {
        if (isDatabaseOutage(err)) throw err;
        out.failedCaseIds.push(c.caseId);
        Context.current().log.warn('payroll: a case could not be paid', { caseId: c.caseId, period, error: (err as Error).message });
      }
    }
    return out;
  }
  return { runPayroll, payrollBatch };
}
