import { isGrpcServiceError, WorkflowNotFoundError, WorkflowUpdateRPCTimeoutOrCancelledError } from '@temporalio/client';
import { isDatabaseOutage, OUTAGE_RETRY_AFTER_SECONDS } from '../db/outage';
import { HttpError } from './errors';

// An outage of PostgreSQL or Temporal is not the caller's fault and passes by itself: 503 with
// Retry-After, never 500. (Temporal's other server answers, e.g. RESOURCE_EXHAUSTED, are mapped
// elsewhere; this file only knows "cannot reach it".)

export { OUTAGE_RETRY_AFTER_SECONDS };

// gRPC UNAVAILABLE (no server at the address, or it restarts) and DEADLINE_EXCEEDED (no answer in time, or
// the server stopped answering its liveness probe: infra/temporal-watchdog.ts).
const GRPC_UNREACHABLE = new Set([14, 4]);

function temporalUnreachable(err: unknown): boolean {
  for (let e = err as { cause?: unknown } | undefined, depth = 0; e && depth < 5; e = e.cause as typeof e, depth++) {
    if (isGrpcServiceError(e) && GRPC_UNREACHABLE.has(e.code)) return true;
    // An update whose outcome did not arrive in time (server or worker restarting): sending it again is safe.
    if (e instanceof WorkflowUpdateRPCTimeoutOrCancelledError) return true;
  }
  return false;
}

export function fromOutage(err: unknown): HttpError | undefined {
  if (isDatabaseOutage(err)) {
    return new HttpError(
      503,
      'DATABASE_UNAVAILABLE',
      'the database (PostgreSQL) cannot be reached or did not answer in time; send the same request again shortly',
    );
  }
  // The server lost an update it had admitted but no worker had taken up yet (it restarted meanwhile):
  // the SDK reports that as "not found". The case is there; the step was not taken.
  if (err instanceof WorkflowNotFoundError && /^update .* not found/i.test(err.message)) {
    return new HttpError(
      503,
      'TEMPORAL_UNAVAILABLE',
      'the step was not taken up because the workflow service (Temporal) restarted meanwhile; send the same request again',
    );
  }
  if (temporalUnreachable(err)) {
    return new HttpError(
      503,
      'TEMPORAL_UNAVAILABLE',
      'the workflow service (Temporal) cannot be reached or did not answer in time; send the same request again shortly',
    );
  }
  return undefined;
}
