import { bundleWorkflowCode } from '@temporalio/worker';
import path from 'node:path';
import { processLogger } from './logger';

// Every bundle of the workflow code (worker start, `npm run build`, replays, tests) is made here, so
// each carries the request-id interceptor and none prints webpack's statistics.

export const WORKFLOWS_PATH = path.resolve(__dirname, '../workflows');
export const WORKFLOW_INTERCEPTOR_MODULES = [path.resolve(__dirname, '../workflows/interceptors')];

/**
 * The pure domain modules workflows import, loaded once per V8 context and shared by every workflow
 * in it, instead of instantiated again by each cached workflow (the SDK's preloadModules). Only
 * modules without state of their own belong here: constants and functions of their arguments, no
 * @temporalio/workflow, nothing read at load time. test/workflow-bundle.test.ts checks that every
 * domain module in the bundle is listed.
 */
export const SHARED_DOMAIN_MODULES = [
  'adjustment-apply',
  'amounts',
  'appeal',
  'application-core',
  'benefit',
  'calendar',
  'case',
  'deadline-ledger',
  'notices',
  'payments',
  'received',
  'referral-kinds',
  'reviews',
  'temporary-eligibility',
  'text',
];

const quiet = () => {
  const log = processLogger('bundler');
  return { log() {}, trace() {}, debug() {}, info() {}, warn: (m: string) => log.warn(m), error: (m: string) => log.error(m) };
};

export function bundleWorkflows(workflowsPath = WORKFLOWS_PATH): Promise<{ code: string }> {
  const preloadModules = workflowsPath === WORKFLOWS_PATH ? SHARED_DOMAIN_MODULES.map((m) => path.resolve(__dirname, '../domain', m)) : [];
  return bundleWorkflowCode({ workflowsPath, workflowInterceptorModules: WORKFLOW_INTERCEPTOR_MODULES, preloadModules, logger: quiet() });
}
