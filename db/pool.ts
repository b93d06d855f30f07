import { Pool, type PoolClient, types } from 'pg';
import { describeDbError } from './outage';

// DATE columns stay `YYYY-MM-DD` strings: parsing them into JS Dates would shift them by the
// host's time zone, and dates are Asia/Shanghai calendar days throughout.
types.setTypeParser(types.builtins.DATE, (v: string) => v);
// bigint amounts in fen fit a JS number (< 2^53) comfortably.
types.setTypeParser(types.builtins.INT8, (v: string) => Number(v));

/**
 * The URL with `role` as its login. The application logs in as its restricted role itself: a
 * session that logged in as the owner and switched with `SET ROLE` could switch back.
 */
export function loginAs(url: string, role: string, password?: string): string {
  const u = new URL(url);
  if (decodeURIComponent(u.username) === role) return url;
  u.username = encodeURIComponent(role);
  u.password = password ? encodeURIComponent(password) : '';
  return u.toString();
}

/**
 * `role`: the restricted role every session of the application logs in as (it may append audit
 * rows but never change them); `password` its password where the server asks for one.
 * Migrations use a pool without one (the owner).
 */
export function createPool(url: string, max = 10, role?: string, password?: string): Pool {
  const pool = new Pool({
    connectionString: role ? loginAs(url, role, password) : url,
    max,
    // While PostgreSQL is down a request fails within seconds (503) instead of waiting for a free client forever.
    connectionTimeoutMillis: 5_000,
  });
  // An idle client whose server went away (a restart, `pg_ctl stop -m immediate`) emits 'error' on
  // the pool; unhandled, that kills the process. The pool drops that client and connects afresh
  // on the next query, so a log line is all it takes.
  pool.on('error', (err) => console.warn(`[db] idle connection lost (${describeDbError(err)}); reconnecting on next use`));
  // A client checked out with pool.connect() (transactions) has no pool listener while out: its
  // socket dying emits 'error' on it too. The running query already rejects with that error and
  // the caller releases the client, so this listener only keeps the process alive.
  pool.on('connect', (client) => void client.on('error', () => undefined));
  return pool;
}

/** Runs `fn` in one transaction on a client of its own: everything it writes stands or falls together. */
export async function inTransaction<T>(db: Pool, fn: (tx: PoolClient) => Promise<T>): Promise<T> {
  const tx = await db.connect();
  try {
    await tx.query('BEGIN');
    const out = await fn(tx);
    await tx.query('COMMIT');
    return out;
  } catch (err) {
    await tx.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    tx.release();
  }
}
