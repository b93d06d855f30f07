// P5: how many open cases a worker holds in its cache per GB of memory, against a trivial workflow
// that waits the same way. Two worker processes (aidflow, trivial) with caches larger than the run;
// in interleaved rounds the measure opens cases (accepted, waiting in investigation) and trivial
// workflows (one activity, then a timer), and reads each process's memory after a collection.
// Per-workflow cost is the growth over the round divided by the workflows opened.
import { ChildProcess, fork } from 'node:child_process';
import path from 'node:path';
import { acceptCase } from '../../api/use-cases/accept-case';
import { clerk, dibaoApplication } from '../../test/support/fixtures';
import type { Measure } from '../types';
import { startScaleStack } from '../scale/stack';

interface Mem {
  rss: number;
  heapUsed: number;
  cached: number;
}
const GB = 1024 ** 3;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function workerProcess(kind: 'aidflow' | 'trivial', env: Record<string, string>) {
  const child: ChildProcess = fork(path.join(__dirname, '../scale/memory-worker.ts'), [], {
    execArgv: ['--expose-gc', '--import', 'tsx'],
    env: { PATH: process.env.PATH, TZ: 'UTC', KIND: kind, BENCH_WORKFLOWS_PATH: process.env.BENCH_WORKFLOWS_PATH ?? '', ...env },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const ready = new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('exit', (code) => reject(new Error(`P5 ${kind} worker exited (${code})`)));
  });
  const mem = () =>
    new Promise<Mem>((resolve) => {
      child.once('message', (m) => resolve(m as Mem));
      child.send('mem');
    });
  const stop = async () => {
    if (child.connected) child.disconnect();
    await new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r)));
  };
  return { ready, mem, stop };
}

async function inBatches(n: number, width: number, fn: (i: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < n) await fn(next++);
    }),
  );
}

async function settled(mem: () => Promise<Mem>, cached: number): Promise<Mem> {
  const until = Date.now() + 120_000;
  for (;;) {
    const m = await mem();
    if (m.cached >= cached || Date.now() > until) return m;
    await new Promise((r) => setTimeout(r, 500));
  }
}

export const measure: Measure = {
  order: 50,
  name: 'P5 cached open cases per GB',
  async run(ctx) {
    const stack = await startScaleStack(ctx, { server: 'dev', first: 50, name: 'p5' });
    const perRound = ctx.smoke ? 3 : 150;
    const rounds = ctx.smoke ? 1 : 3;
    const env = { TEMPORAL_ADDRESS: stack.address, DATABASE_URL: stack.pgUrl, MAX_CACHED: String(perRound * rounds + 100) };
    const aid = workerProcess('aidflow', { ...env, TASK_QUEUE: 'p5-aidflow' });
    const triv = workerProcess('trivial', { ...env, TASK_QUEUE: 'p5-trivial' });
    try {
      await Promise.all([aid.ready, triv.ready]);
      const deps = { db: stack.db, temporal: stack.client, taskQueue: 'p5-aidflow', acceptWaitMs: 30_000 };
      let cases = 0;
      let trivials = 0;
      let seq = 0;
      const openCases = (n: number) =>
        inBatches(n, 6, async () => {
          await acceptCase(deps, clerk, dibaoApplication());
          cases++;
        });
      const openTrivial = (n: number) =>
        inBatches(n, 6, async () => {
          const id = `p5-trivial-${seq++}`;
          await stack.client.workflow.start('waiting', { taskQueue: 'p5-trivial', workflowId: id, args: [id] });
          trivials++;
        });
      // Warm-up: the bundle loaded and the code paths compiled before the baseline is read.
      await openCases(3);
      await openTrivial(3);
      let a0 = await settled(aid.mem, cases);
      let t0 = await settled(triv.mem, trivials);
      const aRss: number[] = [];
      const aHeap: number[] = [];
      const tRss: number[] = [];
      const tHeap: number[] = [];
      for (let r = 0; r < rounds; r++) {
        await openCases(perRound);
        const a1 = await settled(aid.mem, cases);
        await openTrivial(perRound);
        const t1 = await settled(triv.mem, trivials);
        aRss.push((a1.rss - a0.rss) / (a1.cached - a0.cached));
        aHeap.push((a1.heapUsed - a0.heapUsed) / (a1.cached - a0.cached));
        tRss.push((t1.rss - t0.rss) / (t1.cached - t0.cached));
        tHeap.push((t1.heapUsed - t0.heapUsed) / (t1.cached - t0.cached));
        [a0, t0] = [a1, t1];
      }
      const perGb = (bytes: number) => Math.round(GB / Math.max(bytes, 1));
      const kb = (b: number) => `${(b / 1024).toFixed(1)} kB`;
      const value = perGb(median(aRss));
      return [
        {
          id: 'P5',
          label: 'cached open cases per GB of worker memory (RSS)',
          value,
          unit: 'cases/GB',
          goal: '≥ 1,000/GB',
          pass: value >= 1000,
          rounds: aRss.map(perGb),
          notes: [
            `per cached case: RSS ${kb(median(aRss))}, V8 heap ${kb(median(aHeap))} (${perGb(median(aHeap))}/GB by heap); ${a0.cached} cached`,
            `trivial per cached workflow: RSS ${kb(median(tRss))}, heap ${kb(median(tHeap))} → ${perGb(median(tRss))}/GB (${(value / perGb(median(tRss))).toFixed(2)}× trivial)`,
          ],
        },
      ];
    } finally {
      await Promise.all([aid.stop(), triv.stop()]);
      await stack.stop();
    }
  },
};
