import type { Pool, PoolClient } from 'pg';
import { areaCondition } from './keyset';

export const ATTENTION_AUDIT_CHAIN = 'audit_chain_broken';

/** Flags a case for supervisors (again, if it already was: the count and last time move on). */
export async function flagCase(db: Pool, caseId: string, kind: string, reason: string, seq: number | null): Promise<void> {
  await db.query(
    `INSERT INTO cases_needing_attention (case_id, kind, reason, seq) VALUES ($1, $2, $3, $4)
     ON CONFLICT (case_id, kind) DO UPDATE SET reason = EXCLUDED.reason, seq = EXCLUDED.seq, last_seen_at = now(),
       occurrences = CASE WHEN cases_needing_attention.resolved_at IS NULL THEN cases_needing_attention.occurrences + 1 ELSE 1 END,
       first_seen_at = CASE WHEN cases_needing_attention.resolved_at IS NULL THEN cases_needing_attention.first_seen_at ELSE now() END,
       resolved_at = NULL`,
    [caseId, kind, reason, seq],
  );
}

/** A step recorded normally: an open flag of that kind is resolved (kept for the record). */
export async function resolveFlag(tx: PoolClient, caseId: string, kind: string): Promise<void> {
  await tx.query('UPDATE cases_needing_attention SET resolved_at = now() WHERE case_id = $1 AND kind = $2 AND resolved_at IS NULL', [
    caseId,
    kind,
  ]);
}

export interface AttentionItem {
  caseId: string;
  township: string;
  program: string;
  stage: string;
  kind: string;
  reason: string;
  seq: number | null;
  firstSeenAt: string;
  lastSeenAt: string;
  occurrences: number;
}

/** Open flags of cases in an area, most recent first, one page. */
export async function listAttention(db: Pool, within: string, page: number, pageSize: number) {
  const total = (
    await db.query(
      `SELECT count(*)::int AS n FROM cases_needing_attention a JOIN cases c USING (case_id)
     WHERE a.resolved_at IS NULL AND ${areaCondition(within, 1, { township: 'c.township', county: 'c.county' })}`,
      [within],
    )
  ).rows[0].n as number;
  const r = await db.query(
    `SELECT a.*, c.township, c.program, c.stage FROM cases_needing_attention a JOIN cases c USING (case_id)
     WHERE a.resolved_at IS NULL AND ${areaCondition(within, 1, { township: 'c.township', county: 'c.county' })}
     ORDER BY a.last_seen_at DESC, a.case_id LIMIT $2 OFFSET $3`,
    [within, pageSize, (page - 1) * pageSize],
  );
  const items: AttentionItem[] = r.rows.map((x) => ({
    caseId: x.case_id,
    township: x.township,
    program: x.program,
    stage: x.stage,
    kind: x.kind,
    reason: x.reason,
    seq: x.seq,
    firstSeenAt: x.first_seen_at.toISOString(),
    lastSeenAt: x.last_seen_at.toISOString(),
    occurrences: x.occurrences,
  }));
  return { items, total, page, pageSize };
}
