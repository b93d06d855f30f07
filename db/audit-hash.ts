import { createHash } from 'node:crypto';

/** JSON with sorted keys: jsonb does not keep key order, and the hash must survive a round trip. */
export function canonicalJson(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v ?? null);
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o)
    .filter((k) => o[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`).join(',')}}`;
}

export interface HashedFields {
  caseId: string;
  seq: number;
  type: string;
  stage: string;
  actorId: string;
  actorRole: string;
  reason: string | null;
  data: unknown;
  occurredAt: string;
  dueDate: string | null;
  prevHash: string | null;
  /** Hashed when present; events from before run tracking hash without it. */
  runId?: string;
}

export function eventHash(f: HashedFields): string {
  return createHash('sha256').update(canonicalJson(f)).digest('hex');
}
