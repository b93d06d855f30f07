import type { Pool } from 'pg';
import { prepareDatabase } from '../../db/migrate';
import { createPool } from '../../db/pool';

/** A pool on the test database, migrated and seeded, with case data from earlier files removed. */
export async function testDb(): Promise<Pool> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is not set: run the tests with `npm test`');
  const db = createPool(url, 10);
  await prepareDatabase(db);
  await db.query('TRUNCATE case_events, notices, cases, datamatch_records');
  return db;
}
