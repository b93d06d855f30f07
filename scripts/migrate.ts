import { createPool } from '../db/pool';
import { prepareDatabase } from '../db/migrate';
import { loadConfig } from '../infra/config';
import { processLogger } from '../infra/logger';

const log = processLogger('migrate');

async function main(): Promise<void> {
  const db = createPool(loadConfig().databaseUrl, 2);
  const applied = await prepareDatabase(db);
  log.info(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date');
  await db.end();
}

main().catch((err) => {
  log.error((err as Error).message);
  process.exit(1);
});
