import type { LogLevel, LogMetadata, Logger as TemporalLogger } from '@temporalio/common';
import type { Logger } from './logger';

// The SDK's logger (worker state, workflow and activity logs, and the Rust core's lines forwarded
// to it) written through the process's pino logger: one format on one stream, with redaction.

const LEVEL: Record<LogLevel, 'trace' | 'debug' | 'info' | 'warn' | 'error'> = {
  TRACE: 'trace',
  DEBUG: 'debug',
  INFO: 'info',
  WARN: 'warn',
  ERROR: 'error',
};

/** Meta keys the SDK uses for symbols or huge objects are dropped; the rest become fields. */
function fields(meta?: LogMetadata): Record<string, unknown> {
  if (!meta) return {};
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(meta)) if (typeof v !== 'function') out[k === 'error' ? 'err' : k] = v;
  return out;
}

export function temporalLogger(log: Logger): TemporalLogger {
  const at = (level: LogLevel) => (message: string, meta?: LogMetadata) => log[LEVEL[level]](fields(meta), message);
  return {
    log: (level, message, meta) => at(level)(message, meta),
    trace: at('TRACE'),
    debug: at('DEBUG'),
    info: at('INFO'),
    warn: at('WARN'),
    error: at('ERROR'),
  };
}
