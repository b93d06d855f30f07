import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Pool } from 'pg';
import type { CaseServices } from '../../api/deps';
import { appDb, testDb } from './db';
import { startApi, TestApi } from './http';
import { devServerEnv, RunningWorker, startWorker, timeSkippingEnv } from './temporal';
import { apiDeps } from './trust';

export interface Harness {
  env: TestWorkflowEnvironment;
  /** The owner's pool: resets and direct checks. */
  db: Pool;
  /** The application role's pool: what the worker and the API use. */
  app: Pool;
  worker: RunningWorker;
  deps: CaseServices;
  api: TestApi;
}

/**
 * One suite's real parts, started in beforeAll and stopped in afterAll: a Temporal server (the
 * time-skipping one, or the dev server for visibility and Schedules), the real worker on a
 * reset database, and, when asked, the API over HTTP.
 */
export function useHarness(o: { server: 'time-skipping' | 'dev'; taskQueue: string; api?: boolean; demoSpeed?: number }): Harness {
  const h = {} as Harness;
  beforeAll(async () => {
    h.env = o.server === 'dev' ? await devServerEnv() : await timeSkippingEnv();
    h.db = await testDb();
    h.app = appDb();
    h.worker = await startWorker(h.env, h.app, o.taskQueue);
    h.deps = {
      db: h.app,
      temporal: h.env.client,
      taskQueue: o.taskQueue,
      acceptWaitMs: 30_000,
      ...(o.demoSpeed ? { demoSpeed: o.demoSpeed } : {}),
    };
    if (o.api) h.api = await startApi(await apiDeps(h.deps));
  });
  afterAll(async () => {
    await h.api?.close();
    await h.worker?.stop();
    await h.env?.teardown();
    await h.app?.end();
    await h.db?.end();
  });
  return h;
}
