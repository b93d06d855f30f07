import type { PoolClient, Pool } from 'pg';
import { eventHash } from './audit-hash';

export interface AuditEventInput {
  caseId: string;
  seq: number;
  type: string;
  stage: string;
  actor: { id: string; role: string };
  reason: string | null;
  data: Record<string, unknown>;
  occurredAtMs: number;
  dueDate: string | null;
  /** The Temporal run that recorded it (absent in events recorded before runs were tracked). */
  runId?: string;
}

/**
 * Idempotent on (case, seq): an activity retried after a lost acknowledgement finds its own row.
 * The chain links to event seq-1, which the workflow always records first.
 */
export async function appendEvent(tx: PoolClient, e: AuditEventInput): Promise<void> {
  const exists = await tx.query('SELECT 1 FROM case_events WHERE case_id = $1 AND seq = $2', [e.caseId, e.seq]);
  if (exists.rowCount) return;
  let prevHash: string | null = null;
  if (e.seq > 0) {
    const prev = await tx.query('SELECT hash FROM case_events WHERE case_id = $1 AND seq = $2', [e.caseId, e.seq - 1]);
    if (!prev.rowCount) throw new Error(`audit chain gap: case ${e.caseId} has no event ${e.seq - 1}`);
    prevHash = prev.rows[0].hash;
  }
  const occurredAt = new Date(e.occurredAtMs).toISOString();
  const hash = eventHash({
    caseId: e.caseId, seq: e.seq, type: e.type, stage: e.stage, actorId: e.actor.id, actorRole: e.actor.role,
    reason: e.reason, data: e.data, occurredAt, dueDate: e.dueDate, prevHash, runId: e.runId,
  });
  await tx.query(
    `INSERT INTO case_events (case_id, seq, type, stage, actor_id, actor_role, reason, data, occurred_at, due_date, prev_hash, hash, run_id)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13) ON CONFLICT (case_id, seq) DO NOTHING`,
    [e.caseId, e.seq, e.type, e.stage, e.actor.id, e.actor.role, e.reason, e.data, occurredAt, e.dueDate, prevHash, hash, e.runId ?? null],
  );
}

export interface AuditEventRow {
  seq: number;
  type: string;
  stage: string;
  actor: { id: string; role: string };
  reason: string | null;
  data: Record<string, unknown>;
  occurredAt: string;
  dueDate: string | null;
  prevHash: string | null;
  hash: string;
  runId: string | null;
}

export async function listEvents(db: Pool, caseId: string): Promise<AuditEventRow[]> {
  const r = await db.query('SELECT * FROM case_events WHERE case_id = $1 ORDER BY seq', [caseId]);
  return r.rows.map((row) => ({
    seq: row.seq, type: row.type, stage: row.stage, actor: { id: row.actor_id, role: row.actor_role },
    reason: row.reason, data: row.data, occurredAt: row.occurred_at.toISOString(), dueDate: row.due_date,
    prevHash: row.prev_hash, hash: row.hash, runId: row.run_id,
  }));
}
