import type { Payload, PayloadCodec } from '@temporalio/common';
import { covers } from '../domain/access';
import type { Actor } from '../domain/case';
import { ownerName, readBinding } from '../infra/payload-binding';
import { badRequest } from './errors';

// Which payloads of a /codec/decode batch a caller may read, decided payload by payload and
// failing closed: a bound payload only within the area its authenticated binding names; a
// system-scoped one never (the system reads it in the worker, no person through the Web UI);
// one written before bindings existed only if its own text names exactly one township, in the
// caller's area. Everything refused goes back still encrypted, so the UI shows ciphertext.

const ENCRYPTED = 'binary/encrypted';
const CASE_ID = /\b[A-Z]{2}-(\d{9})-\d{4}-\d{6}\b/g;
const TOWNSHIP = /"township":"(\d{9})"/g;

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

/** A legacy payload's own text: the case ids and townships it names. */
function namedIn(p: Payload): { ids: string[]; townships: Set<string> } {
  const text = Buffer.from(p.data ?? []).toString('utf8');
  const ids = [...new Set([...text.matchAll(CASE_ID)].map((m) => m[0]))];
  return { ids, townships: new Set([...text.matchAll(CASE_ID), ...text.matchAll(TOWNSHIP)].map((m) => m[1])) };
}

export async function decodeForCaller(actor: Actor, codec: PayloadCodec, input: Payload[]): Promise<DecodeOutcome> {
  const out = [...input];
  const owners = new Set<string>();
  const refusals = new Map<string, number>();
  const refuse = (why: string) => refusals.set(why, (refusals.get(why) ?? 0) + 1);
  const bound: number[] = [];
  const legacy: number[] = [];
  input.forEach((p, i) => {
    if (!isEncrypted(p)) return; // already clear in Temporal: nothing to decide
    const b = readBinding(p);
    if (b === null) legacy.push(i);
    else if (b === 'invalid') throw badRequest('cannot decode these payloads: payload binding metadata is malformed');
    else if (b.scope === 'system') refuse('not tied to any case (system only)');
    else if (!covers(actor, b.area)) refuse(`${ownerName(b)} outside the area`);
    else bound.push(i);
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
    const named = namedIn(plain[k]);
    const [township] = named.townships;
    if (named.townships.size !== 1) return void refuse(named.townships.size ? 'unbound, names several townships' : 'unbound, names no case');
    if (!covers(actor, township)) return void refuse(`unbound, of township ${township} outside the area`);
    out[i] = plain[k];
    for (const id of named.ids) owners.add(id);
    if (!named.ids.length) owners.add(`township:${township}`);
    decoded++;
  });
  const refused = [...refusals.values()].reduce((a, b) => a + b, 0);
  return { payloads: out, decoded, owners: [...owners].sort(), refused, refusals: [...refusals].map(([why, n]) => `${n}× ${why}`) };
}
