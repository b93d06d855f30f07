import { isGrpcServiceError } from '@temporalio/client';
import { isDatabaseOutage } from '../db/outage';
import { HttpError } from './errors';

// An outage of PostgreSQL or Temporal is not the caller's fault and passes by itself: 503 with
// Retry-After, never 500. (Temporal's other server answers, e.g. RESOURCE_EXHAUSTED, are mapped
// elsewhere; this file only knows "cannot reach it".)

/** Seconds a client should wait before retrying: a restart of either takes a few seconds. */
export const OUTAGE_RETRY_AFTER_SECONDS = 5;

const GRPC_UNAVAILABLE = 14;

function temporalUnreachable(err: unknown): boolean {
  for (let e = err as { cause?: unknown } | undefined, depth = 0; e && depth < 5; e = e.cause as typeof e, depth++) {
    if (isGrpcServiceError(e) && e.code === GRPC_UNAVAILABLE) return true;
  }
  return false;
}

export function fromOutage(err: unknown): HttpError | undefined {
  if (isDatabaseOutage(err)) {
    return new HttpError(503, 'DATABASE_UNAVAILABLE', 'the database (PostgreSQL) cannot be reached at the moment; send the same request again shortly');
  }
  if (temporalUnreachable(err)) {
    return new HttpError(503, 'TEMPORAL_UNAVAILABLE', 'the workflow service (Temporal) cannot be reached at the moment; send the same request again shortly');
  }
  return undefined;
}
