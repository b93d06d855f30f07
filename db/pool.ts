import { Client, Pool, type PoolClient, types } from 'pg';
import { describeDbError, isDatabaseOutage } from './outage';

// DATE columns stay `YYYY-MM-DD` strings: parsing them into JS Dates would shift them by the
// host's time zone, and dates are Asia/Shanghai calendar days throughout.
types.setTypeParser(types.builtins.DATE, (v: string) => v);
// bigint amounts in fen fit a JS number (< 2^53) comfortably.
types.setTypeParser(types.builtins.INT8, (v: string) => Number(v));

/**
 * How long one statement and one connection may take. `statementTimeoutMs` is PostgreSQL's own
 * `statement_timeout` (an overloaded server cancels the statement, SQLSTATE 57014); the client gives
 * up CLIENT_GRACE_MS later by itself, which is what bounds a server that does not answer at all
 * (stopped, frozen, cut off). `connectTimeoutMs` bounds both the wait for a free client of the pool
 * and a new connection's start-up.
 */
export interface PoolBounds {
  statementTimeoutMs: number;
  connectTimeoutMs: number;
}

/** Pools made without bounds of their own (tests, benches, tools): generous, but never unbounded. */
export const DEFAULT_POOL_BOUNDS: PoolBounds = { statementTimeoutMs: 60_000, connectTimeoutMs: 10_000 };

// The server's cancel normally arrives first and leaves the connection usable.
const CLIENT_GRACE_MS = 500;

export interface PoolOptions extends Partial<PoolBounds> {
  /** Where the pool reports a connection it lost while idle (the process's JSON logger). */
  log?: { warn(fields: object, message: string): void };
}

/**
 * A client whose statement outlived the client-side bound closes its connection at once: the
 * statement may still be running (or the server frozen), so the connection would hold every later
 * statement behind it. Closed, it fails what is queued behind, and the pool discards it on release
 * even when the caller releases it as healthy (a transaction's client, an activity's).
 */
class BoundedClient extends Client {
  override query(...args: any[]): any {
    const last = args.length - 1;
    if (typeof args[last] === 'function') {
      const callback = args[last] as (err: Error | null, res: unknown) => void;
      args[last] = (err: Error | null, res: unknown) => {
        this.dropIfTimedOut(err);
        callback(err, res);
      };
      return (super.query as (...a: any[]) => unknown)(...args);
    }
    const out = (super.query as (...a: any[]) => unknown)(...args);
    if (out instanceof Promise) out.catch((err: unknown) => this.dropIfTimedOut(err));
    return out;
  }

  private dropIfTimedOut(err: unknown): void {
    // end() marks the client ending at once (the pool then discards it on release) and, with a
    // statement still out, closes the socket without waiting for the server.
    if ((err as Error | null)?.message === 'Query read timeout') void this.end().catch(() => undefined);
  }
}

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
export function createPool(url: string, max = 10, role?: string, password?: string, o: PoolOptions = {}): Pool {
  const statementTimeoutMs = o.statementTimeoutMs ?? DEFAULT_POOL_BOUNDS.statementTimeoutMs;
  const pool = new Pool({
    Client: BoundedClient,
    connectionString: role ? loginAs(url, role, password) : url,
    max,
    // While PostgreSQL is down or frozen a request fails within seconds (503) instead of waiting for a client forever.
    connectionTimeoutMillis: o.connectTimeoutMs ?? DEFAULT_POOL_BOUNDS.connectTimeoutMs,
    statement_timeout: statementTimeoutMs,
    query_timeout: statementTimeoutMs + CLIENT_GRACE_MS,
  });
  // An idle client whose server went away (a restart, `pg_ctl stop -m immediate`) emits 'error' on
  // the pool; unhandled, that kills the process. The pool drops that client and connects afresh
  // on the next query, so a log line is all it takes.
  pool.on('error', (err) => o.log?.warn({ error: describeDbError(err) }, 'idle database connection lost; reconnecting on next use'));
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
    tx.release();
    return out;
  } catch (err) {
    // Unreachable or timed out: no ROLLBACK to wait for; closing the connection rolls back.
    if (isDatabaseOutage(err)) tx.release(err as Error);
    else {
      await tx.query('ROLLBACK').catch(() => undefined);
      tx.release();
    }
    throw err;
  }
}
