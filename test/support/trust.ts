import type { DataConverter } from '@temporalio/common';
import type { ApiDeps, CaseServices } from '../../api/deps';
import { createAuthenticator } from '../../api/auth';
import { AesGcmCodec, parseKeys } from '../../infra/codec';
import { encryptedDataConverter } from '../../infra/data-converter';
import { workflowBundle } from './bundle';
import { mintToken } from '../../infra/tokens';
import type { Actor } from '../../domain/case';

// Fixed test secrets: tests exercise the same encryption and token checks as production.
export const TEST_JWT_SECRET = 'test-secret-for-aidflow-tests-only-0123456789';
export const TEST_KEYS = {
  spec: `t1:${Buffer.alloc(32, 7).toString('base64')},t2:${Buffer.alloc(32, 9).toString('base64')}`,
  activeId: 't2',
};

/** The audit events' HMAC key in tests (the database never holds it, as in production). */
export const TEST_AUDIT_KEY = Buffer.alloc(32, 11);

export const testDataConverter = (): DataConverter => encryptedDataConverter(TEST_KEYS);

export function tokenFor(actor: Actor, ttl = '1h'): Promise<string> {
  if (actor.role === 'system') throw new Error('no tokens for the system actor');
  return mintToken(TEST_JWT_SECRET, { sub: actor.id, role: actor.role, jurisdiction: actor.jurisdiction ?? '', ttl });
}

export async function apiDeps(services: CaseServices, over: Partial<ApiDeps> = {}): Promise<ApiDeps> {
  return {
    ...services,
    authenticate: await createAuthenticator({ secret: TEST_JWT_SECRET, issuer: 'aidflow', audience: 'aidflow-api' }),
    codec: new AesGcmCodec(parseKeys(TEST_KEYS.spec, TEST_KEYS.activeId)),
    codecCorsOrigins: ['http://localhost:8233'],
    rateLimitPerMinute: 10_000,
    // The run's one bundle (test/support/bundle.ts), as replayOptions() would make it, not one more per file.
    replayOptions: async () => ({ workflowBundle: await workflowBundle(), dataConverter: testDataConverter() }),
    auditKey: TEST_AUDIT_KEY,
    consoleSignIn: { secret: TEST_JWT_SECRET, issuer: 'aidflow', audience: 'aidflow-api' },
    ...over,
  };
}
