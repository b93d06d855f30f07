import type { Payload, PayloadCodec } from '@temporalio/common';
import { covers } from '../domain/access';
import type { Actor } from '../domain/case';
import type { LegacyOwner } from '../db/legacy-payload-repo';
import { payloadDigest } from '../infra/legacy-payloads';
import { ownerName, readBinding } from '../infra/payload-binding';
import { badRequest } from './errors';

// Which payloads of a /codec/decode batch a caller may read, decided payload by payload and
// failing closed: a bound payload only within the area its authenticated binding names; a
// system-scoped one never (the system reads it in the worker, no person through the Web UI);
// one written before bindings existed only if the legacy index (built from the history it was
// written in) names its case, in the caller's area. Everything refused goes back still encrypted.

const ENCRYPTED = 'binary/encrypted';

export interface DecodeOutcome {
  payloads: Payload[];
  decoded: number;
  /** Case ids (or area workflow ids) of the payloads decoded, for the decode log. */
  owners: string[];
  refused: number;
  /** Why payloads were refused, without any personal data: for the access-denial log. */
  refusals: string[];
}

const isEncrypted = (p: Payload) => Buffer.from(p.metadata?.encoding ?? []).toString() === ENCRYPTED;

export type LegacyLookup = (digests: Buffer[]) => Promise<Map<string, LegacyOwner>>;

export async function decodeForCaller(
  actor: Actor,
  codec: PayloadCodec,
  input: Payload[],
  legacyOwners: LegacyLookup,
): Promise<DecodeOutcome> {
  const out = [...input];
  const owners = new Set<string>();
  const refusals = new Map<string, number>();
  const refuse = (why: string) => refusals.set(why, (refusals.get(why) ?? 0) + 1);
  const bound: number[] = [];
  const unbound: number[] = [];
  input.forEach((p, i) => {
    if (!isEncrypted(p)) return; // already clear in Temporal: nothing to decide
    const b = readBinding(p);
    if (b === null) unbound.push(i);
    else if (b === 'invalid') throw badRequest('cannot decode these payloads: payload binding metadata is malformed');
    else if (b.scope === 'system') refuse('not tied to any case (system only)');
    else if (!covers(actor, b.area)) refuse(`${ownerName(b)} outside the area`);
    else bound.push(i);
  });
  const digests = unbound.map((i) => payloadDigest(input[i].data));
  const known = await legacyOwners(digests);
  const legacy: number[] = [];
  const legacyOwner = new Map<number, string>();
  unbound.forEach((i, k) => {
    const o = known.get(digests[k].toString('hex'));
    if (!o) return void refuse('unbound and not in the legacy index (npm run codec:index-legacy)');
    if (!covers(actor, o.area)) return void refuse(`unbound, of ${o.caseId ?? o.workflowId} outside the area`);
    legacy.push(i);
    legacyOwner.set(i, o.caseId ?? o.workflowId);
  });
  const todo = [...bound, ...legacy];
  let plain: Payload[];
  try {
    // No context: the binding in each payload is authenticated, nothing is checked against a reader.
    plain = await codec.decode(todo.map((i) => input[i]));
  } catch (err) {
    throw badRequest(`cannot decode these payloads: ${(err as Error).message}`);
  }
  let decoded = 0;
  todo.forEach((i, k) => {
    if (k < bound.length) {
      out[i] = plain[k];
      owners.add(ownerName(readBinding(input[i]) as Exclude<ReturnType<typeof readBinding>, null | 'invalid'>));
      decoded++;
      return;
    }
    out[i] = plain[k];
    owners.add(legacyOwner.get(i)!);
    decoded++;
  });
  const refused = [...refusals.values()].reduce((a, b) => a + b, 0);
  return { payloads: out, decoded, owners: [...owners].sort(), refused, refusals: [...refusals].map(([why, n]) => `${n}× ${why}`) };
}
