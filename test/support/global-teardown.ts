import type { EmbeddedPg } from '../../infra/embedded-pg';

export default async function globalTeardown(): Promise<void> {
  const pg = (globalThis as Record<string, unknown>).__AIDFLOW_PG__ as EmbeddedPg | undefined;
  await pg?.stop();
}
