// P4: an auditor replays a five-year case (Shaanxi C class: a review every six months, one run per
// cycle) through POST /api/cases/:caseId/audit/replay, on a fresh API process (first call) and again
// (warm). Goal: ≤ 1 s both. The case is made for real on the time-skipping server each run.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { runIds } from '../../api/use-cases/audit';
import { replayCase } from '../../api/use-cases/audit';
import { replayOptions } from '../../infra/replay-options';
import { bundleWorkflows } from '../../infra/workflow-bundle';
import type { Measure, MeasureResult } from '../types';
import { startApiProcess } from '../scale/api-process';
import { fiveYearCase } from '../scale/five-year-case';
import { historySize } from '../scale/history-size';
import { dataConverter, startScaleStack } from '../scale/stack';

const auditor = { id: 'aud-bench', role: 'auditor' as const, jurisdiction: '610112' };
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export const measure: Measure = {
  order: 40,
  name: 'P4 auditors’ replay of a five-year case',
  async run(ctx) {
    const stack = await startScaleStack(ctx, { server: 'time-skipping', first: 40, name: 'p4' });
    try {
      const bundle = await bundleWorkflows();
      const bundlePath = path.join(ctx.scratch, 'p4-workflow-bundle.js');
      writeFileSync(bundlePath, bundle.code);
      const reviews = ctx.smoke ? 1 : 9;
      const t0 = performance.now();
      const caseId = await fiveYearCase(stack, bundle, reviews);
      ctx.log(`P4: case ${caseId} made in ${Math.round(performance.now() - t0)} ms (${reviews} reviews)`);
      const deps = { db: stack.db, temporal: stack.client, taskQueue: 'bench-five-year', acceptWaitMs: 1 };
      const runs = await runIds(deps, caseId);
      const histories = await Promise.all(runs.map((r) => stack.client.workflow.getHandle(caseId, r).fetchHistory()));
      const size = histories
        .map(historySize)
        .reduce((a, b) => ({ events: a.events + b.events, payloadBytes: a.payloadBytes + b.payloadBytes }));

      // Today's code path for comparison: a replay worker per call, the bundle made on the first call.
      const old = replayOptions(dataConverter());
      const o0 = performance.now();
      await replayCase(deps, old, caseId);
      const oldFirst = performance.now() - o0;
      const o1 = performance.now();
      await replayCase(deps, old, caseId);
      const oldWarm = performance.now() - o1;

      const token = await stack.token(auditor);
      const firsts: number[] = [];
      const warms: number[] = [];
      const starts: number[] = [];
      for (let round = 0; round < (ctx.smoke ? 1 : 3); round++) {
        const api = await startApiProcess(stack, { port: ctx.port(43), bundlePath, scratch: ctx.scratch });
        try {
          starts.push(api.startMs);
          const call = async () => {
            const t = performance.now();
            const res = await fetch(`${api.url}/api/cases/${caseId}/audit/replay`, {
              method: 'POST',
              headers: { authorization: `Bearer ${token}` },
            });
            const body = (await res.json()) as { runs: number; allFollow: boolean };
            const ms = performance.now() - t;
            if (res.status !== 200 || !body.allFollow || body.runs !== runs.length)
              throw new Error(`P4: replay answered ${res.status} ${JSON.stringify(body).slice(0, 300)}`);
            return ms;
          };
          firsts.push(await call());
          const w: number[] = [];
          for (let i = 0; i < (ctx.smoke ? 1 : 5); i++) w.push(await call());
          warms.push(median(w));
        } finally {
          await api.stop();
        }
      }
      const notes = [
        `${runs.length} runs, ${size.events} events, ${(size.payloadBytes / 1024).toFixed(1)} kB of payloads (encrypted); API start to /health: ${starts.map((s) => Math.round(s)).join(', ')} ms`,
        `before (a replay worker per call, bundle made on first call, in-process): first ${Math.round(oldFirst)} ms, warm ${Math.round(oldWarm)} ms`,
      ];
      const result = (id: string, label: string, rounds: number[]): MeasureResult => {
        const value = Math.round(median(rounds));
        return { id, label, value, unit: 'ms', goal: '≤ 1000 ms', pass: value <= 1000, rounds: rounds.map(Math.round), notes };
      };
      return [
        result('P4 first', 'replay of a 5-year case, first call on a fresh API process', firsts),
        result('P4 warm', 'replay of a 5-year case, warm', warms),
      ];
    } finally {
      await stack.stop();
    }
  },
};
