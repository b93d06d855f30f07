import { rmSync } from 'node:fs';
import path from 'node:path';
import type { EmbeddedPg } from '../../infra/embedded-pg';

export default async function globalTeardown(): Promise<void> {
  const bundle = process.env.AIDFLOW_TEST_BUNDLE;
  if (bundle && path.basename(bundle).startsWith('aidflow-test-bundle-')) rmSync(bundle, { force: true });
  const pg = (globalThis as Record<string, unknown>).__AIDFLOW_PG__ as EmbeddedPg | undefined;
  await pg?.stop();
}
