import { bundleWorkflowCode } from '@temporalio/worker';
import { writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';

// Production workers load this pre-built bundle instead of bundling at every start.
async function main(): Promise<void> {
  const { code } = await bundleWorkflowCode({ workflowsPath: path.join(__dirname, '../workflows') });
  const out = path.join(__dirname, '../dist/workflow-bundle.js');
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, code);
  console.log(`workflow bundle written to ${out}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
