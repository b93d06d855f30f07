import { createHash } from 'node:crypto';
import type { Payload } from '@temporalio/common';
import { bindingForWorkflow, readBinding } from './payload-binding';
import type { LegacyOwner } from '../db/legacy-payload-repo';

// Payloads encrypted before bindings existed carry no owner. The history they were written in
// does: every payload of a case's history is that case's. These helpers find such payloads in a
// history (as Temporal stores it, JSON form) and name them by the digest of their ciphertext.

const ENCRYPTED = 'binary/encrypted';

export const payloadDigest = (data: Uint8Array | null | undefined): Buffer =>
  createHash('sha256')
    .update(data ?? new Uint8Array())
    .digest();

const isUnbound = (p: Payload) => Buffer.from(p.metadata?.encoding ?? []).toString() === ENCRYPTED && readBinding(p) === null;

/** Digests of the unbound encrypted payloads in a history in its JSON form (base64 fields). */
export function unboundDigestsInHistory(history: unknown): Buffer[] {
  const found = new Map<string, Buffer>();
  const walk = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    const j = node as { metadata?: Record<string, string>; data?: string };
    if (j.metadata && typeof j.metadata.encoding === 'string') {
      const p: Payload = {
        metadata: Object.fromEntries(Object.entries(j.metadata).map(([k, v]) => [k, Buffer.from(v, 'base64')])),
        data: Buffer.from(j.data ?? '', 'base64'),
      };
      if (isUnbound(p)) {
        const d = payloadDigest(p.data);
        found.set(d.toString('hex'), d);
      }
      return;
    }
    for (const v of Object.values(node)) walk(v);
  };
  walk(history);
  return [...found.values()];
}

/** The owner of a workflow's legacy payloads: its case (and township) or its area; none for system workflows. */
export function legacyOwnerOf(workflowId: string): LegacyOwner | undefined {
  const b = bindingForWorkflow(workflowId);
  if (b.scope === 'case') return { workflowId, caseId: b.caseId, area: b.area };
  if (b.scope === 'area') return { workflowId, caseId: null, area: b.area };
  return undefined;
}

export const isUnboundPayload = isUnbound;
