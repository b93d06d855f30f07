// Who migrates: the owner's login migrates and sets the application role's password; a process given
// only aidflow_app's login (the worker and API in docker-compose) checks that nothing is pending and
// refuses to start on an older schema.
import { mkdtempSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Pool } from 'pg';
import { appDatabase, holdsOwnerLogin, migrateAsOwner } from '../db/app-database';
import { pendingMigrations, prepareDatabase } from '../db/migrate';
import { loginAs } from '../db/pool';
import { testDb } from './support/db';

let owner: Pool;
beforeAll(async () => {
  owner = await testDb();
});
afterAll(async () => {
  await owner?.end();
});

const url = () => process.env.TEST_DATABASE_URL!;
const appOnly = () => ({ databaseUrl: loginAs(url(), 'aidflow_app'), migrationUrl: loginAs(url(), 'aidflow_app'), DB_ROLE: 'aidflow_app' });

test('the owner login migrates; the application login does not', () => {
  expect(holdsOwnerLogin({ databaseUrl: url(), migrationUrl: url(), DB_ROLE: 'aidflow_app' })).toBe(true);
  expect(holdsOwnerLogin(appOnly())).toBe(false);
  // An owner migration URL beside an application DATABASE_URL: it migrates.
  expect(holdsOwnerLogin({ ...appOnly(), migrationUrl: url() })).toBe(true);
});

test('with only the application login: a pool as aidflow_app on a migrated database', async () => {
  const db = await appDatabase(appOnly(), 2);
  try {
    expect((await db.query('SELECT current_user AS u')).rows[0].u).toBe('aidflow_app');
    // The restricted role: it cannot rewrite the audit trail.
    await expect(db.query('DELETE FROM case_events')).rejects.toMatchObject({ code: '42501' });
  } finally {
    await db.end();
  }
});

test('a migration the database lacks: the application login refuses to start, naming it; the owner applies it', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'aidflow-migrations-'));
  const shipped = path.resolve(__dirname, '../db/migrations');
  for (const f of readdirSync(shipped)) symlinkSync(path.join(shipped, f), path.join(dir, f));
  expect(await pendingMigrations(owner, dir)).toEqual([]);
  writeFileSync(path.join(dir, '999_probe.sql'), 'CREATE TABLE IF NOT EXISTS migration_probe (id int);');
  expect(await pendingMigrations(owner, dir)).toEqual(['999_probe.sql']);
  await expect(appDatabase(appOnly(), 2, undefined, dir)).rejects.toThrow(/lacks migration\(s\) 999_probe\.sql: run the migrate job/);
  try {
    expect(await prepareDatabase(owner, dir)).toEqual(['999_probe.sql']);
    expect(await pendingMigrations(owner, dir)).toEqual([]);
  } finally {
    await owner.query('DROP TABLE IF EXISTS migration_probe');
    await owner.query("DELETE FROM schema_migrations WHERE version = '999_probe.sql'");
  }
});

test('the migrate step as owner sets the login password of aidflow_app', async () => {
  try {
    await migrateAsOwner({ databaseUrl: url(), migrationUrl: url(), DB_ROLE: 'aidflow_app', DB_ROLE_PASSWORD: 'probe-password' });
    const r = await owner.query(
      "SELECT rolcanlogin, rolpassword LIKE 'SCRAM-SHA-256$%' AS scram FROM pg_authid WHERE rolname = 'aidflow_app'",
    );
    expect(r.rows[0]).toEqual({ rolcanlogin: true, scram: true });
  } finally {
    // The test cluster trusts local logins; leave the shared role as it was.
    await owner.query('ALTER ROLE aidflow_app PASSWORD NULL');
  }
});
