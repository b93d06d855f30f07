// Every pool bounds how long a statement and a connection may take: an overloaded server cancels
// the statement (statement_timeout), and a server that answers nothing at all (frozen, here behind a
// proxy that holds every byte) is given up by the client, whose connection is then closed, never
// handed out again. Each of these is an outage: 503 with Retry-After.
import type { Pool } from 'pg';
import { fromOutage } from '../api/db-errors';
import { isDatabaseOutage } from '../db/outage';
import { createPool, inTransaction } from '../db/pool';
import { loadConfig, poolBounds } from '../infra/config';
import { FreezableProxy, freezableProxy } from './support/freezable-proxy';

const url = () => process.env.TEST_DATABASE_URL!;
const pids = (pool: Pool) => pool.query('SELECT pg_backend_pid() AS pid').then((r) => r.rows[0].pid as number);

/** How long `p` took to settle, and its error (undefined when it succeeded); gives up after `ms`. */
async function settled(p: Promise<unknown>, ms = 8_000): Promise<{ ms: number; err?: unknown }> {
  const t0 = Date.now();
  let timer: NodeJS.Timeout | undefined;
  const outcome = await Promise.race([
    p.then(
      () => ({ err: undefined }),
      (err: unknown) => ({ err }),
    ),
    new Promise<{ err: unknown }>((r) => (timer = setTimeout(() => r({ err: new Error(`still waiting after ${ms} ms`) }), ms))),
  ]);
  clearTimeout(timer);
  return { ms: Date.now() - t0, ...outcome };
}

let proxy: FreezableProxy;
let pool: Pool;
beforeEach(async () => {
  const u = new URL(url());
  proxy = await freezableProxy({ host: u.hostname, port: Number(u.port || 5432) });
  u.port = String(proxy.port);
  pool = createPool(u.toString(), 2, undefined, undefined, { statementTimeoutMs: 500, connectTimeoutMs: 500 });
});
afterEach(async () => {
  proxy.thaw();
  await pool.end();
  await proxy.close();
});

test('a statement that outlives statement_timeout is cancelled by the server: an outage (503), and the pool works on', async () => {
  const r = await settled(pool.query('SELECT pg_sleep(3)'));
  expect(r.err).toMatchObject({ code: '57014' });
  expect(r.ms).toBeLessThan(1_500);
  expect(fromOutage(r.err)).toMatchObject({ status: 503, code: 'DATABASE_UNAVAILABLE' });
  expect((await pool.query('SELECT 1 AS one')).rows[0].one).toBe(1);
});

test('a frozen server: a read on an open connection fails within the bound, and that connection is never used again', async () => {
  const before = await pids(pool);
  proxy.freeze();
  const r = await settled(pool.query('SELECT 1'));
  expect(String(r.err)).toMatch(/Query read timeout/);
  expect(r.ms).toBeLessThan(2_000);
  expect(isDatabaseOutage(r.err)).toBe(true);
  // Closed, not back in the pool: nothing waits behind the statement the frozen server still holds.
  expect(pool.totalCount).toBe(0);
  proxy.thaw();
  expect(await pids(pool)).not.toBe(before);
});

test('a frozen server: a transaction fails within one bound (no ROLLBACK waited for) and its client is discarded', async () => {
  await pids(pool);
  proxy.freeze();
  const r = await settled(inTransaction(pool, (tx) => tx.query('SELECT 1')));
  expect(isDatabaseOutage(r.err)).toBe(true);
  expect(r.ms).toBeLessThan(1_500);
  expect(pool.totalCount).toBe(0);
  // A new connection cannot start while the server is frozen: that too fails within the bound.
  const fresh = await settled(pool.query('SELECT 1'));
  expect(isDatabaseOutage(fresh.err)).toBe(true);
  expect(fresh.ms).toBeLessThan(1_500);
  proxy.thaw();
  expect((await pool.query('SELECT 1 AS one')).rows[0].one).toBe(1);
});

test('a frozen server: a checked-out client whose statement timed out is discarded even when released as healthy', async () => {
  const c = await pool.connect();
  proxy.freeze();
  const r = await settled(c.query('SELECT 1'));
  expect(String(r.err)).toMatch(/Query read timeout/);
  c.release();
  expect(pool.totalCount).toBe(0);
});

test('every client of a full pool busy: the wait for one ends within the bound, as an outage', async () => {
  const held = await Promise.all([pool.connect(), pool.connect()]);
  try {
    const r = await settled(pool.query('SELECT 1'));
    expect(String(r.err)).toMatch(/timeout exceeded when trying to connect/);
    expect(r.ms).toBeLessThan(1_500);
    expect(fromOutage(r.err)).toMatchObject({ status: 503 });
  } finally {
    for (const c of held) c.release();
  }
});

test('the bounds come from the one config: short for the API, long for the worker and migrations; bad values refused', () => {
  const c = loadConfig({ NODE_ENV: 'test', DATA_DIR: '.no-such-dir' });
  expect(poolBounds(c, 'api')).toEqual({ statementTimeoutMs: 3_000, connectTimeoutMs: 3_000 });
  expect(poolBounds(c, 'worker')).toEqual({ statementTimeoutMs: 25_000, connectTimeoutMs: 25_000 });
  expect(poolBounds(c, 'migration').statementTimeoutMs).toBe(1_800_000);
  expect(c.TEMPORAL_CALL_TIMEOUT_MS).toBe(4_000);
  expect(poolBounds(loadConfig({ DATA_DIR: '.no-such-dir', DB_STATEMENT_TIMEOUT_MS: '1500' }), 'api').statementTimeoutMs).toBe(1_500);
  expect(() => loadConfig({ DATA_DIR: '.no-such-dir', DB_STATEMENT_TIMEOUT_MS: '0' })).toThrow(/DB_STATEMENT_TIMEOUT_MS/);
  expect(() => loadConfig({ DATA_DIR: '.no-such-dir', TEMPORAL_CALL_TIMEOUT_MS: 'soon' })).toThrow(/TEMPORAL_CALL_TIMEOUT_MS/);
});
