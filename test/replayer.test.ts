// The API's long-lived replay worker (infra/replayer.ts): one worker serves call after call, reports
// a divergence as the per-call replayer does, keeps serving after it, and closes so the process can end.
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { bundleWorkflowCode } from '@temporalio/worker';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Replayer } from '../infra/replayer';
import { workflowBundle } from './support/temporal';
import { testDataConverter } from './support/trust';

const DIR = path.join(__dirname, 'histories');
const items = readdirSync(DIR)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => ({ workflowId: f, history: historyFromJSON(JSON.parse(readFileSync(path.join(DIR, f), 'utf8'))) }));
const silent = { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error() {} };

test('one replay worker replays every recorded history, call after call, concurrent calls taking turns', async () => {
  const replayer = new Replayer(async () => ({ workflowBundle: await workflowBundle(), dataConverter: testDataConverter() }));
  await replayer.warm();
  try {
    const [a, b] = await Promise.all([replayer.replay(items), replayer.replay(items.slice(0, 2))]);
    const again = await replayer.replay(items);
    for (const results of [a, b, again]) for (const r of results) expect(r.error).toBeUndefined();
    expect(a.map((r) => r.runId)).toEqual(again.map((r) => r.runId));
    expect(a).toHaveLength(items.length);
    expect(b).toHaveLength(2);
  } finally {
    await replayer.close();
  }
  await expect(replayer.replay(items)).rejects.toThrow(/closed/);
});

test('a divergence is reported per history and the replay worker goes on serving', async () => {
  const diverged = await bundleWorkflowCode({ workflowsPath: path.join(__dirname, 'diverged-workflows'), logger: silent });
  const replayer = new Replayer(async () => ({ workflowBundle: diverged, dataConverter: testDataConverter() }));
  try {
    const caseV1 = items.find((i) => i.workflowId.startsWith('case-v1'))!;
    const [first, second] = [await replayer.replay([caseV1]), await replayer.replay([caseV1])];
    for (const [r] of [first, second]) expect(r.error?.name).toMatch(/DeterminismViolation/);
  } finally {
    await replayer.close();
  }
});
