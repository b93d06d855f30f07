import { z } from 'zod';

// The one error body every endpoint answers with, and which error statuses each endpoint can answer.
// The statuses follow the order mountRoutes checks things in (api/route.ts): token, role, input,
// case and area, the use case itself; the error handler (api/errors.ts) writes the body.

export const fieldErrorSchema = z.object({
  path: z.string().meta({ description: 'the field, e.g. members.0.idNumber or query.page; "(body)" for the body as a whole' }),
  message: z.string(),
});

/** Every key an HttpError's details can add (grep `badRequest(`, `conflict(`): the body names nothing else. */
export const errorSchema = z.object({
  error: z.object({
    code: z.string().meta({
      description:
        'machine-readable: INVALID_INPUT, APPLICATION_INCOMPLETE, INVALID_JSON, PAYLOAD_TOO_LARGE, UNAUTHENTICATED, FORBIDDEN, NOT_FOUND, WRONG_STAGE, NOT_ELIGIBLE, OPEN_CASE_EXISTS, OPEN_REFERRAL_EXISTS, STALE_BASE_VERSION, AUDIT_CHAIN_BROKEN, REJECTED, RATE_LIMITED, UNAVAILABLE, TEMPORAL_BUSY, TEMPORAL_UNAVAILABLE, TEMPORAL_TIMEOUT, …',
    }),
    message: z.string(),
    fields: z.array(fieldErrorSchema).optional().meta({ description: '400: one entry per invalid or unknown field' }),
    caseId: z.string().optional().meta({ description: "409 OPEN_CASE_EXISTS: the household's open case" }),
    referralId: z
      .string()
      .optional()
      .meta({ description: "409 OPEN_REFERRAL_EXISTS: the household's unanswered referral of that kind to that department" }),
    retryAfterSeconds: z
      .number()
      .int()
      .optional()
      .meta({ description: '503 from Temporal (TEMPORAL_BUSY, TEMPORAL_UNAVAILABLE, TEMPORAL_TIMEOUT): as in Retry-After' }),
    missing: z
      .array(z.object({ code: z.string(), name: z.string(), why: z.string() }))
      .optional()
      .meta({ description: '400 APPLICATION_INCOMPLETE: every missing material at once (一次性告知)' }),
    notice: z.string().optional().meta({ description: '400 APPLICATION_INCOMPLETE: the 一次性告知书 text' }),
    latestVersion: z
      .number()
      .int()
      .optional()
      .meta({ description: '409 STALE_BASE_VERSION: the profile version a 调标 draft must start from' }),
  }),
});

const WHY: Record<number, string> = {
  400: 'invalid input: `fields` names every invalid or unknown field (unknown fields are refused, not ignored); also malformed JSON',
  401: 'no bearer token, or an invalid or expired one',
  403: "the caller's role may not do this, or the case or township lies outside the caller's jurisdiction",
  404: 'no such case (or resource)',
  409: "the request does not fit the case's current stage or state (the message says why); AUDIT_CHAIN_BROKEN: the case's audit chain is broken and its steps are refused until it is restored",
  413: 'the request body is larger than 256 kB',
  429: 'too many changes a minute; wait and retry',
  503: 'PostgreSQL or Temporal is unreachable for the moment; retry after the number of seconds in Retry-After',
};

/** What decides the statuses: the parts of a route the flow in mountRoutes looks at. */
export interface StatusInputs {
  method: string;
  path: string;
  scope?: 'case';
  params?: unknown;
  query?: unknown;
  body?: unknown;
  /** Statuses the handler itself can answer beyond the flow's (e.g. 404 for an unknown year). */
  responses: Record<number, unknown>;
  /** The rate limit skips the codec endpoints (they change nothing). */
  rateLimited?: boolean;
}

/** Every error status a route can answer, from the steps mountRoutes takes for it. */
export function errorStatuses(r: StatusInputs): number[] {
  const out = new Set<number>([401, 403, 503]); // a token always, a role always; PostgreSQL/Temporal may be down
  const writes = r.method === 'post' || r.method === 'put';
  if (r.params || r.query || r.body || writes) out.add(400); // writes: a malformed JSON body is 400 before any schema
  if (r.body || writes) out.add(413);
  if (r.scope === 'case') out.add(404); // before the area check; the case's stage decides 409 for a step
  if (r.scope === 'case' && writes) out.add(409);
  if (writes && r.rateLimited !== false) out.add(429);
  for (const code of Object.keys(r.responses).map(Number)) if (code >= 400) out.add(code);
  return [...out].sort((a, b) => a - b);
}

/** The OpenAPI response object of one error status (the schema is referenced from components). */
export function errorResponse(status: number, description?: string): Record<string, unknown> {
  return {
    description: description ?? WHY[status] ?? 'error',
    ...(status === 503 || status === 429
      ? {
          headers: {
            'Retry-After': {
              description: 'seconds to wait before retrying',
              required: status === 503,
              schema: { type: 'integer', minimum: 0 },
            },
          },
        }
      : {}),
    content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
  };
}
