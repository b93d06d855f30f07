import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Payload, PayloadCodec, SerializationContext } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { bindingAad, bindingForContext, bindingMetadata, readBinding, sameOwner } from './payload-binding';

// Case files carry ID numbers, incomes and illnesses. Temporal stores every workflow input,
// update, query result and activity argument; this codec makes all of them ciphertext there.
// The key id travels in each payload's metadata, so old keys keep decoding after a rotation.
// Each payload is bound to its case (or area) through the SDK's serialization context: the
// binding rides in the metadata and is authenticated as additional data (infra/payload-binding).

const ENCODING = 'binary/encrypted';
const KEY_ID = 'encryption-key-id';
const ProtoPayload = temporal.api.common.v1.Payload;

export interface CodecKeys {
  /** key id → 32-byte key */
  keys: Map<string, Buffer>;
  /** The key new payloads are encrypted with. */
  activeKeyId: string;
}

/** Parses `id1:base64key,id2:base64key`; every key must be 32 bytes (AES-256). */
export function parseKeys(spec: string, activeKeyId: string): CodecKeys {
  const keys = new Map<string, Buffer>();
  for (const part of spec
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const [id, b64] = part.split(':');
    const key = Buffer.from(b64 ?? '', 'base64');
    if (!id || key.length !== 32) throw new Error(`payload key "${id ?? part}" must be 32 bytes, base64-encoded`);
    keys.set(id, key);
  }
  if (!keys.has(activeKeyId)) throw new Error(`active payload key "${activeKeyId}" is not among the configured keys`);
  return { keys, activeKeyId };
}

const utf8 = (s: string) => new TextEncoder().encode(s);

export class AesGcmCodec implements PayloadCodec {
  constructor(private readonly k: CodecKeys) {}

  async encode(payloads: Payload[], context?: SerializationContext): Promise<Payload[]> {
    const keyId = this.k.activeKeyId;
    const key = this.k.keys.get(keyId)!;
    const binding = bindingForContext(context);
    const aad = bindingAad(keyId, binding);
    return payloads.map((p) => {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(aad);
      const plain = ProtoPayload.encode(p as temporal.api.common.v1.IPayload).finish();
      const body = Buffer.concat([cipher.update(plain), cipher.final()]);
      return {
        metadata: { encoding: utf8(ENCODING), [KEY_ID]: utf8(keyId), ...bindingMetadata(binding) },
        data: new Uint8Array(Buffer.concat([iv, body, cipher.getAuthTag()])),
      };
    });
  }

  /**
   * With a context (worker and client), a bound payload must belong to the same case or area as
   * the workflow reading it; payloads written before bindings existed decode without additional
   * data, so recorded histories still replay. Without a context (the codec endpoint), the caller
   * decides from the authenticated binding who may see the result.
   */
  async decode(payloads: Payload[], context?: SerializationContext): Promise<Payload[]> {
    const reader = bindingForContext(context);
    return payloads.map((p) => {
      if (Buffer.from(p.metadata?.encoding ?? []).toString() !== ENCODING) return p;
      const id = Buffer.from(p.metadata?.[KEY_ID] ?? []).toString();
      const key = this.k.keys.get(id);
      if (!key) throw new Error(`payload encrypted with unknown key "${id}"`);
      const binding = readBinding(p);
      if (binding === 'invalid') throw new Error('payload binding metadata is malformed');
      if (context && binding && binding.scope !== 'system' && reader.scope !== 'system' && !sameOwner(binding, reader)) {
        throw new Error(`payload bound to ${describe(binding)} cannot be read by workflow ${context.workflowId}`);
      }
      const data = Buffer.from(p.data ?? []);
      if (data.length < 28) throw new Error('payload too short to be AES-GCM ciphertext');
      const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, 12));
      if (binding) decipher.setAAD(bindingAad(id, binding));
      decipher.setAuthTag(data.subarray(data.length - 16));
      const plain = Buffer.concat([decipher.update(data.subarray(12, data.length - 16)), decipher.final()]);
      return ProtoPayload.decode(plain) as Payload;
    });
  }
}

function describe(b: Exclude<ReturnType<typeof readBinding>, null | 'invalid'>): string {
  return b.scope === 'case' ? `case ${b.caseId}` : b.scope === 'area' ? `area ${b.area}` : 'the system';
}
