import type { Pool, PoolClient } from 'pg';
import type { AmountChange, Month } from '../domain/payments';

export interface PayrollCandidate {
  caseId: string;
  program: string;
  township: string;
  payee: string;
  payeeIdMasked: string;
  paidFrom: Month;
  paidThrough: Month | null;
  paymentDay: number;
  amounts: AmountChange[];
}

/** Approved cases whose paid window reaches into the period's months (a quarter for 特困). */
export async function payrollCandidates(db: Pool, firstMonth: Month, lastMonth: Month, within = ''): Promise<PayrollCandidate[]> {
  const r = await db.query(
    `SELECT c.case_id, c.program, c.township, c.applicant_name, c.applicant_id_masked, c.paid_from, c.paid_through,
            COALESCE((c.state->>'paymentDay')::int, 10) AS payment_day,
            json_agg(json_build_object('fromMonth', a.from_month, 'amountFen', a.amount_fen, 'reason', a.reason)) AS amounts
     FROM cases c JOIN benefit_amounts a ON a.case_id = c.case_id
     WHERE c.decision = 'approve' AND c.paid_from <= $2 AND (c.paid_through IS NULL OR c.paid_through >= $1) AND c.township LIKE $3 || '%'
     GROUP BY c.case_id ORDER BY c.township, c.case_id`,
    [firstMonth, lastMonth, within],
  );
  return r.rows.map((x) => ({
    caseId: x.case_id, program: x.program, township: x.township, payee: x.applicant_name, payeeIdMasked: x.applicant_id_masked,
    paidFrom: x.paid_from, paidThrough: x.paid_through, paymentDay: x.payment_day,
    amounts: x.amounts.map((a: AmountChange) => ({ ...a, amountFen: Number(a.amountFen) })),
  }));
}

export interface PaymentRow {
  caseId: string;
  period: Month;
  program: string;
  township: string;
  months: Month[];
  amountFen: number;
  dueOn: string;
  payee: string;
}

/** True when this call paid; false when the case was already paid for the period. */
export async function insertPaymentTx(db: Pool | PoolClient, p: PaymentRow): Promise<boolean> {
  const r = await db.query(
    `INSERT INTO payments (case_id, period, program, township, months, amount_fen, due_on, payee)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8) ON CONFLICT (case_id, period) DO NOTHING`,
    [p.caseId, p.period, p.program, p.township, p.months, p.amountFen, p.dueOn, p.payee],
  );
  return r.rowCount === 1;
}

export const insertPayment = (db: Pool, p: PaymentRow) => insertPaymentTx(db, p);

export async function listPayments(db: Pool, period: Month, within: string): Promise<PaymentRow[]> {
  const r = await db.query(
    `SELECT * FROM payments WHERE period = $1 AND township LIKE $2 || '%' ORDER BY township, case_id`,
    [period, within],
  );
  return r.rows.map((x) => ({
    caseId: x.case_id, period: x.period, program: x.program, township: x.township, months: x.months,
    amountFen: Number(x.amount_fen), dueOn: x.due_on, payee: x.payee,
  }));
}
