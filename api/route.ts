import type { Request, Response, Router } from 'express';
import { z } from 'zod';
import type { Actor, Role } from '../domain/case';
import { actorOf, requireRole } from './actor';
import { parseOr400 } from './errors';

export interface RouteInput<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  actor: Actor;
}

export interface RouteResult {
  status?: number;
  body: unknown;
  contentType?: string;
}

/** One endpoint: its schemas serve validation and the OpenAPI document alike. */
export interface RouteSpec<P = any, Q = any, B = any> {
  method: 'get' | 'post' | 'put';
  path: string;
  summary: string;
  tag: string;
  roles: readonly Role[];
  params?: z.ZodType<P>;
  query?: z.ZodType<Q>;
  body?: z.ZodType<B>;
  responses: Record<number, { description: string; schema?: z.ZodType }>;
  handler: (input: RouteInput<P, Q, B>) => Promise<RouteResult>;
}

export function defineRoute<P, Q, B>(spec: RouteSpec<P, Q, B>): RouteSpec<P, Q, B> {
  return spec;
}

export function mountRoutes(router: Router, routes: RouteSpec[]): void {
  for (const r of routes) {
    router[r.method](r.path, async (req: Request, res: Response) => {
      const actor = actorOf(req);
      requireRole(actor, r.roles, r.summary);
      const input: RouteInput<unknown, unknown, unknown> = {
        actor,
        params: r.params ? parseOr400(r.params, req.params, 'params') : req.params,
        query: r.query ? parseOr400(r.query, req.query, 'query') : req.query,
        body: r.body ? parseOr400(r.body, req.body ?? {}, 'body') : undefined,
      };
      const out = await r.handler(input);
      if (out.contentType) res.status(out.status ?? 200).type(out.contentType).send(out.body);
      else res.status(out.status ?? 200).json(out.body);
    });
  }
}
