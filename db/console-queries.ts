import type { Pool } from 'pg';
import { startOfShanghaiDay, type DateStr } from '../domain/calendar';
import { lastWeeks, weeklySeries } from '../domain/weeks';
import { areaCondition, cappedCountSql, COUNT_CAP } from './keyset';

const AREA = { township: 'township', county: 'county' };

// Aggregates for the console's overview, always bounded by the caller's area (a jurisdiction prefix).

export interface TownshipCounts {
  township: string;
  byStage: Record<string, number>;
  bySla: Record<string, number>;
  open: number;
}

/** Open cases per township, by stage and by time-limit status: one grouped index-only scan (cases_county_open_counts). */
export async function openCaseCounts(db: Pool, within: string): Promise<TownshipCounts[]> {
  const r = await db.query(
    `SELECT township, stage, sla_status, count(*)::int AS n FROM cases
     WHERE is_open AND ${areaCondition(within, 1, AREA)} GROUP BY township, stage, sla_status ORDER BY township`,
    [within],
  );
  const out = new Map<string, TownshipCounts>();
  for (const x of r.rows) {
    const t: TownshipCounts = out.get(x.township) ?? { township: x.township, byStage: {}, bySla: {}, open: 0 };
    t.byStage[x.stage] = (t.byStage[x.stage] ?? 0) + x.n;
    t.bySla[x.sla_status] = (t.bySla[x.sla_status] ?? 0) + x.n;
    t.open += x.n;
    out.set(t.township, t);
  }
  return [...out.values()];
}

/** Warnings and breaches recorded per week (Monday, Beijing time) over `weeks` weeks to today's (domain/weeks.ts), quiet weeks as zeros. */
export async function slaEventsPerWeek(
  db: Pool,
  within: string,
  today: DateStr,
  weeks = 12,
): Promise<{ week: string; warnings: number; breaches: number }[]> {
  const r = await db.query(
    `SELECT to_char(date_trunc('week', e.occurred_at AT TIME ZONE 'Asia/Shanghai'), 'YYYY-MM-DD') AS week,
            count(*) FILTER (WHERE e.type IN ('sla_warning', 'paperwork_reminder', 'deliberation_reminder'))::int AS warnings,
            count(*) FILTER (WHERE e.type IN ('sla_breached', 'paperwork_overdue', 'deliberation_escalated'))::int AS breaches
     FROM case_events e JOIN cases c USING (case_id)
     WHERE ${areaCondition(within, 1, { township: 'c.township', county: 'c.county' })} AND e.occurred_at >= $2
       AND e.type IN ('sla_warning', 'paperwork_reminder', 'deliberation_reminder', 'sla_breached', 'paperwork_overdue', 'deliberation_escalated')
     GROUP BY 1 ORDER BY 1`,
    [within, new Date(startOfShanghaiDay(lastWeeks(today, weeks)[0]))],
  );
  return weeklySeries(today, weeks, r.rows, { warnings: 0, breaches: 0 });
}

/** Counts behind the overview's cards: each matches a list filter the card links to. */
export async function overviewCounts(db: Pool, within: string) {
  const r = await db.query(
    // Two partial indexes instead of a scan of every case in the area (#11): breached (with its stage) and staff-related.
    `SELECT count(*) FILTER (WHERE stage = 'paperwork_due')::int AS overdue_paperwork,
            count(*) FILTER (WHERE stage = 'deliberating')::int AS stalled_deliberations,
            (SELECT count(*) FROM cases WHERE staff_related AND ${areaCondition(within, 1, AREA)})::int AS staff_related,
            count(*)::int AS breached
     FROM cases WHERE sla_status = 'breached' AND ${areaCondition(within, 1, AREA)}`,
    [within],
  );
  const x = r.rows[0];
  return {
    overduePaperwork: x.overdue_paperwork,
    stalledDeliberations: x.stalled_deliberations,
    staffRelated: x.staff_related,
    breached: x.breached,
  };
}

/** Payments made on one case, newest period first. */
export async function paymentsOfCase(db: Pool, caseId: string) {
  const r = await db.query(
    'SELECT period, months, amount_fen, due_on, payee FROM payments WHERE case_id = $1 ORDER BY period DESC LIMIT 200',
    [caseId],
  );
  return r.rows.map((x) => ({
    period: x.period as string,
    months: x.months as string[],
    amountFen: Number(x.amount_fen),
    dueOn: x.due_on as string,
    payee: x.payee as string,
  }));
}

/** Referrals their department did not answer in time, answered since or not (as GET /api/supervision/referrals-overdue lists them). */
export async function overdueReferralCount(db: Pool, within: string): Promise<{ n: number; capped: boolean }> {
  const r = await db.query(cappedCountSql('referrals', `WHERE sla_status = 'breached' AND ${areaCondition(within, 1, AREA)}`, 2), [
    within,
    COUNT_CAP + 1,
  ]);
  const n = r.rows[0].n as number;
  return { n: Math.min(n, COUNT_CAP), capped: n > COUNT_CAP };
}
