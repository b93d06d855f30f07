// P3a: POST /api/cases (validation, registration in PostgreSQL, the workflow's acceptance) against a
// bare client.workflow.start on the same server; latency percentiles, requests one at a time,
// rounds interleaved.
import type { Measure } from '../types';
import { clerk, dibaoApplication } from '../../test/support/fixtures';
import { startFlowStack } from '../flow/stack';
import { quantile, round2 } from '../flow/stats';

const GOAL = 1.5;

export const measure: Measure = {
  order: 30,
  name: 'P3a POST /api/cases vs bare start',
  async run(ctx) {
    const stack = await startFlowStack(ctx, { api: true });
    try {
      const auth = `Bearer ${await stack.token(clerk)}`;
      let bare = 0;
      const post = async () => {
        const t0 = performance.now();
        const r = await fetch(`${stack.url}/api/cases`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: auth },
          body: JSON.stringify(dibaoApplication()),
        });
        await r.text();
        if (r.status !== 201) throw new Error(`POST /api/cases answered ${r.status}`);
        return performance.now() - t0;
      };
      // A start nobody works on: the server's part of a start, and nothing else.
      const start = async () => {
        const t0 = performance.now();
        await stack.client.workflow.start('trivialWorkflow', {
          workflowId: `bare-${process.pid}-${(bare += 1)}`,
          taskQueue: 'bench-bare',
          args: [],
        });
        return performance.now() - t0;
      };
      for (let i = 0; i < 5; i++) await Promise.all([post(), start()]); // warm-up, not timed
      const [rounds, n] = ctx.smoke ? [1, 3] : [4, 100];
      const aid: number[] = [];
      const base: number[] = [];
      const p99Ratios: number[] = [];
      for (let i = 0; i < rounds; i++) {
        const a: number[] = [];
        const b: number[] = [];
        for (let j = 0; j < n; j++) {
          a.push(await post());
          b.push(await start());
        }
        aid.push(...a);
        base.push(...b);
        p99Ratios.push(quantile(a, 0.99) / quantile(b, 0.99));
        ctx.log(
          `P3a round ${i + 1}: POST p50 ${quantile(a, 0.5).toFixed(1)} ms p99 ${quantile(a, 0.99).toFixed(1)} ms; start p50 ${quantile(b, 0.5).toFixed(1)} ms p99 ${quantile(b, 0.99).toFixed(1)} ms`,
        );
      }
      const p99 = round2(quantile(aid, 0.99) / quantile(base, 0.99));
      const p50 = round2(quantile(aid, 0.5) / quantile(base, 0.5));
      const notes = [
        `POST /api/cases p50 ${quantile(aid, 0.5).toFixed(1)} ms, p99 ${quantile(aid, 0.99).toFixed(1)} ms; bare start p50 ${quantile(base, 0.5).toFixed(1)} ms, p99 ${quantile(base, 0.99).toFixed(1)} ms (${aid.length} each, one at a time, alternating)`,
      ];
      return [
        {
          id: 'P3a',
          label: 'POST /api/cases p99 vs a bare workflow start',
          value: p99,
          unit: '×',
          goal: `≤ ${GOAL}×`,
          pass: p99 <= GOAL,
          rounds: p99Ratios.map(round2),
          notes,
        },
        {
          id: 'P3a p50',
          label: 'POST /api/cases p50 vs a bare workflow start',
          value: p50,
          unit: '×',
          goal: `≤ ${GOAL}×`,
          pass: p50 <= GOAL,
        },
      ];
    } finally {
      await stack.stop();
    }
  },
};
