import { NativeConnection } from '@temporalio/worker';
import { prepareDatabase } from '../db/migrate';
import { createPool } from '../db/pool';
import { loadConfig } from '../infra/config';
import { createWorker } from './worker';

async function main(): Promise<void> {
  const config = loadConfig();
  const db = createPool(config.databaseUrl);
  await prepareDatabase(db);
  const connection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS });
  const worker = await createWorker({
    connection, namespace: config.TEMPORAL_NAMESPACE, taskQueue: config.TASK_QUEUE, db,
    workflowBundle: config.WORKFLOW_BUNDLE ? { codePath: config.WORKFLOW_BUNDLE } : undefined,
  });
  console.log(`[worker] polling task queue ${config.TASK_QUEUE} on ${config.TEMPORAL_ADDRESS}`);
  // Worker.run() shuts down gracefully on SIGINT/SIGTERM, finishing in-flight tasks first.
  await worker.run();
  await connection.close();
  await db.end();
}

main().catch((err) => {
  console.error('[worker] fatal:', err);
  process.exit(1);
});
