import { writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { bundleWorkflows } from '../infra/workflow-bundle';
import { processLogger } from '../infra/logger';

const log = processLogger('bundle');

// Production workers load this pre-built bundle instead of bundling at every start.
async function main(): Promise<void> {
  const { code } = await bundleWorkflows();
  const out = path.join(__dirname, '../dist/workflow-bundle.js');
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, code);
  log.info({ out }, 'workflow bundle written');
}

main().catch((err) => {
  log.error({ err }, 'bundling failed');
  process.exit(1);
});
