import pino, { type Logger } from 'pino';
import { maskIdNumbersIn } from '../domain/privacy';

// One logger for every process (API, worker, scripts, `npm start`): JSON lines in production, for
// the log collector; one compact readable line per event elsewhere. Personal data never reaches a
// log: known fields are redacted by path, and resident ID numbers are masked in any text.

export type { Logger } from 'pino';

/** Fields that hold names or ID numbers wherever they sit (one level deep in any object, or at the top; a
 * top-level `name` is the logger's own). */
const PERSONAL = [
  'idNumber',
  'applicantName',
  'applicantId',
  'name',
  'names',
  'members',
  'application',
  'applicant',
  'bankAccount',
  'phone',
  'address',
];
const REDACT = [
  ...PERSONAL.filter((k) => k !== 'name'),
  ...PERSONAL.map((k) => `*.${k}`),
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  'headers.authorization',
];

/** Masks ID numbers in any string, deeply (values only; the shape stays). */
export function maskDeep(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return maskIdNumbersIn(value);
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error)
    return {
      type: value.name,
      message: maskIdNumbersIn(value.message),
      stack: maskIdNumbersIn(value.stack ?? ''),
      code: (value as { code?: unknown }).code,
    };
  if (Array.isArray(value)) return value.map((v) => maskDeep(v, depth + 1));
  // Only plain data: requests, responses and other instances are left to their serializers.
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskDeep(v, depth + 1)]));
}

const LEVELS: Record<number, string> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };
// The access line's message already says method, path and status: req/res would repeat it.
const OWN = new Set(['level', 'time', 'pid', 'hostname', 'name', 'msg', 'req', 'res']);

/** Development: `12:03:04 INFO  [api] msg key=value …`, one line per event, no colours. */
export function compactLine(json: string): string {
  try {
    const o = JSON.parse(json) as Record<string, unknown>;
    const time = new Date(Number(o.time)).toISOString().slice(11, 23);
    const extras = Object.entries(o)
      .filter(([k]) => !OWN.has(k))
      .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
      .join(' ');
    return `${time} ${(LEVELS[Number(o.level)] ?? String(o.level)).padEnd(5)} [${o.name}] ${o.msg ?? ''}${extras ? ' ' + extras : ''}\n`;
  } catch {
    return json;
  }
}

const jsonLines = (env: NodeJS.ProcessEnv) => env.NODE_ENV === 'production' || env.LOG_FORMAT === 'json';

export function createLogger(name: string, env: NodeJS.ProcessEnv = process.env, out: { write(s: string): void } = process.stdout): Logger {
  const json = jsonLines(env);
  const stream = json ? out : { write: (line: string) => out.write(compactLine(line)) };
  return pino(
    {
      name,
      level: env.LOG_LEVEL || 'info',
      redact: { paths: REDACT, censor: '[redacted]' },
      serializers: { err: (e: unknown) => maskDeep(e), error: (e: unknown) => maskDeep(e) },
      // Field values are free text too (a reason, an error's message): masked like the message.
      formatters: { log: (o) => maskDeep(o) as Record<string, unknown> },
      // Messages are free text: an ID number typed into a reason must not reach the log in clear.
      hooks: {
        logMethod(args, method) {
          method.apply(this, args.map((a) => (typeof a === 'string' ? maskIdNumbersIn(a) : a)) as Parameters<typeof method>);
        },
      },
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.epochTime,
    },
    stream,
  );
}

const loggers = new Map<string, Logger>();
/** The logger of one role in this process (api, worker, dev, db, or a script's name). */
export function processLogger(name: string): Logger {
  let l = loggers.get(name);
  if (!l) loggers.set(name, (l = createLogger(name)));
  return l;
}

/**
 * With JSON lines, Node's own warnings (a deprecation in a library, say) become log lines of `log`
 * instead of plain text on stderr, which a log collector could not parse.
 */
export function logProcessWarnings(log: Logger, env: NodeJS.ProcessEnv = process.env): void {
  if (!jsonLines(env)) return;
  process.removeAllListeners('warning');
  process.on('warning', (w: Error & { code?: string }) =>
    log.warn({ warning: { type: w.name, code: w.code, message: w.message } }, `process warning: ${w.message}`),
  );
}
