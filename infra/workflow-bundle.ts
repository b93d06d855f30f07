import { bundleWorkflowCode } from '@temporalio/worker';
import path from 'node:path';
import { processLogger } from './logger';

// Every bundle of the workflow code (worker start, `npm run build`, replays, tests) is made here, so
// each carries the request-id interceptor and none prints webpack's statistics.

export const WORKFLOWS_PATH = path.resolve(__dirname, '../workflows');
export const WORKFLOW_INTERCEPTOR_MODULES = [path.resolve(__dirname, '../workflows/interceptors')];

const quiet = () => {
  const log = processLogger('bundler');
  return { log() {}, trace() {}, debug() {}, info() {}, warn: (m: string) => log.warn(m), error: (m: string) => log.error(m) };
};

export function bundleWorkflows(workflowsPath = WORKFLOWS_PATH): Promise<{ code: string }> {
  return bundleWorkflowCode({ workflowsPath, workflowInterceptorModules: WORKFLOW_INTERCEPTOR_MODULES, logger: quiet() });
}
