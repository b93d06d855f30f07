import { z } from 'zod';
import { refinementHints } from './openapi-hints';
import { errorResponse, errorSchema, errorStatuses } from './openapi-errors';
import type { RouteSpec } from './route';

/** What the document needs of an endpoint: every RouteSpec, and the hand-mounted codec endpoints. */
export type Operation = Pick<
  RouteSpec,
  'method' | 'path' | 'summary' | 'tag' | 'roles' | 'scope' | 'params' | 'query' | 'body' | 'responses'
> & {
  /** Extra ways to authenticate (the codec's session cookie); bearer is always one. */
  security?: Record<string, string[]>[];
  rateLimited?: boolean;
  description?: string;
};

function jsonSchema(schema: z.ZodType, io: 'input' | 'output' = 'input'): Record<string, unknown> {
  const { $schema: _, ...s } = z.toJSONSchema(schema, {
    io,
    unrepresentable: 'any',
    target: 'draft-2020-12',
    override: refinementHints,
  }) as Record<string, unknown>;
  return s;
}

function parameters(r: Operation): unknown[] {
  const out: unknown[] = [];
  const add = (schema: z.ZodType | undefined, where: 'path' | 'query') => {
    const s = schema ? (jsonSchema(schema) as { properties?: Record<string, { description?: string }>; required?: string[] }) : undefined;
    for (const [name, prop] of Object.entries(s?.properties ?? {})) {
      out.push({
        name,
        in: where,
        required: where === 'path' || (s?.required ?? []).includes(name),
        schema: prop,
        ...(prop.description ? { description: prop.description } : {}),
      });
    }
  };
  add(r.params, 'path');
  add(r.query, 'query');
  return out;
}

function responses(r: Operation): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [code, resp] of Object.entries(r.responses)) {
    if (Number(code) >= 400) continue;
    const type = resp.contentType ?? 'application/json';
    const headers = Object.entries(resp.headers ?? {}).map(([name, h]) => [
      name,
      { description: h.description, required: true, schema: jsonSchema(h.schema, 'output') },
    ]);
    out[code] = {
      description: resp.description,
      ...(headers.length ? { headers: Object.fromEntries(headers) } : {}),
      ...(resp.schema ? { content: { [type]: { schema: jsonSchema(resp.schema, 'output') } } } : {}),
    };
  }
  for (const status of errorStatuses(r)) out[status] = errorResponse(status, r.responses[status]?.description);
  return out;
}

/** OpenAPI 3.1 from the same zod schemas the routes validate with, so the two cannot disagree. */
export function openApiDocument(routes: Operation[]): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const p = r.path.replace(/:(\w+)/g, '{$1}');
    paths[p] ??= {};
    const area = r.scope === 'case' ? "; the case must lie in the caller's jurisdiction" : '';
    paths[p][r.method] = {
      summary: r.summary,
      tags: [r.tag],
      description: `Roles: ${r.roles.join(', ')}${area}.${r.description ? ` ${r.description}` : ''}`,
      security: [{ bearer: [] }, ...(r.security ?? [])],
      parameters: parameters(r),
      ...(r.body ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(r.body) } } } } : {}),
      responses: responses(r),
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'aidflow API', version: '0.1.0', description: '社会救助审核确认 — case approval for 低保 and 特困' },
    paths,
    components: {
      schemas: { Error: jsonSchema(errorSchema, 'output') },
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
        codecSession: {
          type: 'apiKey',
          in: 'cookie',
          name: 'aidflow_codec',
          description: 'set by GET /codec/session, for the Temporal Web UI',
        },
      },
    },
  };
}
