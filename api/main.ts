import { Client, Connection } from '@temporalio/client';
import { prepareDatabase } from '../db/migrate';
import { createPool } from '../db/pool';
import { loadConfig } from '../infra/config';
import { createApp } from './app';

async function main(): Promise<void> {
  const config = loadConfig();
  const db = createPool(config.databaseUrl);
  await prepareDatabase(db);
  const connection = await Connection.connect({ address: config.TEMPORAL_ADDRESS });
  const temporal = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE });
  const app = createApp({ db, temporal, taskQueue: config.TASK_QUEUE, acceptWaitMs: 10_000, demoSpeed: config.demoSpeed });
  const server = app.listen(config.API_PORT, config.API_HOST, () => {
    console.log(`[api] listening on http://${config.API_HOST}:${config.API_PORT} (docs: /docs)`);
    if (config.DEMO_DAY_SECONDS) console.log(`[api] DEMO TIME: one case day lasts ${config.DEMO_DAY_SECONDS} s for new cases`);
  });
  const stop = () => {
    server.close(async () => {
      await connection.close();
      await db.end();
      process.exit(0);
    });
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err) => {
  console.error('[api] fatal:', err);
  process.exit(1);
});
