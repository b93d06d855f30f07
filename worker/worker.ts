import { NativeConnection, Worker, WorkerOptions } from '@temporalio/worker';
import type { Pool } from 'pg';
import type { DataConverter } from '@temporalio/common';
import { createActivities } from '../activities';
import { localDataMatchProvider } from '../infra/local-data-match';
import type { Logger } from '../infra/logger';
import { bundleWorkflows } from '../infra/workflow-bundle';
import { activityLogInterceptor } from './activity-log';

export interface WorkerParams {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  db: Pool;
  /** A pre-built bundle (production, tests); without one the worker bundles workflows/ at start. */
  workflowBundle?: WorkerOptions['workflowBundle'];
  /** The payload codec: required outside unit tests, so no case data reaches Temporal in clear. */
  dataConverter?: DataConverter;
  /** AUDIT_MAC_KEY: every audit event is MAC'd with it (required: no event without a MAC). */
  auditKey: Buffer;
  /** Logs each activity with its request id (worker/activity-log.ts); tests leave it out. */
  log?: Logger;
}

export async function createWorker(p: WorkerParams): Promise<Worker> {
  // Bundled here rather than by Worker.create: quietly (no webpack statistics) and with the interceptors.
  const workflowBundle = p.workflowBundle ?? (await bundleWorkflows());
  return Worker.create({
    connection: p.connection,
    namespace: p.namespace,
    taskQueue: p.taskQueue,
    workflowBundle,
    ...(p.log ? { interceptors: { activity: [activityLogInterceptor(p.log)] } } : {}),
    activities: createActivities({ db: p.db, dataMatch: localDataMatchProvider(p.db), auditKey: p.auditKey }),
    ...(p.dataConverter ? { dataConverter: p.dataConverter } : {}),
    // Cases live for years; keep the cache bounded and let evicted ones replay on demand.
    maxCachedWorkflows: 500,
  });
}
