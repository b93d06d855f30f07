import type { Request, Response, Router } from 'express';
import type { z } from 'zod';
import type { CaseRow } from '../db/case-repo';
import { getCase } from '../db/case-repo';
import type { Actor, Role } from '../domain/case';
import { requireArea, requireRole } from './actor';
import type { ApiDeps } from './deps';
import { notFound, parseOr400 } from './errors';
import { nothing, strictDeep } from './strict';

export interface RouteInput<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  actor: Actor;
  /** The case a case-scoped route acts on, already checked against the actor's area. */
  caseRow: CaseRow;
}

export interface RouteResult {
  status?: number;
  body: unknown;
  contentType?: string;
  /** Extra response headers, e.g. Content-Disposition on an export. */
  headers?: Record<string, string>;
}

/** One endpoint: its schemas serve validation and the OpenAPI document alike. */
export interface RouteSpec<P = any, Q = any, B = any> {
  method: 'get' | 'post' | 'put';
  path: string;
  summary: string;
  tag: string;
  roles: readonly Role[];
  /** 'case': the route acts on :caseId, which must lie in the actor's jurisdiction. */
  scope?: 'case';
  /** Rules beyond role and area, checked before any input is read (e.g. the approval level). */
  authorize?: (actor: Actor, caseRow: CaseRow) => void;
  /** Role and area checks that need a lookup of their own (a referral's township), run before any input is read. */
  guard?: (actor: Actor, params: P) => Promise<void>;
  /** Rules on the path parameters (e.g. the region a supervisor may bind), checked before query and body. */
  authorizeParams?: (actor: Actor, params: P) => void;
  params?: z.ZodType<P>;
  query?: z.ZodType<Q>;
  body?: z.ZodType<B>;
  responses: Record<
    number,
    { description: string; schema?: z.ZodType; contentType?: string; headers?: Record<string, { description: string; schema: z.ZodType }> }
  >;
  handler: (input: RouteInput<P, Q, B>) => Promise<RouteResult>;
}

/** Query and body schemas become strict (deeply): an unknown field is a 400 naming it, in the document too. */
export function defineRoute<P, Q, B>(spec: RouteSpec<P, Q, B>): RouteSpec<P, Q, B> {
  return { ...spec, query: strictDeep(spec.query), body: strictDeep(spec.body) };
}

/** Who, then what role, then which area, then what input: a forbidden caller learns nothing of the case. */
export function mountRoutes(router: Router, routes: RouteSpec[], deps: ApiDeps): void {
  for (const r of routes) {
    router[r.method](r.path, async (req: Request, res: Response) => {
      const actor = await deps.authenticate(req.headers.authorization);
      res.locals.actor = actor;
      requireRole(actor, r.roles, `${r.method.toUpperCase()} ${r.path}`);
      const params = r.params ? parseOr400(r.params, req.params, 'params') : req.params;
      r.authorizeParams?.(actor, params);
      let caseRow = undefined as unknown as CaseRow;
      if (r.scope === 'case') {
        const row = await getCase(deps.db, (params as { caseId: string }).caseId);
        if (!row) throw notFound(`no case ${(params as { caseId: string }).caseId}`);
        requireArea(actor, row.township);
        r.authorize?.(actor, row);
        caseRow = row;
      }
      if (r.guard) await r.guard(actor, params);
      const query = parseOr400(r.query ?? nothing, req.query, 'query');
      const body = r.body ? parseOr400(r.body, req.body ?? {}, 'body') : void parseOr400(nothing, req.body ?? {}, 'body');
      const out = await r.handler({ actor, params, query, body, caseRow });
      if (out.headers) res.set(out.headers);
      if (out.contentType)
        res
          .status(out.status ?? 200)
          .type(out.contentType)
          .send(out.body);
      else res.status(out.status ?? 200).json(out.body);
    });
  }
}
