// A worker process for P5 (run by bench/measures/p5-memory.ts): the aidflow worker or the trivial
// one, with a cache large enough to hold every workflow the measure opens. Workflows run on the main
// thread (debugMode) so the measure can collect garbage before it reads the heap. Answers 'mem'
// messages with its memory and the number of workflows in its cache.
import { NativeConnection, Worker } from '@temporalio/worker';
import path from 'node:path';
import { createActivities } from '../../activities';
import { createPool } from '../../db/pool';
import { localDataMatchProvider } from '../../infra/local-data-match';
import { bundleWorkflows } from '../../infra/workflow-bundle';
import { AUDIT_KEY, dataConverter } from './stack';

async function main(): Promise<void> {
  const kind = process.env.KIND as 'aidflow' | 'trivial';
  const connection = await NativeConnection.connect({ address: process.env.TEMPORAL_ADDRESS! });
  const db = createPool(process.env.DATABASE_URL!, 10, 'aidflow_app');
  const common = {
    connection,
    namespace: 'default',
    taskQueue: process.env.TASK_QUEUE!,
    dataConverter: dataConverter(),
    maxCachedWorkflows: Number(process.env.MAX_CACHED),
    debugMode: true,
  };
  const worker =
    kind === 'aidflow'
      ? await Worker.create({
          ...common,
          // BENCH_WORKFLOWS_PATH: another checkout's workflows/ (a before/after comparison by hand).
          workflowBundle: await bundleWorkflows(process.env.BENCH_WORKFLOWS_PATH || undefined),
          activities: createActivities({ db, dataMatch: localDataMatchProvider(db), auditKey: AUDIT_KEY }),
        })
      : await Worker.create({
          ...common,
          workflowBundle: await bundleWorkflows(path.join(__dirname, 'trivial-workflows.ts')),
          activities: { touch: async (id: string) => id },
        });
  process.on('message', (m) => {
    if (m !== 'mem') return;
    for (let i = 0; i < 3; i++) global.gc?.();
    const u = process.memoryUsage();
    process.send?.({ rss: u.rss, heapUsed: u.heapUsed, cached: worker.getStatus().numCachedWorkflows });
  });
  process.on('disconnect', () => worker.shutdown());
  process.send?.('ready');
  await worker.run();
  await db.end();
  await connection.close();
  process.exit(0);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
