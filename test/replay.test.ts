// Every recorded history in test/histories must replay against the current workflow code:
// a change to running logic that is not behind patched() fails here before it reaches a case.
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { bundleWorkflowCode, Worker } from '@temporalio/worker';
import { DeterminismViolationError } from '@temporalio/workflow';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { workflowBundle } from './support/temporal';
import { testDataConverter } from './support/trust';

const DIR = path.join(__dirname, 'histories');
const files = readdirSync(DIR).filter((f) => f.endsWith('.json'));
const load = (f: string) => historyFromJSON(JSON.parse(readFileSync(path.join(DIR, f), 'utf8')));

test('there are recorded histories to replay', () => {
  expect(files.length).toBeGreaterThanOrEqual(1);
});

test('a recorded case went through a 调标 (its standard-adjustment Update), and the batch that told it is recorded too', () => {
  const adjusted = files.filter(
    (f) => f.startsWith('benefit') && readFileSync(path.join(DIR, f), 'utf8').includes('applyStandardAdjustment'),
  );
  expect(adjusted.length).toBeGreaterThanOrEqual(1);
  expect(files.filter((f) => readFileSync(path.join(DIR, f), 'utf8').includes('adjustmentWorkflow')).length).toBeGreaterThanOrEqual(1);
});

test.each(files)('%s replays against the deployed workflow code', async (file) => {
  await expect(
    Worker.runReplayHistory({ workflowBundle: await workflowBundle(), dataConverter: testDataConverter() }, load(file), file),
  ).resolves.toBeUndefined();
});

test('a changed workflow is reported as diverging', async () => {
  const diverged = await bundleWorkflowCode({
    workflowsPath: path.join(__dirname, 'diverged-workflows'),
    logger: { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error() {} },
  });
  const caseFile = files.find((f) => f.startsWith('case-v1'))!;
  await expect(
    Worker.runReplayHistory({ workflowBundle: diverged, dataConverter: testDataConverter() }, load(caseFile), caseFile),
  ).rejects.toBeInstanceOf(DeterminismViolationError);
});
