import { Connection, defaultGrpcRetryOptions, makeGrpcRetryInterceptor } from '@temporalio/client';
import { temporalWatchdog } from './temporal-watchdog';

// The SDK's default gRPC retry (10 attempts, up to ~20 s) holds an API request that long while
// Temporal is down, then fails it. A caller is better served by a 503 with Retry-After within a
// few seconds: four attempts over about 1.5 s ride out a blip (a restart's first moment), no more.
export const apiGrpcRetry = () =>
  makeGrpcRetryInterceptor(defaultGrpcRetryOptions({ maxAttempts: 5, initialIntervalMs: () => 100, maxIntervalMs: () => 1_000 }));

/**
 * The API's connection to Temporal. Lazy: the API starts, and answers 503 rather than exiting, while
 * Temporal is unreachable; the channel reconnects by itself when it returns. Retries are short, a
 * call without a deadline gets `callTimeoutMs`, and a server that stops answering fails every
 * pending call within about 2.5 s (infra/temporal-watchdog.ts).
 */
export function apiTemporalConnection(address: string, callTimeoutMs: number): Connection {
  const watchdog = temporalWatchdog({ callTimeoutMs });
  const connection = Connection.lazy({ address, interceptors: [apiGrpcRetry(), watchdog.interceptor] });
  watchdog.probeWith((deadline) => connection.withDeadline(deadline, () => connection.workflowService.getSystemInfo({})));
  return connection;
}
