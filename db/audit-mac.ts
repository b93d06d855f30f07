import { createHmac, timingSafeEqual } from 'node:crypto';
import { canonicalJson, HashedFields } from './audit-hash';

/**
 * The event's MAC: HMAC-SHA256(key, prevMac || "\n" || canonical event). The canonical event
 * includes prevHash, so the first MAC'd event after legacy (MAC-less) rows still binds them.
 * The key lives only in the worker and the API, never in PostgreSQL.
 */
export function eventMac(key: Buffer, prevMac: string | null, f: HashedFields): string {
  return createHmac('sha256', key)
    .update(prevMac ?? '')
    .update('\n')
    .update(canonicalJson(f))
    .digest('hex');
}

export function sameMac(a: string | null | undefined, b: string | null | undefined): boolean {
  if (!a || !b || a.length !== b.length) return false;
  return timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

/** AUDIT_MAC_KEY is base64 (at least 32 bytes once decoded). */
export function parseAuditKey(b64: string): Buffer {
  const key = Buffer.from(b64, 'base64');
  if (key.length < 32) throw new Error('invalid configuration:\n  AUDIT_MAC_KEY: at least 32 bytes, base64-encoded');
  return key;
}
