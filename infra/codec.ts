import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Payload, PayloadCodec } from '@temporalio/common';
import { temporal } from '@temporalio/proto';

// Case files carry ID numbers, incomes and illnesses. Temporal stores every workflow input,
// update, query result and activity argument; this codec makes all of them ciphertext there.
// The key id travels in each payload's metadata, so old keys keep decoding after a rotation.

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
  for (const part of spec.split(',').map((s) => s.trim()).filter(Boolean)) {
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

  async encode(payloads: Payload[]): Promise<Payload[]> {
    const key = this.k.keys.get(this.k.activeKeyId)!;
    return payloads.map((p) => {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const plain = ProtoPayload.encode(p as temporal.api.common.v1.IPayload).finish();
      const body = Buffer.concat([cipher.update(plain), cipher.final()]);
      return {
        metadata: { encoding: utf8(ENCODING), [KEY_ID]: utf8(this.k.activeKeyId) },
        data: new Uint8Array(Buffer.concat([iv, body, cipher.getAuthTag()])),
      };
    });
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((p) => {
      if (Buffer.from(p.metadata?.encoding ?? []).toString() !== ENCODING) return p;
      const id = Buffer.from(p.metadata?.[KEY_ID] ?? []).toString();
      const key = this.k.keys.get(id);
      if (!key) throw new Error(`payload encrypted with unknown key "${id}"`);
      const data = Buffer.from(p.data ?? []);
      const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, 12));
      decipher.setAuthTag(data.subarray(data.length - 16));
      const plain = Buffer.concat([decipher.update(data.subarray(12, data.length - 16)), decipher.final()]);
      return ProtoPayload.decode(plain) as Payload;
    });
  }
}
