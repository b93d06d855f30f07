// Records a real case history for the replay tests: `npx tsx test/support/record-histories.ts <name>`.
// Run it after a deliberate change to the workflow's recorded decisions (behind patched()), and
// keep the old files: replay over them is what proves running cases still follow the new code.
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { acceptCase } from '../../api/use-cases/accept-case';
import { prepareDatabase } from '../../db/migrate';
import { createPool } from '../../db/pool';
import { shanghaiDate } from '../../domain/calendar';
import { startEmbeddedPg } from '../../infra/embedded-pg';
import * as defs from '../../workflows/definitions';
import { approver, clerk, dibaoApplication, homeVisit } from './fixtures';
import { eventually, startWorker, timeSkippingEnv } from './temporal';

async function main(): Promise<void> {
  const pg = await startEmbeddedPg({ dataDir: path.resolve(__dirname, '../../.data/pg-record'), port: 55434, database: 'aidflow_record', throwaway: true });
  const db = createPool(pg.url);
  await prepareDatabase(db);
  await db.query('ALTER TABLE case_events DISABLE TRIGGER USER');
  await db.query('TRUNCATE case_events, notices, payments, benefit_amounts, cases, datamatch_records');
  await db.query('ALTER TABLE case_events ENABLE TRIGGER USER');
  const env = await timeSkippingEnv();
  const worker = await startWorker(env, db, 'record');
  const deps = { db, temporal: env.client, taskQueue: 'record', acceptWaitMs: 30_000 };
  const today = async () => shanghaiDate(await env.currentTimeMs());
  try {
    // An objection during the notice, a second notice, an approval: most of the workflow's branches.
    const { body } = await acceptCase(deps, clerk, dibaoApplication());
    if (body.stage !== 'investigating') throw new Error(`case not registered: ${body.stage}`);
    const h = env.client.workflow.getHandle(body.caseId);
    const send = (u: any, args: object, actor = clerk) => h.executeUpdate(u, { args: [{ ...args, actor }] });
    await send(defs.extendTimeLimit, { reason: 'difficult_investigation', note: '需补充调查' });
    await send(defs.recordHomeVisit, homeVisit({ visitedOn: await today(), disputed: true, disputeReason: '邻居反映有经营收入' }));
    await send(defs.recordDemocraticReview, { heldOn: await today(), participants: 9, outcome: 'support', minutes: '多数同意' });
    await env.sleep('2 days');
    await send(defs.fileNoticeObjection, { objector: '村民赵某', reason: '反映收入', route: 'reinvestigate' });
    await send(defs.recordHomeVisit, homeVisit({ visitedOn: await today() }));
    await env.sleep('8 days');
    await eventually(() => h.query(defs.stateQuery), (s) => s?.stage === 'deciding');
    await send(defs.decide, { outcome: 'approve', reasons: [] }, approver);
    await eventually(() => h.query(defs.stateQuery), (s) => s?.stage === 'approved' || s?.stage === 'in_benefit');
    const file = path.resolve(__dirname, `../histories/${process.argv[2] ?? 'case-objection-approved'}.json`);
    writeFileSync(file, historyToJSON(await h.fetchHistory()));
    console.log(`recorded ${file}`);
  } finally {
    await worker.stop();
    await env.teardown();
    await db.end();
    await pg.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
