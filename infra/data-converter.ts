import type { DataConverter } from '@temporalio/common';
import { AesGcmCodec, parseKeys } from './codec';

/** Shared by every client and worker, so whatever one encrypts the others can read. */
export function encryptedDataConverter(keys: { spec: string; activeId: string }): DataConverter {
  return { payloadCodecs: [new AesGcmCodec(parseKeys(keys.spec, keys.activeId))] };
}
