import { Connection } from '@temporalio/client';
import { migratedAppDatabase } from './cli';
import { loadConfig } from '../infra/config';
import { indexLegacyFromTemporal } from '../infra/legacy-index';
import { processLogger } from '../infra/logger';

const log = processLogger('codec-index');

// Usage: npm run codec:index-legacy   (while Temporal and PostgreSQL run; needs no payload keys)
// Ties every payload encrypted before payload bindings to its case, so /codec/decode can show it
// to that case's area and to nobody else.
async function main(): Promise<void> {
  const config = loadConfig();
  const db = await migratedAppDatabase(config);
  const connection = await Connection.connect({ address: config.TEMPORAL_ADDRESS });
  try {
    const s = await indexLegacyFromTemporal(connection, config.TEMPORAL_NAMESPACE, db);
    log.info(
      `${s.runs} workflow run(s) read; ${s.payloadsIndexed} legacy payload(s) newly tied to their case; ${s.systemRunsSkipped} system run(s) skipped`,
    );
  } finally {
    await connection.close();
    await db.end();
  }
}

main().catch((err) => {
  log.error((err as Error).message);
  process.exit(1);
});
