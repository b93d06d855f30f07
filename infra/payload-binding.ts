import type { Payload, SerializationContext } from '@temporalio/common';

// Every encrypted payload names the case (and its township) or the area it belongs to. The codec
// writes this binding into the payload's metadata and authenticates it as AES-GCM additional
// data, so neither the binding nor the ciphertext can be moved to another case unnoticed; the
// codec endpoint decides who may read a payload from its binding alone.

export type PayloadBinding =
  /** A case's workflow, its child workflows and its activities: readable within the township's area. */
  | { scope: 'case'; caseId: string; area: string; workflowId: string }
  /** An area's own run (e.g. the payroll of one county or township): readable within that area. */
  | { scope: 'area'; area: string; workflowId: string }
  /** No case or area (the scheduled all-areas payroll, tools): readable by the system alone. */
  | { scope: 'system'; workflowId?: string };

/** Case ids embed the township: DB-430921101-2026-000123; child workflows append `-YSYY` etc. */
const CASE_WORKFLOW = /^([A-Z]{2}-(\d{9})-\d{4}-\d{6})(?:-[A-Z0-9]+)*$/;
/** An area's payroll run: `payroll-<YYYY-MM>-<jurisdiction>` (see api/routes/payroll.ts). */
const AREA_WORKFLOW = /^payroll-\d{4}-\d{2}-(\d{6}(?:\d{3})?)$/;

export function bindingForWorkflow(workflowId: string | undefined): PayloadBinding {
  const c = workflowId ? CASE_WORKFLOW.exec(workflowId) : null;
  if (c) return { scope: 'case', caseId: c[1], area: c[2], workflowId: workflowId! };
  const a = workflowId ? AREA_WORKFLOW.exec(workflowId) : null;
  if (a) return { scope: 'area', area: a[1], workflowId: workflowId! };
  return { scope: 'system', ...(workflowId ? { workflowId } : {}) };
}

/** Workflow payloads name their workflow; activity payloads the workflow that scheduled them. */
export function bindingForContext(context: SerializationContext | undefined): PayloadBinding {
  return bindingForWorkflow(context?.workflowId);
}

const K = { scope: 'aidflow-scope', caseId: 'aidflow-case-id', area: 'aidflow-area', workflowId: 'aidflow-workflow-id' } as const;
const utf8 = (s: string) => new TextEncoder().encode(s);
const text = (b: Uint8Array | null | undefined) => (b ? Buffer.from(b).toString('utf8') : undefined);

export function bindingMetadata(b: PayloadBinding): Record<string, Uint8Array> {
  const out: Record<string, Uint8Array> = { [K.scope]: utf8(b.scope) };
  if (b.scope === 'case') out[K.caseId] = utf8(b.caseId);
  if (b.scope !== 'system') out[K.area] = utf8(b.area);
  if (b.workflowId) out[K.workflowId] = utf8(b.workflowId);
  return out;
}

/**
 * The binding a payload's metadata claims (authentic only once the payload decrypts with it as
 * additional data); `null` for payloads written before bindings existed; `invalid` for a claim
 * no encoder writes.
 */
export function readBinding(p: Payload): PayloadBinding | null | 'invalid' {
  const m = p.metadata ?? {};
  const scope = text(m[K.scope]);
  if (scope === undefined) return null;
  const caseId = text(m[K.caseId]);
  const area = text(m[K.area]);
  const workflowId = text(m[K.workflowId]);
  const derived = bindingForWorkflow(workflowId);
  if (scope === 'system') return derived.scope === 'system' && caseId === undefined && area === undefined ? derived : 'invalid';
  if (!workflowId) return 'invalid';
  // The claim must be exactly what the encoder derives from the workflow id: no hand-made bindings.
  if (derived.scope !== scope || derived.scope === 'system') return 'invalid';
  if (derived.area !== area || (derived.scope === 'case' && derived.caseId !== caseId)) return 'invalid';
  return derived;
}

/** The additional data AES-GCM authenticates: the key id and every binding field. */
export function bindingAad(keyId: string, b: PayloadBinding): Buffer {
  const caseId = b.scope === 'case' ? b.caseId : '';
  const area = b.scope === 'system' ? '' : b.area;
  return Buffer.from(JSON.stringify(['aidflow-payload-v1', keyId, b.scope, caseId, area, b.workflowId ?? '']), 'utf8');
}

/** Whether two bindings tie a payload to the same case or area (workflows of one case are one). */
export function sameOwner(a: PayloadBinding, b: PayloadBinding): boolean {
  if (a.scope !== b.scope) return false;
  if (a.scope === 'case' && b.scope === 'case') return a.caseId === b.caseId;
  if (a.scope === 'area' && b.scope === 'area') return a.area === b.area;
  return true;
}

/** What the decode log names for a bound payload: the case id, or the area's workflow id. */
export function ownerName(b: PayloadBinding): string {
  return b.scope === 'case' ? b.caseId : (b.workflowId ?? 'system');
}
