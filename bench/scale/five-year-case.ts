// P4's case, made the way a real one is: accepted, home-visited, approved as a Shaanxi C-class 低保
// case (reviewed every six months), then five years of reviews on the time-skipping server with the
// real worker, activities and database. One run for the application, one per benefit cycle.
import type { UpdateDefinition } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { acceptCase } from '../../api/use-cases/accept-case';
import type { BenefitState } from '../../domain/benefit';
import { shanghaiDate, startOfShanghaiDay } from '../../domain/calendar';
import * as defs from '../../workflows/definitions';
import { createWorker } from '../../worker/worker';
import { approver, clerk, dibaoApplication, homeVisit } from '../../test/support/fixtures';
import { AUDIT_KEY, dataConverter, type ScaleStack } from './stack';

const TQ = 'bench-five-year';

async function poll<T>(fn: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 60_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn().catch(() => undefined);
    if (v !== undefined && v !== null && ok(v)) return v;
    if (Date.now() > until) throw new Error(`five-year case: condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Drives one case through `reviews` six-monthly reviews; returns its id. Needs a time-skipping stack. */
export async function fiveYearCase(stack: ScaleStack, bundle: { code: string }, reviews: number): Promise<string> {
  const env = stack.env!;
  const native = await NativeConnection.connect({ address: stack.address });
  const worker = await createWorker({
    connection: native,
    namespace: 'default',
    taskQueue: TQ,
    db: stack.db,
    workflowBundle: bundle,
    dataConverter: dataConverter(),
    auditKey: AUDIT_KEY,
  });
  const running = worker.run();
  try {
    const deps = { db: stack.db, temporal: stack.client, taskQueue: TQ, acceptWaitMs: 30_000 };
    const handle = (id: string) => stack.client.workflow.getHandle(id);
    const state = (id: string) => handle(id).query(defs.stateQuery) as Promise<BenefitState>;
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const send = (id: string, u: UpdateDefinition<any, [any]>, args: object, actor = clerk) =>
      handle(id).executeUpdate(u, { args: [{ ...args, actor }] });
    const application = dibaoApplication({ profileId: 'shaanxi-2021', township: '610112001' });
    const { body } = await acceptCase(deps, { ...clerk, jurisdiction: application.township }, application);
    const id = body.caseId;
    await send(id, defs.recordHomeVisit, homeVisit({ visitedOn: shanghaiDate(await env.currentTimeMs()) }));
    await env.sleep('7 days');
    await poll(
      () => state(id),
      (s) => s.stage === ('deciding' as string),
    );
    await send(id, defs.decide, { outcome: 'approve', reasons: [], category: 'C' }, approver);
    await poll(
      () => state(id),
      (s) => s.stage === 'in_benefit',
    );
    for (let i = 0; i < reviews; i++) {
      const s = await poll(
        () => state(id),
        (x) => x.stage !== 'reviewing' && x.review !== null && x.cycle === i,
      );
      await env.sleep(startOfShanghaiDay(s.review!.opensOn) - (await env.currentTimeMs()) + 3_600_000);
      await poll(
        () => state(id),
        (x) => x.stage === 'reviewing',
      );
      await send(id, defs.recordReview, { result: 'continue', reasons: ['家庭情况无变化'] });
    }
    await poll(
      () => state(id),
      (x) => x.cycle === reviews,
    );
    return id;
  } finally {
    worker.shutdown();
    await running;
    await native.close();
  }
}
