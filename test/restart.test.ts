// The whole system stopped and started again mid-case, with the same file-backed dev server
// `npm start` uses: the case continues where it was.
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Pool } from 'pg';
import { acceptCase } from '../api/use-cases/accept-case';
import { listEvents } from '../db/audit-repo';
import { shanghaiDate } from '../domain/calendar';
import type { CaseState } from '../domain/case';
import { DevServer, startDevServer } from '../infra/temporal-dev';
import { createWorker } from '../worker/worker';
import * as defs from '../workflows/definitions';
import { testDb } from './support/db';
import { clerk, dibaoApplication, homeVisit } from './support/fixtures';
import { workflowBundle } from './support/temporal';
import { TEST_AUDIT_KEY, testDataConverter } from './support/trust';

const TQ = 'restart-test';
let db: Pool;
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'aidflow-restart-'));

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

interface System {
  server: DevServer;
  client: Client;
  connection: Connection;
  native: NativeConnection;
  worker: Worker;
  running: Promise<void>;
}

async function startSystem(port: number, uiPort: number): Promise<System> {
  const server = await startDevServer({ dataDir, port, uiPort });
  const connection = await Connection.connect({ address: server.address });
  const dataConverter = testDataConverter();
  const native = await NativeConnection.connect({ address: server.address });
  const worker = await createWorker({
    connection: native,
    namespace: 'default',
    taskQueue: TQ,
    db,
    workflowBundle: await workflowBundle(),
    dataConverter,
    auditKey: TEST_AUDIT_KEY,
  });
  return { server, client: new Client({ connection, dataConverter }), connection, native, worker, running: worker.run() };
}

async function stopSystem(s: System): Promise<void> {
  s.worker.shutdown();
  await s.running;
  await s.native.close();
  await s.connection.close();
  await s.server.stop();
}

beforeAll(async () => {
  db = await testDb();
});

afterAll(async () => {
  await db?.end();
  rmSync(dataDir, { recursive: true, force: true });
});

test('stopping Temporal, worker and API mid-case loses nothing', async () => {
  const [port, uiPort] = [await freePort(), await freePort()];
  const first = await startSystem(port, uiPort);
  let caseId: string;
  try {
    const r = await acceptCase({ db, temporal: first.client, taskQueue: TQ, acceptWaitMs: 30_000 }, clerk, dibaoApplication());
    caseId = r.body.caseId;
    expect(r.body.stage).toBe('investigating');
  } finally {
    await stopSystem(first);
  }

  const second = await startSystem(port, uiPort);
  try {
    const handle = second.client.workflow.getHandle(caseId);
    const before = (await handle.query(defs.stateQuery)) as CaseState;
    expect(before).toMatchObject({ caseId, stage: 'investigating' });
    const after = await handle.executeUpdate(defs.recordHomeVisit, {
      args: [{ ...homeVisit({ visitedOn: shanghaiDate(Date.now()) }), actor: clerk }],
    });
    expect(after.stage).toBe('public_notice');
    expect(after.deadline.dueDate).toBe(before.deadline.dueDate);
    expect((await listEvents(db, caseId)).map((e) => e.seq)).toEqual([0, 1, 2, 3, 4]);
  } finally {
    await stopSystem(second);
  }
});
