import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { bundleWorkflows } from '../../infra/workflow-bundle';

// The workflow bundle, made once per jest run instead of once per test file: jest gives every file
// fresh modules, so a module-level cache alone rebundled (webpack, seconds of CPU) in each of the
// ~20 files that run a worker or a replay. The first file to need it writes it where
// AIDFLOW_TEST_BUNDLE (set by global-setup for this run only) points; later files read it. The
// run's own sources, so never stale; global-teardown removes it.

let bundle: Promise<{ code: string }> | undefined;

async function sharedBundle(): Promise<{ code: string }> {
  const file = process.env.AIDFLOW_TEST_BUNDLE;
  if (file && existsSync(file)) return { code: readFileSync(file, 'utf8') };
  const built = await bundleWorkflows();
  if (file) {
    // Whole or not at all: a file that reads it meanwhile never sees half a bundle.
    writeFileSync(`${file}.${process.pid}.tmp`, built.code);
    renameSync(`${file}.${process.pid}.tmp`, file);
  }
  return built;
}

/** The workflow code as `bundleWorkflows()` makes it (for workers and replays in tests). */
export function workflowBundle(): Promise<{ code: string }> {
  bundle ??= sharedBundle();
  return bundle;
}
