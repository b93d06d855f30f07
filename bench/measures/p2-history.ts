// P2: history events in one happy-path application run (acceptance → home visit → notice →
// approval), counted from the server's history of the case run up to its continue-as-new.
import type { Measure, MeasureResult } from '../types';
import { aidflowLifecycle } from '../flow/drive';
import { countHistory, describeCounts } from '../flow/history';
import { caseHistories } from '../flow/shape';
import { startFlowStack } from '../flow/stack';

const GOAL = 45;
/** The 7-day notice in about 2 s. */
const DEMO_SPEED = 302_400;

export const measure: Measure = {
  order: 20,
  name: 'P2 history events per happy-path run',
  async run(ctx) {
    const stack = await startFlowStack(ctx, { api: false, demoSpeed: DEMO_SPEED });
    try {
      const rounds: number[] = [];
      let notes: string[] = [];
      for (let i = 0; i < (ctx.smoke ? 1 : 3); i++) {
        const caseId = await aidflowLifecycle(stack.deps);
        const h = await caseHistories(stack, caseId);
        const c = countHistory(h.caseRun);
        rounds.push(c.events);
        notes = [`case run: ${describeCounts(c)}`, `benefit run (first, until it waits): ${describeCounts(countHistory(h.benefitRun))}`];
        ctx.log(`P2 round ${i + 1}: ${c.events} events`);
      }
      const value = Math.max(...rounds);
      const result: MeasureResult = {
        id: 'P2',
        label: 'history events in one happy-path application run',
        value,
        unit: 'events',
        goal: `≤ ${GOAL}`,
        pass: value <= GOAL,
        rounds,
        notes,
      };
      return [result];
    } finally {
      await stack.stop();
    }
  },
};
