import type { Pool } from 'pg';
import { prepareDatabase } from '../../db/migrate';
import { createPool } from '../../db/pool';

function url(): string {
  const u = process.env.TEST_DATABASE_URL;
  if (!u) throw new Error('TEST_DATABASE_URL is not set: run the tests with `npm test`');
  return u;
}

/** The owner's pool on the test database, migrated and seeded, with case data from earlier files removed. */
export async function testDb(): Promise<Pool> {
  const db = createPool(url(), 5);
  await prepareDatabase(db);
  // Test isolation only: the owner lifts the audit table's protection for the reset.
  await db.query('ALTER TABLE case_events DISABLE TRIGGER USER');
  await db.query(
    'TRUNCATE case_events, notices, payments, benefit_amounts, cases, datamatch_records, access_denials, payload_decodes, legacy_payload_owners, adjustment_cases, back_payments',
  );
  await db.query('ALTER TABLE case_events ENABLE TRIGGER USER');
  return db;
}

/** What worker and API use: sessions as the restricted application role, as in production. */
export function appDb(): Pool {
  return createPool(url(), 10, 'aidflow_app');
}
