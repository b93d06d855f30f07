// Records real histories for the replay tests: `npx tsx test/support/record-histories.ts <name>`;
// a name with 'benefit' records the benefit period's runs, one with 'emergency' a 一事一议 case,
// one with 'adjust' a benefit case through a 调标 batch (and the batch's own history).
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
import { approver, clerk, dibaoApplication, emergencyAid, homeVisit } from './fixtures';
import { acceptTemporary } from '../../api/use-cases/temporary';
import { startOfShanghaiDay } from '../../domain/calendar';
import { eventually, startWorker, timeSkippingEnv } from './temporal';
import type { Pool } from 'pg';
import { insertAdjustment } from '../../db/adjustment-repo';
import { latestProfile, saveProfile } from '../../db/profile-repo';
import { AdjustmentDraft, applyDraft } from '../../domain/adjustment-draft';
import { adjustmentWorkflowId } from '../../workflows/adjustment-defs';
import type { adjustmentWorkflow } from '../../workflows/adjustment-workflow';

/** A 调标 from the case's first paid month: the rural 低保 standard up 50 yuan, with back pay. */
async function publishRaise(db: Pool, effectiveMonth: string) {
  const base = (await latestProfile(db, 'hunan-datonghu-2021'))!;
  const draft: AdjustmentDraft = {
    profileId: base.id,
    baseVersion: base.version,
    effectiveMonth,
    backPay: true,
    document: { ref: '大民发〔2026〕8号', title: '关于提高城乡低保标准的通知' },
    changes: { dibaoMonthlyFen: { rural: base.standards.dibaoMonthlyFen.rural.value + 5_000 } },
  };
  await saveProfile(db, applyDraft(base, draft, base.version + 1));
  return insertAdjustment(db, { draft, toVersion: base.version + 1, areaCode: '430921', publishedBy: 'sup-001' });
}

async function main(): Promise<void> {
  const pg = await startEmbeddedPg({
    dataDir: path.resolve(__dirname, '../../.data/pg-record'),
    port: Number(process.env.RECORD_PG_PORT ?? 55434),
    database: 'aidflow_record',
    throwaway: true,
  });
  const db = createPool(pg.url);
  await prepareDatabase(db);
  await db.query('ALTER TABLE case_events DISABLE TRIGGER USER');
  await db.query('TRUNCATE case_events, notices, payments, benefit_amounts, cases, datamatch_records');
  await db.query('ALTER TABLE case_events ENABLE TRIGGER USER');
  const env = await timeSkippingEnv();
  const worker = await startWorker(env, db, 'record');
  const deps = { db, temporal: env.client, taskQueue: 'record', acceptWaitMs: 30_000 };
  const today = async () => shanghaiDate(await env.currentTimeMs());
  const run = async (caseId: string) => {
    const h = env.client.workflow.getHandle(caseId);
    const send = (u: any, args: object, actor = clerk) => h.executeUpdate(u, { args: [{ ...args, actor }] });
    const until = (ok: (s: any) => boolean): Promise<any> =>
      eventually(
        () => h.query(defs.stateQuery),
        (s) => !!s && ok(s),
      );
    return { h, send, until };
  };
  const write = async (name: string, caseId: string) => {
    // Every run of the case, in order: the runs its audit trail names, then the current one.
    const ids = (
      await db.query('SELECT run_id FROM case_events WHERE case_id = $1 AND run_id IS NOT NULL GROUP BY run_id ORDER BY min(seq)', [caseId])
    ).rows.map((r) => r.run_id as string);
    for (const [i, runId] of ids.entries()) {
      const file = path.resolve(__dirname, `../histories/${name}${ids.length > 1 ? `-run${i + 1}` : ''}.json`);
      writeFileSync(file, historyToJSON(await env.client.workflow.getHandle(caseId, runId).fetchHistory()));
      console.log(`recorded ${file}`);
    }
  };
  try {
    const name = process.argv[2] ?? 'case-objection-approved';
    if (name.includes('adjust')) {
      // Approval, a 调标 batch raising the rural standard (the case's Update), then a review and the run it hands over to.
      const { body } = await acceptCase(deps, clerk, dibaoApplication());
      const { send, until, h } = await run(body.caseId);
      await send(defs.recordHomeVisit, homeVisit({ visitedOn: await today() }));
      await env.sleep('8 days');
      await until((s) => s.stage === 'deciding');
      await send(defs.decide, { outcome: 'approve', reasons: [] }, approver);
      const b = await until((s) => s.stage === 'in_benefit');
      const adj = await publishRaise(db, b.paidFrom);
      await env.client.workflow.execute<typeof adjustmentWorkflow>('adjustmentWorkflow', {
        workflowId: adjustmentWorkflowId(adj.id),
        taskQueue: 'record',
        args: [{ adjustmentId: adj.id, by: 'sup-001' }],
      });
      await until((s) => (s.adjustments ?? []).length === 1);
      await env.sleep(startOfShanghaiDay(b.review.opensOn) - (await env.currentTimeMs()) + 3_600_000);
      await until((s) => s.stage === 'reviewing');
      await send(defs.recordReview, { result: 'continue', reasons: ['情况无变化'] });
      await until((s) => s.cycle === 1);
      await h.query(defs.stateQuery);
      await write(name, body.caseId);
      writeFileSync(
        path.resolve(__dirname, `../histories/${name}-batch.json`),
        historyToJSON(await env.client.workflow.getHandle(adjustmentWorkflowId(adj.id)).fetchHistory()),
      );
    } else if (name.includes('benefit')) {
      // Approval, the benefit period's first run, one review and the run it hands over to.
      const { body } = await acceptCase(
        deps,
        { ...clerk, jurisdiction: '610112001' },
        dibaoApplication({ profileId: 'shaanxi-2021', township: '610112001' }),
      );
      const { send, until, h } = await run(body.caseId);
      await send(defs.recordHomeVisit, homeVisit({ visitedOn: await today() }));
      await env.sleep('7 days');
      await until((s) => s.stage === 'deciding');
      await send(defs.decide, { outcome: 'approve', reasons: [], category: 'C' }, approver);
      const b = await until((s) => s.stage === 'in_benefit');
      await env.sleep(startOfShanghaiDay(b.review.opensOn) - (await env.currentTimeMs()) + 3_600_000);
      await until((s) => s.stage === 'reviewing');
      await send(defs.recordReview, { result: 'continue', reasons: ['情况无变化'] });
      await until((s) => s.cycle === 1);
      await send(defs.reportChange, { kind: 'income', details: '收入变化' });
      await h.query(defs.stateQuery);
      await write(name, body.caseId);
    } else if (name.includes('emergency')) {
      // An emergency above the township cap: 一事一议 reminded, escalated, granted; paperwork filed late.
      const r = await acceptTemporary(deps, clerk, emergencyAid({ amountFen: 300_000 }));
      const { send, until } = await run(r.body.caseId);
      const s = await until((x) => x.stage === 'deliberating');
      await env.sleep(startOfShanghaiDay(s.deliberation.dueDate) - (await env.currentTimeMs()) + 2 * 86_400_000);
      await until((x) => x.sla === 'breached');
      await env.client.workflow.getHandle(`${r.body.caseId}-YSYY`).executeUpdate(defs.recordDeliberation, {
        args: [
          {
            meetingOn: await today(),
            participants: 7,
            outcome: 'grant',
            amountFen: 200_000,
            reasons: ['酌情救助'],
            actor: { id: 'coord-1', role: 'coordinator' },
          },
        ],
      });
      await until((x) => x.stage === 'paperwork_due');
      await send(defs.filePaperwork, { circumstances: '补充说明', signatures: ['李明'] });
      await env.client.workflow.getHandle(r.body.caseId).result();
      await write(name, r.body.caseId);
      writeFileSync(
        path.resolve(__dirname, `../histories/${name}-deliberation.json`),
        historyToJSON(await env.client.workflow.getHandle(`${r.body.caseId}-YSYY`).fetchHistory()),
      );
    } else {
      // An objection during the notice, a second notice, an approval: most of the application phase's branches.
      const { body } = await acceptCase(deps, clerk, dibaoApplication());
      if (body.stage !== 'investigating') throw new Error(`case not registered: ${body.stage}`);
      const { send, until } = await run(body.caseId);
      await send(defs.extendTimeLimit, { reason: 'difficult_investigation', note: '需补充调查' });
      await send(defs.recordHomeVisit, homeVisit({ visitedOn: await today(), disputed: true, disputeReason: '邻居反映有经营收入' }));
      await send(defs.recordDemocraticReview, { heldOn: await today(), participants: 9, outcome: 'support', minutes: '多数同意' });
      await env.sleep('2 days');
      await send(defs.fileNoticeObjection, { objector: '村民赵某', reason: '反映收入', route: 'reinvestigate' });
      await send(defs.recordHomeVisit, homeVisit({ visitedOn: await today() }));
      await env.sleep('8 days');
      await until((s) => s.stage === 'deciding');
      await send(defs.decide, { outcome: 'approve', reasons: [] }, approver);
      await until((s) => s.stage === 'in_benefit');
      await write(name, body.caseId);
    }
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
