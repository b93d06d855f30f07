import { createHash } from 'node:crypto';
import type { Pool } from 'pg';
import type { Actor } from '../domain/case';

export interface ConsoleSession {
  actor: Actor;
  csrfToken: string;
  expiresAt: Date;
}

// The id itself never reaches the database: whoever reads the table cannot turn a row into a cookie.
const idHash = (id: string): Buffer => createHash('sha256').update(id).digest();

/** Stores a new session under its id's hash; sweeps the expired ones while at it. */
export async function openConsoleSession(db: Pool, id: string, s: ConsoleSession): Promise<void> {
  await db.query('DELETE FROM console_sessions WHERE expires_at <= now()');
  await db.query(
    `INSERT INTO console_sessions (id_hash, actor_id, actor_role, jurisdiction, actor_name, csrf_token, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [idHash(id), s.actor.id, s.actor.role, s.actor.jurisdiction ?? null, s.actor.name ?? null, s.csrfToken, s.expiresAt],
  );
}

/** The live session with this id; expired and ended ones give nothing. */
export async function findConsoleSession(db: Pool, id: string): Promise<ConsoleSession | undefined> {
  const r = await db.query(
    `SELECT actor_id, actor_role, jurisdiction, actor_name, csrf_token, expires_at FROM console_sessions
     WHERE id_hash = $1 AND expires_at > now()`,
    [idHash(id)],
  );
  const x = r.rows[0];
  if (!x) return undefined;
  const actor: Actor = {
    id: x.actor_id,
    role: x.actor_role,
    ...(x.jurisdiction ? { jurisdiction: x.jurisdiction } : {}),
    ...(x.actor_name ? { name: x.actor_name } : {}),
  };
  return { actor, csrfToken: x.csrf_token, expiresAt: x.expires_at };
}

export async function endConsoleSession(db: Pool, id: string): Promise<void> {
  await db.query('DELETE FROM console_sessions WHERE id_hash = $1', [idHash(id)]);
}
