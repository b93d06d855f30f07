import type { temporal } from '@temporalio/proto';

type History = temporal.api.history.v1.IHistory;

/** Events and payload bytes (as stored: encoded, encrypted) of one run's history: what persistence holds. */
export function historySize(h: History): { events: number; payloadBytes: number } {
  let payloadBytes = 0;
  const walk = (v: unknown): void => {
    if (!v || typeof v !== 'object') return;
    if (v instanceof Uint8Array) return;
    const o = v as Record<string, unknown>;
    if (o.data instanceof Uint8Array && o.metadata && typeof o.metadata === 'object') {
      payloadBytes += o.data.byteLength;
      for (const m of Object.values(o.metadata as Record<string, Uint8Array>)) payloadBytes += m?.byteLength ?? 0;
      return;
    }
    for (const x of Array.isArray(v) ? v : Object.values(o)) walk(x);
  };
  for (const e of h.events ?? []) walk(e);
  return { events: h.events?.length ?? 0, payloadBytes };
}
