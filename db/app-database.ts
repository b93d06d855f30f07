import type { Pool } from 'pg';
import { setAppRolePassword } from './app-role';
import { pendingMigrations, prepareDatabase } from './migrate';
import { createPool, type PoolOptions } from './pool';

// Who migrates. A process holding the owner's login (MIGRATION_DATABASE_URL, or a DATABASE_URL that
// is not the application role's: `npm start`, the tests, the `migrate` job) migrates, seeds and sets
// the application role's password. A process given only the application role's login (the worker
// and the API in docker-compose) never holds the owner's password: it checks that the migrate job
// left nothing pending and works as that role.

export interface AppDatabaseConfig {
  databaseUrl: string;
  migrationUrl: string;
  DB_ROLE: string;
  DB_ROLE_PASSWORD?: string;
  /** Bounds and log of the application role's pool, and of the owner's pool that migrates. */
  pool?: PoolOptions;
  migrationPool?: PoolOptions;
}

/** True when `migrationUrl` logs in as someone other than the application role (so: as the owner). */
export function holdsOwnerLogin(c: AppDatabaseConfig): boolean {
  return !c.DB_ROLE || decodeURIComponent(new URL(c.migrationUrl).username) !== c.DB_ROLE;
}

/** Migrations, seeds and the application role's password, as the owner (the `migrate` job, `npm start`). */
export async function migrateAsOwner(
  c: AppDatabaseConfig,
  retry: <T>(fn: () => Promise<T>) => Promise<T> = (fn) => fn(),
): Promise<string[]> {
  const owner = createPool(c.migrationUrl, 2, undefined, undefined, c.migrationPool);
  try {
    const applied = await retry(() => prepareDatabase(owner));
    await setAppRolePassword(owner, c.DB_ROLE, c.DB_ROLE_PASSWORD);
    return applied;
  } finally {
    await owner.end();
  }
}

/**
 * The application role's pool, after migrating (owner login) or after checking that the migrations
 * this code needs are applied (application login only): a newer image must not run on an older schema.
 */
export async function appDatabase(
  c: AppDatabaseConfig,
  max: number,
  retry: <T>(fn: () => Promise<T>) => Promise<T> = (fn) => fn(),
  migrationsDir?: string,
): Promise<Pool> {
  if (holdsOwnerLogin(c)) await migrateAsOwner(c, retry);
  const db = createPool(c.databaseUrl, max, c.DB_ROLE || undefined, c.DB_ROLE_PASSWORD, c.pool);
  if (!holdsOwnerLogin(c)) {
    const pending = await retry(() => pendingMigrations(db, migrationsDir)).catch(async (err) => {
      await db.end();
      throw err;
    });
    if (pending.length) {
      await db.end();
      throw new Error(
        `the database lacks migration(s) ${pending.join(', ')}: run the migrate job first (docker-compose up migrate, or node dist/scripts/migrate.js with the owner's DATABASE_URL)`,
      );
    }
  }
  return db;
}
