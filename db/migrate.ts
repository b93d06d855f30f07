import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Pool, PoolClient } from 'pg';
import { seed } from './seed';

// Compiled code runs from dist/db, where tsc copies no SQL: look beside the source too.
const DIR = [path.join(__dirname, 'migrations'), path.join(__dirname, '..', '..', 'db', 'migrations')].find(existsSync) ?? '';
// Worker and API start at once and both prepare the database: one does it, the other waits.
const LOCK_KEY = 41_202_021;

const migrationFiles = (dir: string) =>
  readdirSync(dir)
    .filter((f) => /^\d+_.*\.sql$/.test(f))
    .sort();

async function applyMigrations(client: PoolClient, dir: string): Promise<string[]> {
  await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`);
  const done = new Set((await client.query('SELECT version FROM schema_migrations')).rows.map((r) => r.version));
  const applied: string[] = [];
  for (const file of migrationFiles(dir)) {
    if (done.has(file)) continue;
    await client.query('BEGIN');
    try {
      await client.query(readFileSync(path.join(dir, file), 'utf8'));
      await client.query('INSERT INTO schema_migrations (version) VALUES ($1)', [file]);
      await client.query('COMMIT');
      applied.push(file);
    } catch (err) {
      await client.query('ROLLBACK');
      throw new Error(`migration ${file} failed: ${(err as Error).message}`);
    }
  }
  return applied;
}

/** Migrations, then the shipped profiles and calendars, under one advisory lock. */
export async function prepareDatabase(pool: Pool, dir = DIR): Promise<string[]> {
  if (!dir) throw new Error('db/migrations not found');
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [LOCK_KEY]);
    const applied = await applyMigrations(client, dir);
    await seed(pool);
    return applied;
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [LOCK_KEY]).catch(() => undefined);
    client.release();
  }
}

/** Migrations this code ships that the database has not applied (all of them on an empty database). */
export async function pendingMigrations(pool: Pool, dir = DIR): Promise<string[]> {
  if (!dir) throw new Error('db/migrations not found');
  const done = await pool.query('SELECT version FROM schema_migrations').then(
    (r) => new Set(r.rows.map((row) => row.version as string)),
    (err: { code?: string }) => {
      if (err.code === '42P01') return new Set<string>();
      throw err;
    },
  );
  return migrationFiles(dir).filter((f) => !done.has(f));
}
