import { z } from 'zod';
import { codecBodySchema } from './codec-endpoint';
import type { Operation } from './openapi';
import { codecResponse, htmlResponse } from './responses';

// The codec endpoints are mounted by hand (api/codec-endpoint.ts: CORS, a session cookie), not by
// mountRoutes; the document describes them from the same body schema they validate with.

const DECODERS = ['supervisor', 'auditor'] as const;
const cookie = [{ codecSession: [] }];

export const codecOperations: Operation[] = [
  {
    method: 'get',
    path: '/codec/session',
    tag: 'codec',
    roles: DECODERS,
    summary: 'Authorize the Temporal Web UI in this browser to decode payloads (sets the codec session cookie)',
    query: z.object({
      token: z.string().min(1).optional().meta({ description: 'the bearer token, for a browser that cannot send the header' }),
    }),
    responses: { 200: { description: 'authorized: a page saying so (Chinese)', schema: htmlResponse, contentType: 'text/html' } },
    rateLimited: false,
  },
  ...(['encode', 'decode'] as const).map((op): Operation => ({
    method: 'post',
    path: `/codec/${op}`,
    tag: 'codec',
    roles: DECODERS,
    body: codecBodySchema,
    security: cookie,
    rateLimited: false,
    summary:
      op === 'encode'
        ? 'Encrypt payloads (Temporal remote codec protocol)'
        : "Decrypt payloads of cases in the caller's area (Temporal remote codec protocol); every decode is logged",
    responses: {
      200: {
        description: `the ${op}d payloads, in order`,
        schema: codecResponse,
        ...(op === 'decode'
          ? {
              headers: {
                'X-Aidflow-Refused-Payloads': {
                  description: "how many payloads were left encrypted (outside the caller's area, or not tied to a case)",
                  schema: z.string().regex(/^\d+$/),
                },
              },
            }
          : {}),
      },
      400: { description: `invalid body, or payloads that cannot be ${op}d` },
      403: {
        description:
          op === 'decode'
            ? "the role may not decode, or a payload belongs to a case outside the caller's jurisdiction"
            : 'the role may not encode',
      },
    },
  })),
];
