// Every cached workflow instantiates each module of the bundle it imports (the reusable V8 context
// gives each workflow its own module cache), so validation libraries and request schemas stay out of
// the workflow bundle: the API and activities validate, workflows import zod-free domain modules.
import { bundleWorkflowCode } from '@temporalio/worker';
import path from 'node:path';
import { SHARED_DOMAIN_MODULES } from '../infra/workflow-bundle';
import { workflowBundle } from './support/temporal';

/** Webpack names each bundled module by its path: zod's modules all sit under node_modules/zod. */
const ZOD_MARKER = /["']\.\/node_modules\/zod\//;
/** The domain modules that hold zod schemas (their zod-free halves are what workflows import). */
const SCHEMA_MODULES = ['application', 'referral', 'temporary', 'text-fields', 'policy', 'profile-bindings', 'adjustment-draft'];
const bundledDomainModules = (code: string) => [...new Set([...code.matchAll(/"\.\/domain\/([a-z-]+)\.ts"/g)].map((m) => m[1]))];

test('the marker finds zod in a bundle whose workflow imports it', async () => {
  const probe = await bundleWorkflowCode({
    workflowsPath: path.join(__dirname, 'zod-probe-workflows'),
    logger: { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error() {} },
  });
  expect(probe.code).toMatch(ZOD_MARKER);
});

test('the workflow bundle carries neither zod nor a domain module with zod schemas', async () => {
  const { code } = await workflowBundle();
  expect(code).not.toMatch(ZOD_MARKER);
  const domain = bundledDomainModules(code);
  expect(domain).toContain('calendar'); // the module-name pattern still matches what webpack writes
  expect(domain.filter((m) => SCHEMA_MODULES.includes(m))).toEqual([]);
});

test('every domain module in the bundle is loaded once per V8 context and shared, not instantiated per cached workflow', async () => {
  const { code } = await workflowBundle();
  // A domain module newly imported by a workflow: add it to SHARED_DOMAIN_MODULES if it holds no state.
  expect(bundledDomainModules(code).filter((m) => !SHARED_DOMAIN_MODULES.includes(m))).toEqual([]);
  expect(code).toMatch(/preloadModules\(\) \{\s*__webpack_require__/);
});
