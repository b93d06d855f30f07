import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { startEmbeddedPg } from '../../infra/embedded-pg';

// One throwaway PostgreSQL for the whole run (unless TEST_DATABASE_URL names one); each test
// file resets the tables it uses. The database is dropped and created fresh every run.
export default async function globalSetup(): Promise<void> {
  process.env.TZ = 'UTC';
  // Where this run's workflow bundle is kept once made (test/support/bundle.ts).
  process.env.AIDFLOW_TEST_BUNDLE = path.join(os.tmpdir(), `aidflow-test-bundle-${process.pid}-${Date.now()}.js`);
  if (process.env.TEST_DATABASE_URL) return;
  const pg = await startEmbeddedPg({
    dataDir: path.resolve(__dirname, '../../.data/pg-test'),
    port: Number(process.env.TEST_PG_PORT ?? 55433),
    database: 'postgres',
    throwaway: true,
  });
  const admin = new Client({ connectionString: pg.url });
  await admin.connect();
  await admin.query('DROP DATABASE IF EXISTS aidflow_test WITH (FORCE)');
  await admin.query('CREATE DATABASE aidflow_test');
  await admin.end();
  process.env.TEST_DATABASE_URL = pg.url.replace(/\/postgres$/, '/aidflow_test');
  (globalThis as Record<string, unknown>).__AIDFLOW_PG__ = pg;
}
