import type { Headers } from '@temporalio/common';
import type { WorkflowInterceptorsFactory } from '@temporalio/workflow';
import { REQUEST_ID_HEADER } from './request-id-header';

// Passes the API request id (a Temporal header on the start, update or signal) on to the
// activities scheduled while that call is handled, so the worker's log lines for a step carry the
// id of the request that made it. Headers are not commands: replay and determinism are unaffected.
// The isolate is per workflow run, so the module variable is this run's alone.

let current: Headers[string] | undefined;

const withCurrent = (headers: Headers): Headers =>
  current && !headers[REQUEST_ID_HEADER] ? { ...headers, [REQUEST_ID_HEADER]: current } : headers;

export const interceptors: WorkflowInterceptorsFactory = () => ({
  inbound: [
    {
      execute(input, next) {
        current = input.headers[REQUEST_ID_HEADER] ?? current;
        return next(input);
      },
      handleUpdate(input, next) {
        current = input.headers[REQUEST_ID_HEADER] ?? current;
        return next(input);
      },
      handleSignal(input, next) {
        current = input.headers[REQUEST_ID_HEADER] ?? current;
        return next(input);
      },
    },
  ],
  outbound: [
    {
      scheduleActivity: (input, next) => next({ ...input, headers: withCurrent(input.headers) }),
      scheduleLocalActivity: (input, next) => next({ ...input, headers: withCurrent(input.headers) }),
    },
  ],
});
