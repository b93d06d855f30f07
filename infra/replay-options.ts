import type { DataConverter } from '@temporalio/common';
import { bundleWorkflowCode, type ReplayWorkerOptions } from '@temporalio/worker';
import path from 'node:path';

const quiet = { log() {}, trace() {}, debug() {}, info() {}, warn: console.warn, error: console.error };

/**
 * What a replay runs against: the deployed bundle when there is one (production), else the
 * workflow sources bundled once on first use.
 */
export function replayOptions(dataConverter: DataConverter, bundlePath?: string): () => Promise<ReplayWorkerOptions> {
  let cached: Promise<ReplayWorkerOptions> | undefined;
  return () => {
    cached ??= bundlePath
      ? Promise.resolve({ workflowBundle: { codePath: bundlePath }, dataConverter })
      : bundleWorkflowCode({ workflowsPath: path.resolve(__dirname, '../workflows'), logger: quiet }).then((b) => ({ workflowBundle: b, dataConverter }));
    return cached;
  };
}
