import type { PoolClient, Pool } from 'pg';
import { eventHash, HashedFields } from './audit-hash';
import { eventMac } from './audit-mac';

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

/** The chain cannot take this event (a predecessor is missing, or its seq holds another event): retrying cannot help. */
export class AuditChainBrokenError extends Error {
  constructor(
    readonly caseId: string,
    readonly seq: number,
    message: string,
  ) {
    super(message);
    this.name = 'AuditChainBrokenError';
  }
}

export interface Appended {
  seq: number;
  /** null only when the event was recorded before MACs existed (a retried legacy step). */
  mac: string | null;
}

function fieldsOf(e: AuditEventInput, prevHash: string | null): HashedFields {
  return {
    caseId: e.caseId,
    seq: e.seq,
    type: e.type,
    stage: e.stage,
    actorId: e.actor.id,
    actorRole: e.actor.role,
    reason: e.reason,
    data: e.data,
    occurredAt: new Date(e.occurredAtMs).toISOString(),
    dueDate: e.dueDate,
    prevHash,
    runId: e.runId,
  };
}

/**
 * Idempotent on (case, seq): an activity retried after a lost acknowledgement finds its own row
 * (and checks it is its own). The chain links to event seq-1, which the workflow always records first.
 */
export async function appendEvent(tx: PoolClient, e: AuditEventInput, key: Buffer): Promise<Appended> {
  const q = (seq: number) => tx.query('SELECT hash, mac FROM case_events WHERE case_id = $1 AND seq = $2', [e.caseId, seq]);
  const prev = e.seq > 0 ? await q(e.seq - 1) : undefined;
  if (prev && !prev.rowCount)
    throw new AuditChainBrokenError(e.caseId, e.seq, `audit chain gap: case ${e.caseId} has no event ${e.seq - 1}`);
  const prevHash: string | null = prev?.rows[0].hash ?? null;
  const prevMac: string | null = prev?.rows[0].mac ?? null;
  const f = fieldsOf(e, prevHash);
  const hash = eventHash(f);
  const mine = (row: { hash: string; mac: string | null }): Appended => {
    if (row.hash !== hash)
      throw new AuditChainBrokenError(e.caseId, e.seq, `audit chain inconsistent: case ${e.caseId} already has a different event ${e.seq}`);
    return { seq: e.seq, mac: row.mac };
  };
  const exists = await q(e.seq);
  if (exists.rowCount) return mine(exists.rows[0]);
  const mac = eventMac(key, prevMac, f);
  // A concurrent attempt of the same step (an activity timed out while still running) may insert first.
  const ins = await tx.query(
    `INSERT INTO case_events (case_id, seq, type, stage, actor_id, actor_role, reason, data, occurred_at, due_date, prev_hash, hash, run_id, mac)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14) ON CONFLICT (case_id, seq) DO NOTHING`,
    [
      e.caseId,
      e.seq,
      e.type,
      e.stage,
      e.actor.id,
      e.actor.role,
      e.reason,
      e.data,
      f.occurredAt,
      e.dueDate,
      prevHash,
      hash,
      e.runId ?? null,
      mac,
    ],
  );
  if (!ins.rowCount) return mine((await q(e.seq)).rows[0]);
  return { seq: e.seq, mac };
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
    seq: row.seq,
    type: row.type,
    stage: row.stage,
    actor: { id: row.actor_id, role: row.actor_role },
    reason: row.reason,
    data: row.data,
    occurredAt: row.occurred_at.toISOString(),
    dueDate: row.due_date,
    prevHash: row.prev_hash,
    hash: row.hash,
    runId: row.run_id,
  }));
}
