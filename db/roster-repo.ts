import type { Pool } from 'pg';
import type { Month } from '../domain/payments';
import type { BackPayLine } from './back-pay-repo';
import { areaCondition, decodeCursor, encodeCursor, type Keyset, type KeysetPage, pageOf } from './keyset';
import { listPayments, rosterPage } from './payroll-repo';

// The roster (发放花名册) of a period: its regular payments, then its 补发 lines (#13). Counts, totals and
// pages cover both, so the console, the API and the CSV the bank takes agree line for line.

/** A roster line: a month's payment, or a 补发 line with the adjustment that caused it. */
export interface RosterLine extends Omit<BackPayLine, 'adjustmentId'> {
  kind: 'regular' | 'back_pay';
  adjustmentId?: string;
  /** What the line is, for the CSV and the console: empty for a regular payment. */
  note: string;
}

const backPayNote = (documentRef: string) => `补发（调标 ${documentRef}）`;

/** The whole roster, for the CSV download (a file, not a screen). */
export async function rosterLines(db: Pool, period: Month, within: string): Promise<RosterLine[]> {
  const regular = (await listPayments(db, period, within)).map((p): RosterLine => ({ ...p, kind: 'regular', note: '' }));
  return [...regular, ...(await backPayPage(db, period, within, { limit: 2_147_483_646 })).items];
}

/** The list a cursor was handed out for, without checking its values (decodeCursor does that). */
function cursorList(cursor: string | undefined): string | undefined {
  if (!cursor) return undefined;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    return Array.isArray(parsed) && typeof parsed[0] === 'string' ? parsed[0] : undefined;
  } catch {
    return undefined;
  }
}

async function backPayPage(db: Pool, period: Month, within: string, page: Keyset): Promise<KeysetPage<RosterLine>> {
  const args: unknown[] = [period, within];
  const parts = ['b.period = $1', areaCondition(within, 2, { township: 'b.township', county: 'left(b.township, 6)' }), 'b.amount_fen > 0'];
  const after = decodeCursor('roster-back-pay', ['id', 'id', 'id'], page.cursor);
  if (after) {
    args.push(...after);
    parts.push('(b.township, b.case_id, b.adjustment_id) > ($3, $4, $5)');
  }
  args.push(page.limit + 1);
  const r = await db.query(
    `SELECT b.*, sa.document_ref FROM back_payments b JOIN standard_adjustments sa ON sa.id = b.adjustment_id
     WHERE ${parts.join(' AND ')} ORDER BY b.township, b.case_id, b.adjustment_id LIMIT $${args.length}`,
    args,
  );
  return pageOf(
    r.rows,
    page.limit,
    'roster-back-pay',
    (x) => [x.township, x.case_id, x.adjustment_id],
    (x): RosterLine => ({
      caseId: x.case_id,
      adjustmentId: x.adjustment_id,
      period: x.period,
      program: x.program,
      township: x.township,
      payee: x.payee,
      months: x.months,
      amountFen: Number(x.amount_fen),
      dueOn: x.due_on,
      kind: 'back_pay',
      note: backPayNote(x.document_ref),
    }),
  );
}

/** One page of the roster: payments in (township, case) order, then the 补发 lines; one cursor walks both. */
export async function rosterLinePage(db: Pool, period: Month, within: string, page: Keyset): Promise<KeysetPage<RosterLine>> {
  if (cursorList(page.cursor) === 'roster-back-pay') return backPayPage(db, period, within, page);
  const regular = await rosterPage(db, period, within, page);
  const items = regular.items.map((p): RosterLine => ({ ...p, kind: 'regular', note: '' }));
  if (regular.nextCursor) return { items, nextCursor: regular.nextCursor };
  const room = page.limit - items.length;
  const back = await backPayPage(db, period, within, { limit: Math.max(room, 1) });
  if (room > 0) return { items: [...items, ...back.items], nextCursor: back.nextCursor };
  // A full last page of payments with 补发 lines still to come: the next page starts after its last payment.
  const last = items[items.length - 1];
  return { items, nextCursor: back.items.length ? encodeCursor('roster', [last.township, last.caseId]) : null };
}

/** Lines and their sum per township and program, payments and 补发 lines together. */
export async function rosterTotals(db: Pool, period: Month, within: string) {
  const area = (t: string) => areaCondition(within, 2, { township: t, county: t === 'township' ? 'county' : `left(${t}, 6)` });
  const r = await db.query(
    `SELECT township, program, sum(n)::int AS n, sum(fen)::bigint AS fen FROM (
       SELECT township, program, count(*) AS n, sum(amount_fen) AS fen FROM payments
       WHERE period = $1 AND ${area('township')} GROUP BY township, program
       UNION ALL
       SELECT township, program, count(*), sum(amount_fen) FROM back_payments b
       WHERE period = $1 AND ${area('b.township')} AND amount_fen > 0 GROUP BY township, program
     ) t GROUP BY township, program ORDER BY township, program`,
    [period, within],
  );
  return r.rows.map((x) => ({ township: x.township as string, program: x.program as string, count: x.n as number, fen: Number(x.fen) }));
}

/**
 * The months (newest first, at most `limit`) whose roster has a line in the area: the periods are walked
 * down the (period, …) indexes one at a time, so a county with years of payments costs a few probes per month.
 */
export async function rosterMonths(db: Pool, within: string, limit = 36): Promise<Month[]> {
  const walk = (name: string, table: string) => `${name}(period) AS (
      (SELECT period FROM ${table} WHERE period <= '9999-99' ORDER BY period DESC LIMIT 1)
      UNION ALL
      SELECT (SELECT period FROM ${table} WHERE period < m.period ORDER BY period DESC LIMIT 1) FROM ${name} m WHERE m.period IS NOT NULL)`;
  const r = await db.query(
    `WITH RECURSIVE ${walk('paid', 'payments')}, ${walk('topped', 'back_payments')}
     SELECT period FROM paid m WHERE period ~ '^\\d{4}-\\d{2}$'
       AND EXISTS (SELECT 1 FROM payments x WHERE x.period = m.period AND ${areaCondition(within, 1, { township: 'x.township', county: 'x.county' })})
     UNION
     SELECT period FROM topped m WHERE period ~ '^\\d{4}-\\d{2}$'
       AND EXISTS (SELECT 1 FROM back_payments x WHERE x.period = m.period AND x.amount_fen > 0
                   AND ${areaCondition(within, 1, { township: 'x.township', county: 'left(x.township, 6)' })})
     ORDER BY period DESC LIMIT $2`,
    [within, limit],
  );
  return r.rows.map((x) => x.period as Month);
}
