import { Client, Connection } from '@temporalio/client';
import { makeTelemetryFilterString, NativeConnection, Runtime, type Worker } from '@temporalio/worker';
import { ensurePayrollSchedule, PAYROLL_SCHEDULE_ID } from '../infra/payroll-schedule';
import { appDatabase } from '../db/app-database';
import { appDatabaseConfig, loadConfig, requireAuditKey, requirePayloadKeys } from '../infra/config';
import { whenReachable } from '../infra/startup-retry';
import { encryptedDataConverter } from '../infra/data-converter';
import { logProcessWarnings, processLogger } from '../infra/logger';
import { anyFreePort } from '../infra/ports';
import { temporalLogger } from '../infra/temporal-logger';
import { startWorkerHttp } from './http-server';
import { createWorker } from './worker';

const log = processLogger('worker');
logProcessWarnings(log);
// Until the worker runs, a stop signal simply ends the process (waiting for PostgreSQL or Temporal).
const early = () => process.exit(0);
process.once('SIGINT', early);
process.once('SIGTERM', early);

async function main(): Promise<void> {
  const config = loadConfig();
  const keys = requirePayloadKeys(config);
  const auditKey = requireAuditKey(config);
  // Before any connection: the SDK's and the core's logs go through our logger, and its metrics to
  // a Prometheus exporter on loopback that the worker's own /metrics serves.
  const sdkMetricsPort = config.WORKER_SDK_METRICS_PORT || (await anyFreePort());
  Runtime.install({
    logger: temporalLogger(log),
    // Our own signal handling (below): the SDK's would swallow SIGTERM while no worker exists yet.
    shutdownSignals: [],
    telemetryOptions: {
      logging: { forward: {}, filter: makeTelemetryFilterString({ core: 'WARN', other: 'ERROR' }) },
      metrics: { prometheus: { bindAddress: `127.0.0.1:${sdkMetricsPort}` } },
    },
  });
  // Migrates first when it holds the owner's login; with only the application role's (compose), checks.
  const db = await appDatabase(appDatabaseConfig(config, 'worker', log), 10, (fn) =>
    whenReachable('worker', `PostgreSQL at ${new URL(config.databaseUrl).host}`, fn, 'postgres'),
  );
  const connection = await whenReachable(
    'worker',
    `Temporal at ${config.TEMPORAL_ADDRESS}`,
    () => NativeConnection.connect({ address: config.TEMPORAL_ADDRESS }),
    'temporal',
  );
  let worker: Worker | undefined;
  // Ctrl-C reaches the worker directly and through npm start (SIGINT, then SIGTERM): shut down once.
  const stop = () => (worker ? void (worker.getState() === 'RUNNING' && worker.shutdown()) : process.exit(0));
  process.off('SIGINT', early).off('SIGTERM', early);
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  const http = await startWorkerHttp({
    host: config.WORKER_HOST,
    port: config.WORKER_PORT,
    db,
    connection,
    worker: () => worker,
    log,
    sdkMetricsUrl: `http://127.0.0.1:${sdkMetricsPort}/metrics`,
  });
  log.info({ url: http.url }, `worker health: ${http.url}/health/ready, metrics: ${http.url}/metrics`);
  worker = await createWorker({
    connection,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: config.TASK_QUEUE,
    db,
    log,
    dataConverter: encryptedDataConverter(keys),
    workflowBundle: config.WORKFLOW_BUNDLE ? { codePath: config.WORKFLOW_BUNDLE } : undefined,
    auditKey,
  });
  const schedule = await whenReachable(
    'worker',
    `Temporal at ${config.TEMPORAL_ADDRESS}`,
    async () => {
      const client = new Client({
        connection: await Connection.connect({ address: config.TEMPORAL_ADDRESS }),
        namespace: config.TEMPORAL_NAMESPACE,
      });
      try {
        return await ensurePayrollSchedule(client, config.TASK_QUEUE);
      } finally {
        await client.connection.close();
      }
    },
    'temporal',
  );
  log.info(`monthly payroll schedule ${PAYROLL_SCHEDULE_ID}: ${schedule}`);
  log.info(
    { taskQueue: config.TASK_QUEUE, temporal: config.TEMPORAL_ADDRESS },
    `polling task queue ${config.TASK_QUEUE} on ${config.TEMPORAL_ADDRESS}`,
  );
  // Worker.run() shuts down gracefully on SIGINT/SIGTERM, finishing in-flight tasks first.
  await worker.run();
  await http.close();
  await connection.close();
  await db.end();
}

main().catch((err) => {
  log.fatal({ err }, `fatal: ${err instanceof Error ? err.message : err}`);
  process.exit(1);
});
