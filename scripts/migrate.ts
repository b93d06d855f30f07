import { createPool } from '../db/pool';
import { prepareDatabase } from '../db/migrate';
import { loadConfig } from '../infra/config';

async function main(): Promise<void> {
  const db = createPool(loadConfig().databaseUrl, 2);
  const applied = await prepareDatabase(db);
  console.log(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date');
  await db.end();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
