import { holdsOwnerLogin, migrateAsOwner } from '../db/app-database';
import { appDatabaseConfig, loadConfig } from '../infra/config';
import { processLogger } from '../infra/logger';

// `npm run migrate`, and the one-shot `migrate` job of docker-compose: as the database owner, applies
// the migrations, loads the shipped profiles and calendars, and gives the application role
// (DB_ROLE, aidflow_app) the password it logs in with (DB_ROLE_PASSWORD). Worker and API then
// need only that role's login.

const log = processLogger('migrate');

async function main(): Promise<void> {
  const config = loadConfig();
  if (!holdsOwnerLogin(config))
    throw new Error(`DATABASE_URL (or MIGRATION_DATABASE_URL) logs in as ${config.DB_ROLE}: migrations need the owner's login`);
  const applied = await migrateAsOwner(appDatabaseConfig(config, 'worker', log));
  log.info(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date');
  if (config.DB_ROLE && config.DB_ROLE_PASSWORD) log.info(`login password of ${config.DB_ROLE} set`);
}

main().catch((err) => {
  log.error((err as Error).message);
  process.exit(1);
});
