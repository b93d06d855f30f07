import { SignJWT } from 'jose';
import type { Role } from '../domain/case';

export interface TokenRequest {
  sub: string;
  role: Exclude<Role, 'system'>;
  jurisdiction: string;
  name?: string;
  ttl?: string;
}

/** Mints an HS256 token for local use and tests; production tokens come from the identity provider. */
export function mintToken(secret: string, t: TokenRequest, issuer = 'aidflow', audience = 'aidflow-api'): Promise<string> {
  return new SignJWT({ role: t.role, jurisdiction: t.jurisdiction, ...(t.name ? { name: t.name } : {}) })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(t.sub)
    .setIssuer(issuer)
    .setAudience(audience)
    .setIssuedAt()
    .setExpirationTime(t.ttl ?? '8h')
    .sign(new TextEncoder().encode(secret));
}
