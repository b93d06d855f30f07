import type { Pool } from 'pg';
import { eventHash } from './audit-hash';

export interface ChainReport {
  caseId: string;
  events: number;
  intact: boolean;
  /** The first event whose stored hash, link or sequence does not hold. */
  firstBroken: null | { seq: number; problem: string };
}

/**
 * Recomputes each event's hash from its stored fields and checks it links to the one before.
 * A changed field, a deleted event or a reordered chain shows up as the first broken link.
 */
export async function verifyChain(db: Pool, caseId: string): Promise<ChainReport> {
  const r = await db.query('SELECT * FROM case_events WHERE case_id = $1 ORDER BY seq', [caseId]);
  let prevHash: string | null = null;
  for (let i = 0; i < r.rows.length; i++) {
    const e = r.rows[i];
    const broken = (problem: string): ChainReport => ({ caseId, events: r.rows.length, intact: false, firstBroken: { seq: e.seq, problem } });
    if (e.seq !== i) return broken(`expected event ${i} here, found ${e.seq}: an event is missing`);
    if (e.prev_hash !== prevHash) return broken('its link to the previous event does not match that event\'s hash');
    const hash = eventHash({
      caseId, seq: e.seq, type: e.type, stage: e.stage, actorId: e.actor_id, actorRole: e.actor_role, reason: e.reason,
      data: e.data, occurredAt: e.occurred_at.toISOString(), dueDate: e.due_date, prevHash: e.prev_hash, runId: e.run_id ?? undefined,
    });
    if (hash !== e.hash) return broken('its content no longer matches its hash: the row was altered');
    prevHash = e.hash;
  }
  // Deleting the newest events leaves a valid shorter chain: the case's own count exposes it.
  const c = await db.query("SELECT (state->>'eventCount')::int AS n FROM cases WHERE case_id = $1", [caseId]);
  const expected: number | null = c.rows[0]?.n ?? null;
  if (expected !== null && expected > r.rows.length) {
    return { caseId, events: r.rows.length, intact: false, firstBroken: { seq: r.rows.length, problem: `the case recorded ${expected} events; event ${r.rows.length} onwards is missing` } };
  }
  return { caseId, events: r.rows.length, intact: true, firstBroken: null };
}
