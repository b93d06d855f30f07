import type { Pool } from 'pg';
import type { TimedList } from './lists';

// P6's figures: timings, EXPLAIN (ANALYZE, BUFFERS) of the very queries each list sends, and sizes.

export async function timeMs(fn: () => Promise<unknown>): Promise<number> {
  const t = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - t) / 1e6;
}

/** Nearest-rank 95th percentile. */
export function p95(xs: number[]): number {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(0.95 * s.length) - 1)];
}

const LISTED = /\b(FROM|JOIN)\s+(cases|payments|access_denials|referrals)\b/;
type Query = (text: string, values?: unknown[]) => Promise<{ rows: Record<string, unknown>[] }>;

/** Runs each list once while recording the SQL it sends, then explains each statement with its own arguments. */
export async function explainAll(pool: Pool, lists: TimedList[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  const target = pool as unknown as { query: Query };
  const original = target.query;
  const query: Query = (text, values) => original.call(pool, text, values);
  for (const l of lists) {
    const seen: { text: string; values?: unknown[] }[] = [];
    target.query = (text, values) => {
      if (typeof text === 'string' && LISTED.test(text)) seen.push({ text, values });
      return query(text, values);
    };
    try {
      await l.run();
    } finally {
      target.query = original;
    }
    const lines: string[] = [];
    for (const q of seen) {
      const plan = await query(`EXPLAIN (ANALYZE, BUFFERS) ${q.text}`, q.values);
      lines.push(`EXPLAIN (ANALYZE, BUFFERS) ${q.text.replace(/\s+/g, ' ').slice(0, 200)}`);
      lines.push(...plan.rows.map((r) => `  ${String(r['QUERY PLAN'])}`));
    }
    out.set(l.id, lines);
  }
  return out;
}

/** Heap, TOAST and index sizes of the listed tables. */
export async function sizes(pool: Pool): Promise<string[]> {
  const r = await pool.query(
    `SELECT t.relname AS table, pg_size_pretty(pg_relation_size(t.oid)) AS heap,
            pg_size_pretty(pg_total_relation_size(t.oid) - pg_relation_size(t.oid) - pg_indexes_size(t.oid)) AS toast,
            pg_size_pretty(pg_indexes_size(t.oid)) AS indexes, t.reltuples::bigint AS rows,
            (SELECT string_agg(i.relname || ' ' || pg_size_pretty(pg_relation_size(i.oid)), ', ' ORDER BY pg_relation_size(i.oid) DESC)
               FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid WHERE x.indrelid = t.oid) AS each
     FROM pg_class t WHERE t.relname IN ('cases', 'payments', 'access_denials', 'referrals') AND t.relkind = 'r' ORDER BY t.relname`,
  );
  return r.rows.flatMap((x) => [`${x.table}: ${x.rows} rows, heap ${x.heap}, toast ${x.toast}, indexes ${x.indexes}`, `  ${x.each}`]);
}
