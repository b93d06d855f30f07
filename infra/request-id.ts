import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { WorkflowClientInterceptor } from '@temporalio/client';
import { defaultPayloadConverter, type Headers } from '@temporalio/common';
import { REQUEST_ID_HEADER } from '../workflows/request-id-header';

// One id per API request, from the X-Request-Id the caller (or a proxy) sent or made here. It is
// carried to Temporal as a header on every start, update and signal, from there on each activity
// the workflow schedules (workflows/interceptors.ts), and into the worker's log lines for that step.

const store = new AsyncLocalStorage<{ requestId: string }>();

/** Accepts a caller's id if it is short and plain; anything else is replaced, never logged as sent. */
export function requestIdFrom(sent: string | string[] | undefined): string {
  const s = Array.isArray(sent) ? sent[0] : sent;
  return s && /^[\w.:-]{1,100}$/.test(s) ? s : randomUUID();
}

export const runWithRequestId = <T>(requestId: string, fn: () => T): T => store.run({ requestId }, fn);
export const currentRequestId = (): string | undefined => store.getStore()?.requestId;

function withId(headers: Headers): Headers {
  const id = currentRequestId();
  return id ? { ...headers, [REQUEST_ID_HEADER]: defaultPayloadConverter.toPayload(id) } : headers;
}

export const readRequestId = (headers: Headers | undefined): string | undefined => {
  const p = headers?.[REQUEST_ID_HEADER];
  return p ? (defaultPayloadConverter.fromPayload(p) as string) : undefined;
};

/** Client interceptor: the current request's id rides along on every call that reaches a workflow. */
export const requestIdClientInterceptor: WorkflowClientInterceptor = {
  start: (input, next) => next({ ...input, headers: withId(input.headers) }),
  startWithDetails: (input, next) => next({ ...input, headers: withId(input.headers) }),
  signal: (input, next) => next({ ...input, headers: withId(input.headers) }),
  signalWithStart: (input, next) => next({ ...input, headers: withId(input.headers) }),
  startUpdate: (input, next) => next({ ...input, headers: withId(input.headers) }),
  startUpdateWithStart: (input, next) =>
    next({ ...input, workflowStartHeaders: withId(input.workflowStartHeaders), updateHeaders: withId(input.updateHeaders) }),
};
