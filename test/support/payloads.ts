import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { TestApi } from './http';
import type { Actor } from '../../domain/case';

// Payloads as Temporal stores them: read through the bare connection (no data converter, no
// codec), so every payload is still the ciphertext the Web UI would send to /codec/decode.

export interface JsonPayload {
  metadata: Record<string, string>;
  data: string;
}
export interface Found {
  path: string;
  payload: JsonPayload;
}

const ENCRYPTED = Buffer.from('binary/encrypted').toString('base64');

/** Every encrypted payload in a history in its JSON form, with where it sits (indexes dropped). */
export function encryptedPayloadsIn(history: unknown): Found[] {
  const found: Found[] = [];
  const walk = (node: unknown, path: string): void => {
    if (!node || typeof node !== 'object') return;
    const p = node as JsonPayload;
    if (p.metadata?.encoding === ENCRYPTED) return void found.push({ path, payload: { metadata: p.metadata, data: p.data ?? '' } });
    for (const [k, v] of Object.entries(node)) walk(v, Array.isArray(node) ? path : `${path}.${k}`);
  };
  walk(history, '');
  return found;
}

export async function rawHistory(env: TestWorkflowEnvironment, workflowId: string): Promise<unknown> {
  const events = [];
  let nextPageToken: Uint8Array | undefined;
  do {
    const r = await env.connection.workflowService.getWorkflowExecutionHistory({
      namespace: env.namespace ?? 'default',
      execution: { workflowId },
      nextPageToken,
    });
    events.push(...(r.history?.events ?? []));
    nextPageToken = r.nextPageToken?.length ? r.nextPageToken : undefined;
  } while (nextPageToken);
  return JSON.parse(historyToJSON({ events }));
}

export const isEncrypted = (p: JsonPayload) => p.metadata.encoding === ENCRYPTED;
export const text = (p: JsonPayload) => Buffer.from(p.data, 'base64').toString('utf8');

/** Sends payloads to /codec/decode as `actor`; counts what came back decoded. */
export async function decodeAs(api: TestApi, actor: Actor, payloads: JsonPayload[]) {
  const r = await api.call('POST', '/codec/decode', { actor, body: { payloads } });
  if (r.status !== 200) throw new Error(`decode as ${actor.id}: ${r.status} ${r.text}`);
  const out = r.body.payloads as JsonPayload[];
  return { out, decoded: out.filter((p) => !isEncrypted(p)).length, still: out.filter(isEncrypted).length };
}
