// Which database errors mean "PostgreSQL is not reachable right now" (retry later) rather than
// "this statement is wrong" (retrying cannot help). The API answers the first kind with 503, and
// the payroll fails a whole batch on it (Temporal retries the batch) instead of counting a case as failed.
// A statement that ran out of time (overloaded, or a server that stopped answering) is of the first kind.

/** Seconds a client should wait before retrying after a 503: a restart of PostgreSQL or Temporal takes a few seconds. */
export const OUTAGE_RETRY_AFTER_SECONDS = 5;

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);
// SQLSTATEs: 57P01 admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now, 53300 too_many_connections,
// 57014 query_canceled (statement_timeout: the application cancels nothing else); class 08 is connection exceptions.
const SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300', '57014']);
// node-postgres reports a dropped socket, a full pool or its own timeouts by message only.
const MESSAGES = [
  /Connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /timeout expired/i,
  /Query read timeout/i,
  /Client has encountered a connection error/i,
  /connection is closed/i,
];

export function isDatabaseOutage(err: unknown): boolean {
  for (
    let e = err as { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown[] } | undefined, depth = 0;
    e && depth < 5;
    e = e.cause as typeof e, depth++
  ) {
    const code = typeof e.code === 'string' ? e.code : '';
    if (NETWORK_CODES.has(code) || SQLSTATES.has(code) || /^08[0-9A-Z]{3}$/.test(code)) return true;
    if (typeof e.message === 'string' && MESSAGES.some((m) => m.test(e!.message as string))) return true;
    // Node's happy-eyeballs connect reports an AggregateError of per-address failures.
    if (Array.isArray(e.errors) && e.errors.some((x) => isDatabaseOutage(x))) return true;
  }
  return false;
}

/** A one-line reason for logs: the code and the message, never a statement's parameters. */
export function describeDbError(err: unknown): string {
  const e = err as { code?: string; message?: string };
  return [e?.code, e?.message].filter(Boolean).join(' ') || String(err);
}
