import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import type { Pool } from 'pg';
import { temporalCli, temporalTestServer } from '../../infra/tools';
import { createWorker } from '../../worker/worker';
import { workflowBundle } from './bundle';
import { SA, SEARCH_ATTRIBUTE_TYPES } from '../../workflows/definitions';
import { TEST_AUDIT_KEY, testDataConverter } from './trust';
import { temporal } from '@temporalio/proto';

const INDEXED = {
  Keyword: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
  Datetime: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_DATETIME,
};

/** The SDK's time-skipping test server, from the project's tools folder (no download), with the case search attributes. */
export async function timeSkippingEnv(): Promise<TestWorkflowEnvironment> {
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: temporalTestServer() } },
    client: { dataConverter: testDataConverter() },
  });
  const searchAttributes = Object.fromEntries(Object.entries(SEARCH_ATTRIBUTE_TYPES).map(([name, type]) => [name, INDEXED[type]]));
  await env.connection.operatorService.addSearchAttributes({ namespace: env.namespace ?? 'default', searchAttributes });
  return env;
}

/** The Temporal CLI dev server: list queries, search attributes, real time. */
export function devServerEnv(): Promise<TestWorkflowEnvironment> {
  return TestWorkflowEnvironment.createLocal({
    server: { executable: { type: 'existing-path', path: temporalCli() }, searchAttributes: Object.values(SA), ip: '127.0.0.1' },
    client: { dataConverter: testDataConverter() },
  });
}

// Worker state changes at INFO would bury the test output; warnings and errors still show.
try {
  Runtime.install({ logger: new DefaultLogger('WARN') });
} catch {
  // already installed by an earlier test file in this process
}

export { workflowBundle } from './bundle';

export interface RunningWorker {
  worker: Worker;
  stop(): Promise<void>;
}

/** The real worker with the real activities against the test database. */
export async function startWorker(env: TestWorkflowEnvironment, db: Pool, taskQueue: string): Promise<RunningWorker> {
  const worker = await createWorker({
    connection: env.nativeConnection,
    namespace: env.namespace ?? 'default',
    taskQueue,
    db,
    workflowBundle: await workflowBundle(),
    dataConverter: testDataConverter(),
    auditKey: TEST_AUDIT_KEY,
  });
  const running = worker.run();
  return {
    worker,
    async stop() {
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await running;
    },
  };
}

/** Polls until `fn` returns a value that passes `ok`; visibility and timers settle asynchronously. */
export async function eventually<T>(fn: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (ok(v)) return v;
    if (Date.now() > until) throw new Error(`condition not met within ${timeoutMs} ms; last value: ${JSON.stringify(v).slice(0, 500)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
