import { Client, Connection } from '@temporalio/client';
import { z } from 'zod';
import { loadCalendarYear } from '../api/use-cases/calendar';
import { calendarBody } from '../api/schemas';
import { HttpError } from '../api/errors';
import { migratedAppDatabase, readJsonFile } from './cli';
import { loadConfig, requirePayloadKeys } from '../infra/config';
import { encryptedDataConverter } from '../infra/data-converter';
import { processLogger } from '../infra/logger';

const log = processLogger('calendar');

// Usage: npm run calendar:load -- schedule-2027.json
// The file: { "year": 2027, "source": "国务院办公厅关于2027年部分节假日安排的通知（…）", "holidays": [...], "workdays": [...] }
const fileSchema = calendarBody.extend({ year: z.number().int().min(2000).max(2100) });

async function main(): Promise<void> {
  const data = readJsonFile(process.argv[2], fileSchema, 'npm run calendar:load -- <schedule.json>');
  const config = loadConfig();
  const db = await migratedAppDatabase(config);
  const connection = await Connection.connect({ address: config.TEMPORAL_ADDRESS });
  const temporal = new Client({
    connection,
    namespace: config.TEMPORAL_NAMESPACE,
    dataConverter: encryptedDataConverter(requirePayloadKeys(config)),
  });
  try {
    const r = await loadCalendarYear(
      { db, temporal, taskQueue: config.TASK_QUEUE, acceptWaitMs: 0 },
      { id: process.env.USER ?? 'cli', role: 'supervisor', jurisdiction: '000000' },
      data,
    );
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
