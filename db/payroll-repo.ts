import type { Pool, PoolClient } from 'pg';
import type { AmountChange, Month } from '../domain/payments';
import { areaCondition, decodeCursor, Keyset, KeysetPage, pageOf } from './keyset';

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
  return payrollCandidatePage(db, firstMonth, lastMonth, within, '', 2_147_483_647);
}

/** One page of the roster, keyset-paged by case id: the cases after `after`, at most `limit`. */
export async function payrollCandidatePage(
  db: Pool,
  firstMonth: Month,
  lastMonth: Month,
  within: string,
  after: string,
  limit: number,
): Promise<PayrollCandidate[]> {
  const r = await db.query(
    `SELECT c.case_id, c.program, c.township, c.applicant_name, c.applicant_id_masked, c.paid_from, c.paid_through,
            COALESCE((c.state->>'paymentDay')::int, 10) AS payment_day,
            json_agg(json_build_object('fromMonth', a.from_month, 'amountFen', a.amount_fen, 'reason', a.reason)) AS amounts
     FROM cases c JOIN benefit_amounts a ON a.case_id = c.case_id
     WHERE c.decision = 'approve' AND c.paid_from <= $2 AND (c.paid_through IS NULL OR c.paid_through >= $1) AND c.township LIKE $3 || '%'
       AND c.case_id > $4
     GROUP BY c.case_id ORDER BY c.case_id LIMIT $5`,
    [firstMonth, lastMonth, within, after, limit],
  );
  return r.rows.map((x) => ({
    caseId: x.case_id,
    program: x.program,
    township: x.township,
    payee: x.applicant_name,
    payeeIdMasked: x.applicant_id_masked,
    paidFrom: x.paid_from,
    paidThrough: x.paid_through,
    paymentDay: x.payment_day,
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

/**
 * Pays (case, period) for payroll run `runKey` unless it is paid already. 'ours': this run paid it
 * before (an attempt cut short by a crash); 'earlier': another run did. `amountFen` is what was paid.
 */
export async function payForRun(db: Pool, p: PaymentRow, runKey: string): Promise<{ by: 'now' | 'ours' | 'earlier'; amountFen: number }> {
  // A run racing this one on the same case commits between our INSERT and our SELECT's snapshot:
  // then neither returns a row, and asking again sees it.
  for (let attempt = 0; ; attempt++) {
    const r = await db.query(
      `WITH ins AS (
       INSERT INTO payments (case_id, period, program, township, months, amount_fen, due_on, payee, paid_by_run)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9) ON CONFLICT (case_id, period) DO NOTHING RETURNING amount_fen, paid_by_run, true AS fresh)
     SELECT * FROM ins
     UNION ALL SELECT amount_fen, paid_by_run, false FROM payments WHERE case_id = $1 AND period = $2 AND NOT EXISTS (SELECT 1 FROM ins)`,
      [p.caseId, p.period, p.program, p.township, p.months, p.amountFen, p.dueOn, p.payee, runKey],
    );
    const row = r.rows[0];
    if (!row && attempt < 3) continue;
    if (!row) throw new Error(`payment of ${p.caseId} for ${p.period} neither inserted nor found`);
    return { by: row.fresh ? 'now' : row.paid_by_run === runKey ? 'ours' : 'earlier', amountFen: Number(row.amount_fen) };
  }
}

const toPayment = (x: Record<string, any>): PaymentRow => ({
  caseId: x.case_id,
  period: x.period,
  program: x.program,
  township: x.township,
  months: x.months,
  amountFen: Number(x.amount_fen),
  dueOn: x.due_on,
  payee: x.payee,
});

const PAYMENT_COLUMNS = 'case_id, period, program, township, months, amount_fen, due_on, payee';

/** The whole roster, for the CSV download the bank or finance office takes (a file, not a screen). */
export async function listPayments(db: Pool, period: Month, within: string): Promise<PaymentRow[]> {
  const area = areaCondition(within, 2, { township: 'township', county: 'county' });
  const r = await db.query(`SELECT ${PAYMENT_COLUMNS} FROM payments WHERE period = $1 AND ${area} ORDER BY township, case_id`, [
    period,
    within,
  ]);
  return r.rows.map(toPayment);
}

/** One page of the roster (发放花名册) in township, case order: keyset on (township, case_id). */
export async function rosterPage(db: Pool, period: Month, within: string, page: Keyset): Promise<KeysetPage<PaymentRow>> {
  const args: unknown[] = [period, within];
  const parts = ['period = $1', areaCondition(within, 2, { township: 'township', county: 'county' })];
  const after = decodeCursor('roster', ['id', 'id'], page.cursor);
  if (after) {
    args.push(...after);
    parts.push('(township, case_id) > ($3, $4)');
  }
  args.push(page.limit + 1);
  const r = await db.query(
    `SELECT ${PAYMENT_COLUMNS} FROM payments WHERE ${parts.join(' AND ')} ORDER BY township, case_id LIMIT $${args.length}`,
    args,
  );
  return pageOf(r.rows, page.limit, 'roster', (x) => [x.township, x.case_id], toPayment);
}
