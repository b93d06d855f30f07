import { NativeConnection, Worker, WorkerOptions } from '@temporalio/worker';
import path from 'node:path';
import type { Pool } from 'pg';
import type { DataConverter } from '@temporalio/common';
import { createActivities } from '../activities';
import { localDataMatchProvider } from '../infra/local-data-match';

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
}

export async function createWorker(p: WorkerParams): Promise<Worker> {
  const workflows = p.workflowBundle ? { workflowBundle: p.workflowBundle } : { workflowsPath: path.join(__dirname, '../workflows') };
  return Worker.create({
    connection: p.connection,
    namespace: p.namespace,
    taskQueue: p.taskQueue,
    ...workflows,
    activities: createActivities({ db: p.db, dataMatch: localDataMatchProvider(p.db), auditKey: p.auditKey }),
    ...(p.dataConverter ? { dataConverter: p.dataConverter } : {}),
    // Cases live for years; keep the cache bounded and let evicted ones replay on demand.
    maxCachedWorkflows: 500,
  });
}
