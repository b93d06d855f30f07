import { readFileSync } from 'node:fs';
import type { Pool } from 'pg';
import type { z } from 'zod';
import { appDatabase } from '../db/app-database';
import { appDatabaseConfig, type Config } from '../infra/config';
import { processLogger } from '../infra/logger';

// What the command-line scripts share: a JSON file checked against its schema, and the database
// migrated by the owner (or checked, given only the application role's login), then used as the
// application role, as the worker and API use it.

export function readJsonFile<T extends z.ZodType>(file: string | undefined, schema: T, usage: string): z.infer<T> {
  if (!file) throw new Error(`usage: ${usage}`);
  const parsed = schema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`${file}:\n${parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`);
  return parsed.data;
}

/** Scripts do batch work: the worker's bounds. */
export function migratedAppDatabase(config: Config): Promise<Pool> {
  return appDatabase(appDatabaseConfig(config, 'worker', processLogger('db')), 2);
}
