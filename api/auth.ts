import { createPublicKey } from 'node:crypto';
import { createRemoteJWKSet, JWTPayload, jwtVerify, KeyLike } from 'jose';
import { z } from 'zod';
import { textProblem } from '../domain/text';
import { Actor, roles } from '../domain/case';
import { unauthorized } from './errors';
import { VerifiedTokens } from './token-cache';

// Bearer tokens carry who acts, in what role, over which area. Verified with a shared secret
// (HS256, local use), a public key (RS*/PS*/ES*/EdDSA, as the key's type allows) or the identity
// provider's JWKS; the accepted algorithms are pinned to that key type.

export interface AuthConfig {
  secret?: string;
  publicKeyPem?: string;
  jwksUrl?: string;
  issuer: string;
  audience: string;
}

const claimsSchema = z.object({
  // The actor's id and name go into audit rows: the same text rule as request fields (domain/text.ts).
  sub: z
    .string()
    .min(1)
    .max(64)
    .refine((v) => !textProblem(v, 'single-line'), 'no control characters'),
  role: z.enum(roles.filter((r) => r !== 'system') as [string, ...string[]]),
  /** 6-digit county code or 9-digit township code (县级/乡镇级行政区划代码). */
  jurisdiction: z.string().regex(/^\d{6}(\d{3})?$/),
  name: z
    .string()
    .max(50)
    .refine((v) => !textProblem(v, 'single-line'), 'no control characters')
    .optional(),
});

export type Authenticate = (authorization: string | undefined) => Promise<Actor>;

/** The identity provider's keys sign with public-key algorithms only: never an HMAC. */
const ASYMMETRIC = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];
const EC_ALG: Record<string, string> = { prime256v1: 'ES256', secp384r1: 'ES384', secp521r1: 'ES512' };

/**
 * The one algorithm (or family) a configured public key can verify, read from the key itself:
 * a token naming another algorithm is refused before its signature is even checked.
 */
export function algorithmsForPublicKey(pem: string): string[] {
  const k = createPublicKey(pem);
  switch (k.asymmetricKeyType) {
    case 'rsa':
      return ['RS256', 'RS384', 'RS512'];
    case 'rsa-pss':
      return ['PS256', 'PS384', 'PS512'];
    case 'ec': {
      const alg = EC_ALG[k.asymmetricKeyDetails?.namedCurve ?? ''];
      if (!alg) throw new Error(`AUTH_JWT_PUBLIC_KEY: unsupported curve ${k.asymmetricKeyDetails?.namedCurve}`);
      return [alg];
    }
    case 'ed25519':
      return ['EdDSA'];
    default:
      throw new Error(`AUTH_JWT_PUBLIC_KEY: unsupported key type ${k.asymmetricKeyType}`);
  }
}

export async function createAuthenticator(c: AuthConfig): Promise<Authenticate> {
  let key: Uint8Array | KeyLike | ReturnType<typeof createRemoteJWKSet>;
  let algorithms: string[];
  if (c.jwksUrl) {
    key = createRemoteJWKSet(new URL(c.jwksUrl));
    algorithms = ASYMMETRIC;
  } else if (c.publicKeyPem) {
    algorithms = algorithmsForPublicKey(c.publicKeyPem);
    // jose checks each token's alg against the key; the list above pins which ones it may name.
    key = createPublicKey(c.publicKeyPem);
  } else if (c.secret) {
    key = new TextEncoder().encode(c.secret);
    algorithms = ['HS256'];
  } else throw new Error('no token verification key: set AUTH_JWT_SECRET, AUTH_JWT_PUBLIC_KEY or AUTH_JWKS_URL');

  // Tokens verified once are remembered until they expire (api/token-cache.ts).
  const verified = new VerifiedTokens<Actor>();
  return async (authorization) => {
    const token = /^Bearer (.+)$/i.exec(authorization ?? '')?.[1];
    if (!token) throw unauthorized('send a bearer token: Authorization: Bearer <token> (see README, "Tokens")');
    const known = verified.get(token);
    if (known) return known;
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, key as Parameters<typeof jwtVerify>[1], {
        issuer: c.issuer,
        audience: c.audience,
        requiredClaims: ['exp'],
        algorithms,
      }));
    } catch (err) {
      throw unauthorized(`invalid token: ${(err as Error).message}`);
    }
    const claims = claimsSchema.safeParse(payload);
    if (!claims.success) {
      throw unauthorized(`token claims: ${claims.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    }
    const { sub, role, jurisdiction, name } = claims.data;
    const actor: Actor = { id: sub, role: role as Actor['role'], jurisdiction, ...(name ? { name } : {}) };
    // requiredClaims: exp is a number here (jose checked it).
    verified.set(token, actor, payload.exp as number);
    return actor;
  };
}
