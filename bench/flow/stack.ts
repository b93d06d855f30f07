// What the flow measures (P1, P2, P3a) run against: their own PostgreSQL, Temporal dev server,
// the real worker (and a trivial comparator worker with the same settings) and the API, all on
// ports from ctx.port(n), all stopped again by stop().
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import type { Server } from 'node:http';
import path from 'node:path';
import type { Pool } from 'pg';
import { createApp } from '../../api/app';
import { createAuthenticator } from '../../api/auth';
import type { ApiDeps, CaseServices } from '../../api/deps';
import { prepareDatabase } from '../../db/migrate';
import { createPool } from '../../db/pool';
import type { Actor } from '../../domain/case';
import { AesGcmCodec, parseKeys } from '../../infra/codec';
import { encryptedDataConverter } from '../../infra/data-converter';
import { startEmbeddedPg } from '../../infra/embedded-pg';
import { startDevServer } from '../../infra/temporal-dev';
import { mintToken } from '../../infra/tokens';
import { replayOptions } from '../../infra/replay-options';
import { bundleWorkflows } from '../../infra/workflow-bundle';
import { createWorker } from '../../worker/worker';
import type { BenchContext } from '../types';
import { trivialActivities } from '../trivial/activities';

// Bench-only secrets: the same encryption and token checks as production, with throwaway keys.
const KEYS = { spec: `b1:${Buffer.alloc(32, 3).toString('base64')}`, activeId: 'b1' };
const JWT = { secret: 'bench-secret-for-aidflow-bench-only-0123456789', issuer: 'aidflow', audience: 'aidflow-api' };
const AUDIT_KEY = Buffer.alloc(32, 5);

// Worker state changes at INFO would bury the runner's lines; warnings and errors still show.
try {
  Runtime.install({ logger: new DefaultLogger('WARN') });
} catch {
  // installed already (another measure in this process)
}

export const AIDFLOW_QUEUE = 'bench-aidflow';
export const TRIVIAL_QUEUE = 'bench-trivial';

export interface FlowStack {
  client: Client;
  db: Pool;
  deps: CaseServices;
  /** Base URL of the API (only with `api: true`). */
  url: string;
  token(actor: Actor): Promise<string>;
  stop(): Promise<void>;
}

/** `demoSpeed`: days pass this many times faster in new cases (the 7-day notice in seconds). */
export async function startFlowStack(ctx: BenchContext, o: { api: boolean; demoSpeed?: number }): Promise<FlowStack> {
  const stops: (() => Promise<unknown>)[] = [];
  const stop = async () => {
    for (const s of stops.reverse()) await s().catch(() => undefined);
  };
  try {
    const pg = await startEmbeddedPg({
      dataDir: path.join(ctx.scratch, 'flow-pg'),
      port: ctx.port(0),
      database: 'aidflow_bench',
      throwaway: true,
    });
    stops.push(() => pg.stop());
    const owner = createPool(pg.url, 4);
    stops.push(() => owner.end());
    await prepareDatabase(owner);
    const db = createPool(pg.url, 20, 'aidflow_app');
    stops.push(() => db.end());

    const server = await startDevServer({
      dataDir: path.join(ctx.scratch, 'flow-temporal'),
      port: ctx.port(1),
      uiPort: ctx.port(2),
      quiet: true,
    });
    stops.push(() => server.stop());
    const dataConverter = encryptedDataConverter(KEYS);
    const connection = await Connection.connect({ address: server.address });
    stops.push(() => connection.close());
    const client = new Client({ connection, namespace: 'default', dataConverter });

    const native = await NativeConnection.connect({ address: server.address });
    stops.push(() => native.close());
    const worker = await createWorker({
      connection: native,
      namespace: 'default',
      taskQueue: AIDFLOW_QUEUE,
      db,
      workflowBundle: await bundleWorkflows(),
      dataConverter,
      auditKey: AUDIT_KEY,
    });
    // The comparator: its own queue and bundle, the same worker settings and data converter.
    const trivial = await Worker.create({
      connection: native,
      namespace: 'default',
      taskQueue: TRIVIAL_QUEUE,
      workflowBundle: await bundleWorkflows(path.resolve(__dirname, '../trivial/workflows.ts')),
      activities: trivialActivities(),
      dataConverter,
      // Read off the aidflow worker, so a change to its settings reaches the comparator too.
      maxCachedWorkflows: worker.options.maxCachedWorkflows,
    });
    for (const w of [worker, trivial]) {
      const running = w.run();
      stops.push(async () => {
        if (w.getState() === 'RUNNING') w.shutdown();
        await running;
      });
    }

    const deps: CaseServices = {
      db,
      temporal: client,
      taskQueue: AIDFLOW_QUEUE,
      acceptWaitMs: 30_000,
      ...(o.demoSpeed ? { demoSpeed: o.demoSpeed } : {}),
    };
    let url = '';
    if (o.api) {
      const apiDeps: ApiDeps = {
        ...deps,
        authenticate: await createAuthenticator(JWT),
        codec: new AesGcmCodec(parseKeys(KEYS.spec, KEYS.activeId)),
        codecCorsOrigins: [],
        rateLimitPerMinute: 1_000_000,
        replayOptions: replayOptions(dataConverter),
        auditKey: AUDIT_KEY,
      };
      const http: Server = await new Promise((resolve) => {
        const s = createApp(apiDeps).listen(ctx.port(3), '127.0.0.1', () => resolve(s));
      });
      stops.push(() => new Promise((resolve) => http.close(resolve)));
      url = `http://127.0.0.1:${ctx.port(3)}`;
    }
    const token = (a: Actor) => {
      if (a.role === 'system') throw new Error('no tokens for the system actor');
      return mintToken(JWT.secret, { sub: a.id, role: a.role, jurisdiction: a.jurisdiction ?? '', ttl: '2h' });
    };
    return { client, db, deps, url, token, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
