// Temporal's overload and outage answers are the server's state, not the caller's input: 503 + Retry-After.
import express from 'express';
import type { AddressInfo } from 'node:net';
import { ServiceError } from '@temporalio/client';
import { createErrorHandler } from '../api/errors';
import { fromTemporalServiceError } from '../api/service-errors';

const grpc = (code: number, message: string) => Object.assign(new Error(message), { code, details: message, metadata: {} });

async function answer(err: unknown): Promise<{ status: number; retryAfter: string | null; body: any }> {
  const app = express();
  app.get('/x', () => {
    throw err;
  });
  app.use(createErrorHandler(() => undefined));
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  try {
    const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/x`);
    return { status: res.status, retryAfter: res.headers.get('retry-after'), body: await res.json() };
  } finally {
    await new Promise((r) => server.close(r));
  }
}

test('RESOURCE_EXHAUSTED (code 8) inside a ServiceError answers 503 with Retry-After', async () => {
  const err = new ServiceError('Failed to update workflow', { cause: grpc(8, '8 RESOURCE_EXHAUSTED: too many outstanding updates') });
  const r = await answer(err);
  expect(r.status).toBe(503);
  expect(Number(r.retryAfter)).toBeGreaterThan(0);
  expect(r.body.error.code).toBe('TEMPORAL_BUSY');
});

test.each([
  [14, 'TEMPORAL_UNAVAILABLE'],
  [4, 'TEMPORAL_TIMEOUT'],
])('gRPC code %i answers 503 %s', async (code, name) => {
  const r = await answer(grpc(code, 'from the server'));
  expect(r).toMatchObject({ status: 503, body: { error: { code: name } } });
  expect(r.retryAfter).not.toBeNull();
});

test('other errors are not taken for Temporal outages', async () => {
  expect(fromTemporalServiceError(Object.assign(new Error('x'), { code: '57P01' }))).toBeUndefined();
  expect(fromTemporalServiceError(grpc(3, 'INVALID_ARGUMENT'))).toBeUndefined();
  expect((await answer(new Error('a bug'))).status).toBe(500);
});
