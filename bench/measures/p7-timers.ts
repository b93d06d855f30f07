// P7: review timers due at once. N benefit cases, made for real (accepted, visited, one seven-day
// notice for all, approved the same day), so their first review opens at the same instant; and N
// trivial workflows whose timers (each followed by one activity) fall due at one instant a day later.
// Same server (the time-skipping one: it moves every case to the same instant, which real time
// cannot), same worker settings. Drain: from the instant to the last review opened (its step recorded
// in PostgreSQL) or the last trivial activity run; rate ratio aidflow/trivial, goal ≥ 0.9×.
import type { UpdateDefinition } from '@temporalio/client';
import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import path from 'node:path';
import { createActivities } from '../../activities';
import { acceptCase } from '../../api/use-cases/accept-case';
import type { BenefitState } from '../../domain/benefit';
import { shanghaiDate, startOfShanghaiDay } from '../../domain/calendar';
import { localDataMatchProvider } from '../../infra/local-data-match';
import { bundleWorkflows } from '../../infra/workflow-bundle';
import { approver, clerk, dibaoApplication, homeVisit } from '../../test/support/fixtures';
import * as defs from '../../workflows/definitions';
import type { Measure } from '../types';
import { AUDIT_KEY, dataConverter, startScaleStack } from '../scale/stack';

const TQ = 'p7-aidflow';
const TRIVIAL_TQ = 'p7-trivial';

/** The worker settings both workers get; P7_SETTINGS (JSON) tries others by hand. */
const SETTINGS: Partial<WorkerOptions> = JSON.parse(process.env.P7_SETTINGS || '{}');

async function inBatches(n: number, width: number, fn: (i: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < n) await fn(next++);
    }),
  );
}

async function waitFor(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (Date.now() > until) throw new Error(`P7: condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export const measure: Measure = {
  order: 70,
  name: 'P7 review timers due at once',
  async run(ctx) {
    const n = ctx.smoke ? 5 : Number(process.env.P7_N || 1000);
    const stack = await startScaleStack(ctx, { server: 'time-skipping', first: 70, name: 'p7' });
    const env = stack.env!;
    const native = await NativeConnection.connect({ address: stack.address });
    let trivialDone = 0;
    const common = { connection: native, namespace: 'default', dataConverter: dataConverter(), maxCachedWorkflows: n + 100, ...SETTINGS };
    const workers = [
      await Worker.create({
        ...common,
        taskQueue: TQ,
        workflowBundle: await bundleWorkflows(),
        activities: createActivities({ db: stack.db, dataMatch: localDataMatchProvider(stack.db), auditKey: AUDIT_KEY }),
      }),
      await Worker.create({
        ...common,
        taskQueue: TRIVIAL_TQ,
        workflowBundle: await bundleWorkflows(path.join(__dirname, '../scale/trivial-workflows.ts')),
        activities: { touch: async (id: string) => (trivialDone++, id) },
      }),
    ];
    const running = workers.map((w) => w.run());
    try {
      const deps = { db: stack.db, temporal: stack.client, taskQueue: TQ, acceptWaitMs: 60_000 };
      const handle = (id: string) => stack.client.workflow.getHandle(id);
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      const send = (id: string, u: UpdateDefinition<any, [any]>, args: object, actor = clerk) =>
        handle(id).executeUpdate(u, { args: [{ ...args, actor }] });
      const t0 = performance.now();
      const ids: string[] = [];
      const today = shanghaiDate(await env.currentTimeMs());
      await inBatches(n, 8, async () => {
        const { body } = await acceptCase(deps, clerk, dibaoApplication());
        await send(body.caseId, defs.recordHomeVisit, homeVisit({ visitedOn: today }));
        ids.push(body.caseId);
      });
      await env.sleep('7 days');
      const stage = (s: string) =>
        stack.db.query('SELECT count(*)::int AS c FROM cases WHERE stage = $1', [s]).then((r) => r.rows[0].c as number);
      await waitFor(async () => (await stage('deciding')) === n, 300_000);
      await inBatches(n, 8, (i) => send(ids[i], defs.decide, { outcome: 'approve', reasons: [] }, approver));
      await waitFor(async () => (await stage('in_benefit')) === n, 300_000);
      const s0 = (await handle(ids[0]).query(defs.stateQuery)) as BenefitState;
      const reviewAt = startOfShanghaiDay(s0.review!.opensOn);
      const trivialAt = reviewAt + 86_400_000;
      ctx.log(`P7: ${n} cases in benefit in ${Math.round((performance.now() - t0) / 1000)} s; reviews open ${s0.review!.opensOn}`);
      await inBatches(n, 8, (i) =>
        stack.client.workflow.start('timer', { taskQueue: TRIVIAL_TQ, workflowId: `p7-t-${i}`, args: [trivialAt] }),
      );

      // Each burst: time moved to a minute before the instant, then past it; drained when every step is done.
      const burst = async (at: number, drained: () => Promise<boolean>) => {
        await env.sleep(at - 60_000 - (await env.currentTimeMs()));
        const start = performance.now();
        const skip = env.sleep(120_000);
        await waitFor(drained, 900_000);
        const ms = performance.now() - start;
        await skip;
        return ms;
      };
      const aidMs = await burst(reviewAt, async () => (await stage('reviewing')) === n);
      const trivialMs = await burst(trivialAt, async () => trivialDone === n);
      const aidRate = n / (aidMs / 1000);
      const trivialRate = n / (trivialMs / 1000);
      const ratio = Math.round((aidRate / trivialRate) * 100) / 100;
      const settings = Object.keys(SETTINGS).length ? JSON.stringify(SETTINGS) : 'SDK defaults';
      return [
        {
          id: 'P7',
          label: `${n} review timers due at once: drain rate vs ${n} trivial timers (same server and worker settings)`,
          value: ratio,
          unit: '×',
          goal: '≥ 0.9×',
          pass: ratio >= 0.9,
          rounds: [ratio],
          notes: [
            `aidflow: ${n} reviews opened in ${(aidMs / 1000).toFixed(1)} s (${aidRate.toFixed(1)}/s); trivial: ${(trivialMs / 1000).toFixed(1)} s (${trivialRate.toFixed(1)}/s); worker settings: ${settings}`,
            `10,000 at this rate: ${Math.round(10_000 / aidRate)} s (extrapolated; goal ≤ 300 s, one worker, the time-skipping test server)`,
          ],
        },
      ];
    } finally {
      for (const w of workers) if (w.getState() === 'RUNNING') w.shutdown();
      await Promise.allSettled(running);
      await native.close();
      await stack.stop();
    }
  },
};
