import { HttpError } from './errors';

// gRPC status codes the Temporal server answers when it is overloaded or out of reach. Each is
// the server's state, not the caller's input: 503 with Retry-After, never 500.
const TEMPORARY: Record<number, { code: string; message: string; retryAfterSeconds: number }> = {
  8: {
    code: 'TEMPORAL_BUSY',
    message:
      'Temporal refused the request for now (RESOURCE_EXHAUSTED): too many requests are pending on this case or the server; retry shortly',
    retryAfterSeconds: 5,
  },
  14: { code: 'TEMPORAL_UNAVAILABLE', message: 'Temporal is unreachable (UNAVAILABLE); retry shortly', retryAfterSeconds: 5 },
  4: {
    code: 'TEMPORAL_TIMEOUT',
    message: 'Temporal did not answer in time (DEADLINE_EXCEEDED); the step may still complete: check the case, then retry',
    retryAfterSeconds: 5,
  },
};

/** A gRPC status code on the error or its causes (the client wraps them in ServiceError and others). */
function grpcCode(err: unknown): number | undefined {
  let e: unknown = err;
  for (let depth = 0; e && typeof e === 'object' && depth < 6; depth++) {
    const code = (e as { code?: unknown }).code;
    // gRPC codes are small integers; PostgreSQL and Node use strings ('57P01', 'ECONNREFUSED').
    if (typeof code === 'number' && code in TEMPORARY) return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

/** RESOURCE_EXHAUSTED (8), UNAVAILABLE (14), DEADLINE_EXCEEDED (4) from Temporal become 503 with Retry-After. */
export function fromTemporalServiceError(err: unknown): HttpError | undefined {
  const code = grpcCode(err);
  if (code === undefined) return undefined;
  const t = TEMPORARY[code];
  return new HttpError(503, t.code, t.message, { retryAfterSeconds: t.retryAfterSeconds });
}
