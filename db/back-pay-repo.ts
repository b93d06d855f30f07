import type { Pool } from 'pg';
import type { AmountChange, Month } from '../domain/payments';
import type { PaidRow } from '../domain/adjustment-apply';

// 补发: back-payment lines, once per (case, adjustment), for months paid at the old amount before a
// rise took effect (only adjustments published with back_pay).

export interface PendingBackPay {
  caseId: string;
  adjustmentId: string;
  fromMonth: Month;
  oldAmounts: AmountChange[];
  newAmounts: AmountChange[];
  program: string;
  township: string;
  payee: string;
  paymentDay: number;
  documentRef: string;
}

/** The cursor of a page: the last (case, adjustment) handed out, as `<case id>|<adjustment id>`. */
export const backPayCursor = (p: Pick<PendingBackPay, 'caseId' | 'adjustmentId'>) => `${p.caseId}|${p.adjustmentId}`;

/**
 * Cases in the area that applied a back-paying adjustment whose first changed month has come, with no
 * line yet (or only this run's own, written before a crash: it is counted again, never paid again).
 */
export async function pendingBackPayPage(db: Pool, period: Month, within: string, runKey: string, after: string, limit: number) {
  const [afterCase, afterAdj] = after ? [after.slice(0, after.indexOf('|')), after.slice(after.indexOf('|') + 1)] : ['', ''];
  const r = await db.query(
    `SELECT ac.case_id, ac.adjustment_id, ac.from_month, ac.old_amounts, ac.new_amounts, c.program, c.township, c.applicant_name,
            COALESCE((c.state->>'paymentDay')::int, 10) AS payment_day, sa.document_ref
     FROM adjustment_cases ac
     JOIN standard_adjustments sa ON sa.id = ac.adjustment_id AND sa.back_pay
     JOIN cases c ON c.case_id = ac.case_id
     WHERE ac.outcome = 'changed' AND ac.from_month <= $1 AND c.township LIKE $2 || '%' AND (ac.case_id, ac.adjustment_id) > ($4, $5)
       AND NOT EXISTS (SELECT 1 FROM back_payments b WHERE b.case_id = ac.case_id AND b.adjustment_id = ac.adjustment_id
                       AND b.paid_by_run IS DISTINCT FROM $3)
     ORDER BY ac.case_id, ac.adjustment_id LIMIT $6`,
    [period, within, runKey, afterCase, afterAdj, limit],
  );
  return r.rows.map((x): PendingBackPay => ({
    caseId: x.case_id,
    adjustmentId: x.adjustment_id,
    fromMonth: x.from_month,
    oldAmounts: x.old_amounts,
    newAmounts: x.new_amounts,
    program: x.program,
    township: x.township,
    payee: x.applicant_name,
    paymentDay: x.payment_day,
    documentRef: x.document_ref,
  }));
}

/** Every payment the case has had (any period): what was paid, month by month, at which total. */
export async function paidRows(db: Pool, caseId: string): Promise<PaidRow[]> {
  const r = await db.query('SELECT months, amount_fen FROM payments WHERE case_id = $1', [caseId]);
  return r.rows.map((x) => ({ months: x.months, amountFen: Number(x.amount_fen) }));
}

export interface BackPayLine {
  caseId: string;
  adjustmentId: string;
  period: Month;
  program: string;
  township: string;
  payee: string;
  months: Month[];
  amountFen: number;
  dueOn: string;
}

/** 'now': this call wrote it; 'ours': this run wrote it before a crash; 'earlier': another run did. */
export async function insertBackPay(db: Pool, l: BackPayLine, runKey: string): Promise<'now' | 'ours' | 'earlier'> {
  const ins = await db.query(
    `INSERT INTO back_payments (case_id, adjustment_id, period, program, township, payee, months, amount_fen, due_on, paid_by_run)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10) ON CONFLICT (case_id, adjustment_id) DO NOTHING`,
    [l.caseId, l.adjustmentId, l.period, l.program, l.township, l.payee, l.months, l.amountFen, l.dueOn, runKey],
  );
  if (ins.rowCount === 1) return 'now';
  const r = await db.query('SELECT paid_by_run FROM back_payments WHERE case_id = $1 AND adjustment_id = $2', [l.caseId, l.adjustmentId]);
  return r.rows[0]?.paid_by_run === runKey ? 'ours' : 'earlier';
}
