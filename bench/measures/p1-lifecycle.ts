// P1: full application lifecycles per second (acceptance → home visit → 7-day notice → approval →
// benefit period), against a trivial workflow with the same activities, local activities, updates,
// timers and continue-as-new on the same server and worker settings; rounds interleaved.
import type { Measure } from '../types';
import { aidflowLifecycle, trivialLifecycle } from '../flow/drive';
import { caseHistories, trivialShape } from '../flow/shape';
import { startFlowStack } from '../flow/stack';
import { median, round2, timedPool } from '../flow/stats';

const GOAL = 0.8;
/** The 7-day notice in 3 s; the SLA warning (about 30 days in) 13 s after acceptance, out of a lifecycle's reach. */
const DEMO_SPEED = 201_600;

export const measure: Measure = {
  order: 10,
  name: 'P1 lifecycle throughput vs trivial',
  async run(ctx) {
    const stack = await startFlowStack(ctx, { api: false, demoSpeed: DEMO_SPEED });
    try {
      const shape = trivialShape(await caseHistories(stack, await aidflowLifecycle(stack.deps)), (7 * 86_400_000) / DEMO_SPEED);
      // Warm both workers (bundles loaded, connections open) before anything is timed.
      await trivialLifecycle(stack.client, shape);
      const [rounds, n, concurrency] = ctx.smoke ? [1, 2, 2] : [4, 30, 15];
      const ratios: number[] = [];
      const aid: number[] = [];
      const triv: number[] = [];
      for (let i = 0; i < rounds; i++) {
        aid.push(n / (await timedPool(n, concurrency, () => aidflowLifecycle(stack.deps))));
        triv.push(n / (await timedPool(n, concurrency, () => trivialLifecycle(stack.client, shape))));
        ratios.push(aid[i] / triv[i]);
        ctx.log(`P1 round ${i + 1}: aidflow ${aid[i].toFixed(2)}/s, trivial ${triv[i].toFixed(2)}/s`);
      }
      const value = round2(median(ratios));
      return [
        {
          id: 'P1',
          label: 'application lifecycles per second vs the trivial workflow',
          value,
          unit: '×',
          goal: `≥ ${GOAL}×`,
          pass: value >= GOAL,
          rounds: ratios.map(round2),
          notes: [
            `aidflow ${aid.map((x) => x.toFixed(2)).join(', ')} cases/s; trivial ${triv.map((x) => x.toFixed(2)).join(', ')} per s (${n} per round, ${concurrency} at once)`,
            `comparator shape: activities by phase ${shape.activities.join('/')}, local ${shape.localActivities.join('/')}, then ${shape.next.activities} + ${shape.next.localActivities} local; ${shape.idleTimers + 1} + ${shape.next.timers} timers, 3 updates (one sent with the start)`,
          ],
        },
      ];
    } finally {
      await stack.stop();
    }
  },
};
