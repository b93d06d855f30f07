import { createRemoteJWKSet, importSPKI, JWTPayload, jwtVerify, KeyLike } from 'jose';
import { z } from 'zod';
import { textProblem } from '../domain/text';
import { Actor, roles } from '../domain/case';
import { unauthorized } from './errors';

// Bearer tokens carry who acts, in what role, over which area. Verified with a shared secret
// (HS256, local use), a public key (RS256/ES256) or the identity provider's JWKS.

export interface AuthConfig {
  secret?: string;
  publicKeyPem?: string;
  jwksUrl?: string;
  issuer: string;
  audience: string;
}

const claimsSchema = z.object({
  // The actor's id and name go into audit rows: the same text rule as request fields (domain/text.ts).
  sub: z.string().min(1).max(64).refine((v) => !textProblem(v, 'single-line'), 'no control characters'),
  role: z.enum(roles.filter((r) => r !== 'system') as [string, ...string[]]),
  /** 6-digit county code or 9-digit township code (县级/乡镇级行政区划代码). */
  jurisdiction: z.string().regex(/^\d{6}(\d{3})?$/),
  name: z.string().max(50).refine((v) => !textProblem(v, 'single-line'), 'no control characters').optional(),
});

export type Authenticate = (authorization: string | undefined) => Promise<Actor>;

export async function createAuthenticator(c: AuthConfig): Promise<Authenticate> {
  let key: Uint8Array | KeyLike | ReturnType<typeof createRemoteJWKSet>;
  if (c.jwksUrl) key = createRemoteJWKSet(new URL(c.jwksUrl));
  else if (c.publicKeyPem) key = await importSPKI(c.publicKeyPem, c.publicKeyPem.includes('EC') ? 'ES256' : 'RS256');
  else if (c.secret) key = new TextEncoder().encode(c.secret);
  else throw new Error('no token verification key: set AUTH_JWT_SECRET, AUTH_JWT_PUBLIC_KEY or AUTH_JWKS_URL');

  return async (authorization) => {
    const token = /^Bearer (.+)$/i.exec(authorization ?? '')?.[1];
    if (!token) throw unauthorized('send a bearer token: Authorization: Bearer <token> (see README, "Tokens")');
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, key as Parameters<typeof jwtVerify>[1], { issuer: c.issuer, audience: c.audience, requiredClaims: ['exp'] }));
    } catch (err) {
      throw unauthorized(`invalid token: ${(err as Error).message}`);
    }
    const claims = claimsSchema.safeParse(payload);
    if (!claims.success) {
      throw unauthorized(`token claims: ${claims.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    }
    const { sub, role, jurisdiction, name } = claims.data;
    return { id: sub, role: role as Actor['role'], jurisdiction, ...(name ? { name } : {}) };
  };
}
