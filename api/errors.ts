import type { ErrorRequestHandler } from 'express';
import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { z } from 'zod';
import type { Actor } from '../domain/case';
import { type Logger, processLogger } from '../infra/logger';
import { fromOutage, OUTAGE_RETRY_AFTER_SECONDS } from './db-errors';
import { FailureTypes } from '../workflows/definitions';
import { fromTemporalServiceError } from './service-errors';
import { pathForLog } from './request-path';

export interface FieldError {
  path: string;
  message: string;
}

/** Errors a use case raises on purpose; anything else is a bug and answers 500. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export const badRequest = (message: string, fields: FieldError[] = [], extra: Record<string, unknown> = {}) =>
  new HttpError(400, 'INVALID_INPUT', message, { fields, ...extra });
export const notFound = (message: string) => new HttpError(404, 'NOT_FOUND', message);
export const conflict = (code: string, message: string, extra: Record<string, unknown> = {}) => new HttpError(409, code, message, extra);
export const unauthorized = (message: string) => new HttpError(401, 'UNAUTHENTICATED', message);
export const forbidden = (message: string) => new HttpError(403, 'FORBIDDEN', message);
export const unavailable = (message: string) => new HttpError(503, 'UNAVAILABLE', message);

export function fieldErrors(err: z.ZodError, prefix = ''): FieldError[] {
  const at = (path: PropertyKey[]) => [prefix, ...path.map(String)].filter(Boolean).join('.') || '(body)';
  // An unknown field is named by its own path, one entry each (strict schemas, api/strict.ts).
  return err.issues.flatMap((i) =>
    i.code === 'unrecognized_keys'
      ? i.keys.map((k) => ({ path: at([...i.path, k]), message: 'unknown field: not part of this request (see /openapi.json)' }))
      : [{ path: at(i.path), message: i.message }],
  );
}

export function parseOr400<T extends z.ZodType>(schema: T, value: unknown, where: string): z.infer<T> {
  const r = schema.safeParse(value);
  if (!r.success) throw badRequest(`invalid ${where}`, fieldErrors(r.error, where === 'body' ? '' : where));
  return r.data;
}

/** A workflow refusing an update becomes 409 (stage, eligibility) or 400 (content). */
export function fromUpdateFailure(err: unknown): HttpError | undefined {
  if (err instanceof WorkflowNotFoundError) return fromOutage(err) ?? notFound(err.message);
  if (!(err instanceof WorkflowUpdateFailedError)) return undefined;
  const cause = err.cause;
  if (cause instanceof ApplicationFailure) {
    if (cause.type === FailureTypes.invalid) return badRequest(cause.message);
    if (cause.type === FailureTypes.notEligible) return conflict('NOT_ELIGIBLE', cause.message);
    if (cause.type === FailureTypes.forbidden) return forbidden(cause.message);
    if (cause.type === FailureTypes.auditChainBroken) return conflict('AUDIT_CHAIN_BROKEN', cause.message);
    return conflict('WRONG_STAGE', cause.message);
  }
  return conflict('REJECTED', cause?.message ?? err.message);
}

export type DenialLog = (actor: Actor, method: string, path: string, reason: string) => void;

export const createErrorHandler =
  (logDenial: DenialLog, log?: Pick<Logger, 'error'>): ErrorRequestHandler =>
  (err, req, res, _next) => {
    const mapped = err instanceof HttpError ? err : (fromUpdateFailure(err) ?? fromTemporalServiceError(err) ?? fromOutage(err));
    if (mapped) {
      if (mapped.status === 503 && !res.get('Retry-After'))
        res.set('Retry-After', String(mapped.details.retryAfterSeconds ?? OUTAGE_RETRY_AFTER_SECONDS));
      if (mapped.status === 403 && res.locals.actor)
        logDenial(res.locals.actor as Actor, req.method, pathForLog(req.originalUrl || req.url), mapped.message);
      res.status(mapped.status).json({ error: { code: mapped.code, message: mapped.message, ...mapped.details } });
      return;
    }
    // body-parser's own errors (bad JSON, too large) carry a client status.
    const status = typeof err?.status === 'number' && err.status >= 400 && err.status < 500 ? err.status : 500;
    if (status < 500) {
      const known: Record<string, [string, string]> = {
        'entity.parse.failed': ['INVALID_JSON', 'the request body is not valid JSON (an object is expected)'],
        'entity.too.large': ['PAYLOAD_TOO_LARGE', 'the request body is larger than 256 kB'],
      };
      const [code, message] = known[err.type] ?? ['BAD_REQUEST', String(err.message)];
      res.status(status).json({ error: { code, message } });
      return;
    }
    // Method, path and user with the error: a 500 must be traceable to the request (and its id) that hit it.
    const actor = res.locals.actor as Actor | undefined;
    (log ?? processLogger('api')).error(
      { err, requestId: (req as { id?: unknown }).id, method: req.method, path: req.path, user: actor?.id, role: actor?.role },
      'unexpected error',
    );
    res.status(500).json({ error: { code: 'INTERNAL', message: 'internal error; it has been logged' } });
  };
