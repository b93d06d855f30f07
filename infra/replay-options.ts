import type { DataConverter } from '@temporalio/common';
import type { ReplayWorkerOptions } from '@temporalio/worker';
import { bundleWorkflows } from './workflow-bundle';

/**
 * What a replay runs against: the deployed bundle when there is one (production), else the
 * workflow sources bundled once on first use.
 */
export function replayOptions(dataConverter: DataConverter, bundlePath?: string): () => Promise<ReplayWorkerOptions> {
  let cached: Promise<ReplayWorkerOptions> | undefined;
  return () => {
    cached ??= bundlePath
      ? Promise.resolve({ workflowBundle: { codePath: bundlePath }, dataConverter })
      : bundleWorkflows().then((b) => ({ workflowBundle: b, dataConverter }));
    // A failed bundling is not kept: the next replay tries again.
    cached.catch(() => (cached = undefined));
    return cached;
  };
}
