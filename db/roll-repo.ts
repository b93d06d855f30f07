import type { Pool } from 'pg';
import { maskName, ROLL_PROGRAMS, RollEntry } from '../domain/roll';
import type { Month } from '../domain/payments';

export interface RollQuery {
  township: string;
  village: string;
  month: Month;
  page: number;
  pageSize: number;
}

/**
 * Derived from the read model at query time, so it always agrees with the payroll: approved 低保/特困
 * cases of the village whose paid window covers the month, with the amount in force that month.
 * Approval, amount changes, exit and termination all show without a copy to keep in step.
 */
export async function rollFor(db: Pool, q: RollQuery): Promise<{ items: RollEntry[]; total: number; totalFen: number }> {
  const base = `
    SELECT c.case_id, c.program, c.applicant_name,
           COALESCE(jsonb_array_length(c.state->'application'->'members'), c.member_count) AS household_size,
           (SELECT a.amount_fen FROM benefit_amounts a WHERE a.case_id = c.case_id AND a.from_month <= $3
             ORDER BY a.from_month DESC LIMIT 1) AS amount_fen
    FROM cases c
    WHERE c.decision = 'approve' AND c.program = ANY($4::text[]) AND c.township = $1
      AND c.application->'household'->>'village' = $2
      AND c.paid_from <= $3 AND (c.paid_through IS NULL OR c.paid_through >= $3)`;
  const args = [q.township, q.village, q.month, ROLL_PROGRAMS];
  const sum = await db.query(
    `SELECT count(*)::int AS n, COALESCE(sum(amount_fen), 0)::bigint AS fen FROM (${base}) r WHERE amount_fen > 0`,
    args,
  );
  const r = await db.query(`SELECT * FROM (${base}) r WHERE amount_fen > 0 ORDER BY program, case_id LIMIT $5 OFFSET $6`, [
    ...args,
    q.pageSize,
    (q.page - 1) * q.pageSize,
  ]);
  return {
    total: sum.rows[0].n,
    totalFen: Number(sum.rows[0].fen),
    items: r.rows.map((x) => ({
      headMasked: maskName(x.applicant_name),
      householdSize: x.household_size,
      program: x.program,
      monthlyAmountFen: Number(x.amount_fen),
    })),
  };
}
