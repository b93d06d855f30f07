import { defaultGrpcRetryOptions, makeGrpcRetryInterceptor } from '@temporalio/client';

// The SDK's default gRPC retry (10 attempts, up to ~20 s) holds an API request that long while
// Temporal is down, then fails it. A caller is better served by a 503 with Retry-After within a
// few seconds: four attempts over about 1.5 s ride out a blip (a restart's first moment), no more.
export const apiGrpcRetry = () =>
  makeGrpcRetryInterceptor(defaultGrpcRetryOptions({ maxAttempts: 5, initialIntervalMs: () => 100, maxIntervalMs: () => 1_000 }));
