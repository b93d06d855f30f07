// What the scale measures (P4, P5, P7) run against: their own PostgreSQL and Temporal server (the
// dev server, or the time-skipping test server when years must pass), on ports from ctx.port(n),
// stopped again by stop(). Workers are started by each measure (settings are what P5/P7 vary).
import { Client, Connection } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import path from 'node:path';
import type { Pool } from 'pg';
import { prepareDatabase } from '../../db/migrate';
import { createPool } from '../../db/pool';
import type { Actor } from '../../domain/case';
import { encryptedDataConverter } from '../../infra/data-converter';
import { startEmbeddedPg } from '../../infra/embedded-pg';
import { startDevServer } from '../../infra/temporal-dev';
import { temporalTestServer } from '../../infra/tools';
import { mintToken } from '../../infra/tokens';
import { SEARCH_ATTRIBUTE_TYPES } from '../../workflows/definitions';
import type { BenchContext } from '../types';
import { temporal } from '@temporalio/proto';
import { DefaultLogger, Runtime } from '@temporalio/worker';

// Worker state changes at INFO would bury the bench output; warnings and errors still show.
try {
  Runtime.install({ logger: new DefaultLogger('WARN') });
} catch {
  // already installed by an earlier measure in this process
}

// Bench-only secrets: the same encryption, MACs and token checks as production, with throwaway keys.
export const KEYS = { spec: `s1:${Buffer.alloc(32, 13).toString('base64')}`, activeId: 's1' };
export const JWT_SECRET = 'bench-scale-secret-for-aidflow-bench-only-0123';
export const AUDIT_KEY = Buffer.alloc(32, 17);
export const dataConverter = () => encryptedDataConverter(KEYS);

export interface ScaleStack {
  /** The owner's database URL (migrations ran) and the application role's pool. */
  pgUrl: string;
  db: Pool;
  address: string;
  client: Client;
  /** Time-skipping only: moves server time. */
  env?: TestWorkflowEnvironment;
  token(actor: Actor): Promise<string>;
  stop(): Promise<void>;
}

const INDEXED = {
  Keyword: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
  Datetime: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_DATETIME,
};

/** `first`: the first of the three ports this stack takes (PostgreSQL, Temporal, its UI). */
export async function startScaleStack(
  ctx: BenchContext,
  o: { server: 'dev' | 'time-skipping'; first: number; name: string },
): Promise<ScaleStack> {
  const stops: (() => Promise<unknown>)[] = [];
  const stop = async () => {
    for (const s of stops.reverse()) await s().catch(() => undefined);
  };
  try {
    const pg = await startEmbeddedPg({
      dataDir: path.join(ctx.scratch, `${o.name}-pg`),
      port: ctx.port(o.first),
      database: 'aidflow_bench',
      throwaway: true,
    });
    stops.push(() => pg.stop());
    const owner = createPool(pg.url, 2);
    await prepareDatabase(owner);
    await owner.end();
    const db = createPool(pg.url, 20, 'aidflow_app');
    stops.push(() => db.end());
    let address: string;
    let client: Client;
    let env: TestWorkflowEnvironment | undefined;
    if (o.server === 'dev') {
      const server = await startDevServer({
        dataDir: path.join(ctx.scratch, `${o.name}-temporal`),
        port: ctx.port(o.first + 1),
        uiPort: ctx.port(o.first + 2),
        quiet: true,
      });
      stops.push(() => server.stop());
      address = server.address;
      const connection = await Connection.connect({ address });
      stops.push(() => connection.close());
      client = new Client({ connection, namespace: 'default', dataConverter: dataConverter() });
    } else {
      const e = await TestWorkflowEnvironment.createTimeSkipping({
        server: { executable: { type: 'existing-path', path: temporalTestServer() }, port: ctx.port(o.first + 1) },
        client: { dataConverter: dataConverter() },
      });
      env = e;
      stops.push(() => e.teardown());
      const searchAttributes = Object.fromEntries(Object.entries(SEARCH_ATTRIBUTE_TYPES).map(([n, t]) => [n, INDEXED[t]]));
      await e.connection.operatorService.addSearchAttributes({ namespace: 'default', searchAttributes });
      address = `127.0.0.1:${ctx.port(o.first + 1)}`;
      client = e.client;
    }
    const token = (a: Actor) => {
      if (a.role === 'system') throw new Error('no tokens for the system actor');
      return mintToken(JWT_SECRET, { sub: a.id, role: a.role, jurisdiction: a.jurisdiction ?? '', ttl: '2h' });
    };
    return { pgUrl: pg.url, db, address, client, env, token, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
