import { Client, Connection } from '@temporalio/client';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { loadCalendarYear } from '../api/use-cases/calendar';
import { calendarBody } from '../api/schemas';
import { HttpError } from '../api/errors';
import { prepareDatabase } from '../db/migrate';
import { createPool } from '../db/pool';
import { loadConfig, requirePayloadKeys } from '../infra/config';
import { encryptedDataConverter } from '../infra/data-converter';
import { processLogger } from '../infra/logger';

const log = processLogger('calendar');

// Usage: npm run calendar:load -- schedule-2027.json
// The file: { "year": 2027, "source": "国务院办公厅关于2027年部分节假日安排的通知（…）", "holidays": [...], "workdays": [...] }
const fileSchema = calendarBody.extend({ year: z.number().int().min(2000).max(2100) });

async function main(): Promise<void> {
  const file = process.argv[2];
  if (!file) throw new Error('usage: npm run calendar:load -- <schedule.json>');
  const parsed = fileSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`${file}:\n${parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`);
  const config = loadConfig();
  const owner = createPool(config.migrationUrl, 2);
  await prepareDatabase(owner);
  await owner.end();
  const db = createPool(config.databaseUrl, 2, config.DB_ROLE || undefined, config.DB_ROLE_PASSWORD);
  const connection = await Connection.connect({ address: config.TEMPORAL_ADDRESS });
  const temporal = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE, dataConverter: encryptedDataConverter(requirePayloadKeys(config)) });
  try {
    const r = await loadCalendarYear({ db, temporal, taskQueue: config.TASK_QUEUE, acceptWaitMs: 0 }, { id: process.env.USER ?? 'cli', role: 'supervisor', jurisdiction: '000000' }, parsed.data);
    log.info(`loaded ${r.year}; ${r.casesNotified} open case(s) with provisional deadlines told to recompute`);
  } catch (err) {
    if (err instanceof HttpError) throw new Error(`${err.message}: ${JSON.stringify(err.details)}`);
    throw err;
  } finally {
    await connection.close();
    await db.end();
  }
}

main().catch((err) => {
  log.error((err as Error).message);
  process.exit(1);
});
