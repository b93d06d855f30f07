import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { ensurePayrollSchedule, PAYROLL_SCHEDULE_ID } from '../infra/payroll-schedule';
import { prepareDatabase } from '../db/migrate';
import { createPool } from '../db/pool';
import { loadConfig, requireAuditKey, requirePayloadKeys } from '../infra/config';
import { setAppRolePassword } from '../db/app-role';
import { whenReachable } from '../infra/startup-retry';
import { encryptedDataConverter } from '../infra/data-converter';
import { createWorker } from './worker';

async function main(): Promise<void> {
  const config = loadConfig();
  const keys = requirePayloadKeys(config);
  const auditKey = requireAuditKey(config);
  const owner = createPool(config.migrationUrl, 2);
  await whenReachable('worker', `PostgreSQL at ${new URL(config.migrationUrl).host}`, () => prepareDatabase(owner), 'postgres');
  await setAppRolePassword(owner, config.DB_ROLE, config.DB_ROLE_PASSWORD);
  await owner.end();
  const db = createPool(config.databaseUrl, 10, config.DB_ROLE || undefined, config.DB_ROLE_PASSWORD);
  const connection = await whenReachable('worker', `Temporal at ${config.TEMPORAL_ADDRESS}`, () => NativeConnection.connect({ address: config.TEMPORAL_ADDRESS }), 'temporal');
  const worker = await createWorker({
    connection, namespace: config.TEMPORAL_NAMESPACE, taskQueue: config.TASK_QUEUE, db,
    dataConverter: encryptedDataConverter(keys),
    workflowBundle: config.WORKFLOW_BUNDLE ? { codePath: config.WORKFLOW_BUNDLE } : undefined, auditKey,
  });
  const schedule = await whenReachable('worker', `Temporal at ${config.TEMPORAL_ADDRESS}`, async () => {
    const client = new Client({ connection: await Connection.connect({ address: config.TEMPORAL_ADDRESS }), namespace: config.TEMPORAL_NAMESPACE });
    try {
      return await ensurePayrollSchedule(client, config.TASK_QUEUE);
    } finally {
      await client.connection.close();
    }
  }, 'temporal');
  console.log(`[worker] monthly payroll schedule ${PAYROLL_SCHEDULE_ID}: ${schedule}`);
  console.log(`[worker] polling task queue ${config.TASK_QUEUE} on ${config.TEMPORAL_ADDRESS}`);
  // Worker.run() shuts down gracefully on SIGINT/SIGTERM, finishing in-flight tasks first.
  await worker.run();
  await connection.close();
  await db.end();
}

main().catch((err) => {
  console.error('[worker] fatal:', err instanceof Error ? err.message : err);
  process.exit(1);
});
