// Outage handling without the chaos run: errors that mean "unreachable" become 503 with
// Retry-After, an idle connection killed by the server does not take the process down, restarts
// back off, and the supervisor says what is missing.
import { Client, Connection, ServiceError, WorkflowNotFoundError } from '@temporalio/client';
import { fromOutage } from '../api/db-errors';
import { createPool } from '../db/pool';
import { isDatabaseOutage } from '../db/outage';
import { Backoff } from '../infra/backoff';
import { probePostgres, probeTemporal } from '../infra/probe';
import { freePort } from './chaos/system';
import { testDb } from './support/db';
import { startApi } from './support/http';
import { clerk } from './support/fixtures';
import { apiDeps, tokenFor } from './support/trust';

test('database errors: connection failures count as outages, statement errors do not', () => {
  const e = (code: string, message = 'x') => Object.assign(new Error(message), { code });
  for (const err of [
    e('ECONNREFUSED'),
    e('57P01'),
    e('57P03'),
    e('08006'),
    new Error('Connection terminated unexpectedly'),
    new AggregateError([e('ECONNREFUSED')], 'connect failed'),
    Object.assign(new Error('wrapped'), { cause: e('08001') }),
  ]) {
    expect(isDatabaseOutage(err)).toBe(true);
  }
  for (const err of [e('23505'), e('22008'), e('42P01'), new Error('case vanished')]) expect(isDatabaseOutage(err)).toBe(false);
});

test('restarts back off: 1 s doubling to 30 s, and from 1 s again after a minute of uptime', () => {
  let now = 0;
  const b = new Backoff({}, () => now);
  b.started();
  const waits = Array.from({ length: 7 }, () => b.failed());
  expect(waits).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000]);
  b.started();
  now += 60_000;
  expect(b.failed()).toBe(1_000);
});

test('the supervisor names what is missing', async () => {
  const port = await freePort();
  expect(await probeTemporal(`127.0.0.1:${port}`)).toBe(`nothing listens at 127.0.0.1:${port} (Temporal)`);
  expect(await probePostgres(`postgres://aidflow@127.0.0.1:${port}/aidflow`)).toMatch(
    `PostgreSQL at 127.0.0.1:${port} refused the connection`,
  );
  expect(await probePostgres(process.env.TEST_DATABASE_URL!)).toBe('');
});

test('an idle connection killed by the server is logged, not fatal, and the pool works on', async () => {
  const owner = await testDb();
  const warn = jest.fn();
  const pool = createPool(process.env.TEST_DATABASE_URL!, 2, undefined, undefined, { log: { warn } });
  try {
    const pid = (await pool.query('SELECT pg_backend_pid() AS pid')).rows[0].pid;
    // What a restart or `pg_ctl stop -m immediate` does to every session: without the pool's
    // error listener this 'error' event would kill the process (jest reports it as a failure).
    // The pool's own listener (createPool) runs before this one: once 'error' is here, it has logged.
    const lost = new Promise((r) => pool.once('error', r));
    await owner.query('SELECT pg_terminate_backend($1)', [pid]);
    await Promise.race([lost, new Promise((r) => setTimeout(r, 5_000))]);
    expect(warn.mock.calls[0]?.[1]).toMatch(/idle database connection lost/);
    expect((await pool.query('SELECT 1 AS one')).rows[0].one).toBe(1);
  } finally {
    await pool.end();
    await owner.end();
  }
});

test('PostgreSQL and Temporal unreachable: 503 with Retry-After and a code, /health says which', async () => {
  const [pgPort, temporalPort] = [await freePort(), await freePort()];
  const db = createPool(`postgres://aidflow@127.0.0.1:${pgPort}/aidflow`, 2);
  const temporal = new Client({ connection: Connection.lazy({ address: `127.0.0.1:${temporalPort}` }) });
  const api = await startApi(await apiDeps({ db, temporal, taskQueue: 'nowhere', acceptWaitMs: 1_000 }));
  try {
    const health = await fetch(`${api.url}/health`);
    expect(health.status).toBe(503);
    expect(health.headers.get('retry-after')).toBe('5');
    expect(await health.json()).toEqual({ status: 'degraded', database: 'unreachable', temporal: 'unreachable' });
    const read = await fetch(`${api.url}/api/cases/DB-430921101-2026-000001`, {
      headers: { authorization: `Bearer ${await tokenFor(clerk)}` },
    });
    expect(read.status).toBe(503);
    expect(read.headers.get('retry-after')).toBe('5');
    expect(((await read.json()) as { error: unknown }).error).toMatchObject({
      code: 'DATABASE_UNAVAILABLE',
      message: expect.stringContaining('PostgreSQL'),
    });
  } finally {
    await api.close();
    await temporal.connection.close();
    await db.end();
  }
});

test('Temporal unreachable, or an update it lost in a restart: 503 TEMPORAL_UNAVAILABLE; a missing workflow stays 404', () => {
  const grpc = (code: number) => Object.assign(new Error(`${code} no connection`), { code, details: 'no connection', metadata: {} });
  expect(fromOutage(new ServiceError('start failed', { cause: grpc(14) }))).toMatchObject({ status: 503, code: 'TEMPORAL_UNAVAILABLE' });
  expect(fromOutage(grpc(4))).toMatchObject({ status: 503, code: 'TEMPORAL_UNAVAILABLE' });
  expect(fromOutage(new WorkflowNotFoundError('update "3a9c" not found', 'DB-1', undefined))).toMatchObject({ status: 503 });
  expect(fromOutage(new WorkflowNotFoundError('workflow not found', 'DB-1', undefined))).toBeUndefined();
  expect(fromOutage(grpc(3))).toBeUndefined();
});
