import type { ActivityInterceptorsFactory } from '@temporalio/worker';
import type { Logger } from '../infra/logger';
import { readRequestId } from '../infra/request-id';

// One log line per activity attempt, with the API request id that caused it (a Temporal header
// passed on by workflows/interceptors.ts): an operator follows one step from the access log line
// to the worker's lines by that id. Arguments are never logged (they hold personal data).

export const activityLogInterceptor =
  (log: Logger): ActivityInterceptorsFactory =>
  (ctx) => ({
    inbound: {
      async execute(input, next) {
        const { activityType, attempt, workflowExecution, workflowType } = ctx.info;
        const l = log.child({
          requestId: readRequestId(input.headers),
          activity: activityType,
          workflowType,
          workflowId: workflowExecution?.workflowId,
          attempt,
        });
        const t0 = Date.now();
        try {
          const out = await next(input);
          l.info({ ms: Date.now() - t0 }, 'activity completed');
          return out;
        } catch (err) {
          l.warn({ ms: Date.now() - t0, err }, 'activity failed');
          throw err;
        }
      },
    },
  });
