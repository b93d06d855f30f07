import type { Request, RequestHandler, Response } from 'express';
import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';
import type { Pool } from 'pg';
import type { Actor } from '../domain/case';
import { registerBusinessMetrics } from '../infra/business-metrics';
import type { Logger } from '../infra/logger';
import { requestIdFrom, runWithRequestId } from '../infra/request-id';
import { withoutToken } from './request-path';

// Per request: an id (X-Request-Id honoured or made, echoed back, carried into Temporal), one access
// log line (method, route, status, duration, user, role; never the body or the token), and a
// sample in the request-duration histogram by route and status.

/** The route's pattern, not the path: `/api/cases/:caseId`, so cases do not become label values. */
const routeOf = (req: Request): string => (req.route?.path ? `${req.baseUrl}${String(req.route.path)}` : '(unmatched)');

const who = (req: Request, res: Response) => {
  const actor = res.locals?.actor as Actor | undefined;
  return { route: routeOf(req), user: actor?.id, role: actor?.role };
};

/**
 * The access log, written here rather than by pino-http: the same line (requestId, req, res,
 * responseTime, route, user, role; level info, warn for 503, error for other 5xx) without a child
 * logger and its serialized bindings per request, which cost more than the case read it logs.
 */
export function requestLogging(log: Logger): RequestHandler[] {
  const access: RequestHandler = (req, res, next) => {
    const started = Date.now();
    const id = requestIdFrom(req.headers['x-request-id']);
    res.setHeader('X-Request-Id', id);
    (req as Request & { id: string }).id = id;
    // Headers and bodies stay out of the access log: tokens, cookies and personal data live there.
    const url = withoutToken(req.originalUrl || req.url);
    const line = { method: req.method, url, remoteAddress: req.socket?.remoteAddress };
    const done = (err?: unknown) => {
      res.removeListener('close', done);
      res.removeListener('finish', done);
      res.removeListener('error', done);
      const responseTime = Date.now() - started;
      const status = res.statusCode;
      const fields = { requestId: id, req: line, res: { statusCode: status }, responseTime, ...who(req, res) };
      if (!err && status < 500) return log.info(fields, `${req.method} ${url} ${status} ${Math.round(responseTime)} ms`);
      // An outage answer (503) is expected and passes; other 5xx are faults.
      const failure = { ...fields, err: err ?? new Error(`failed with status code ${status}`) };
      log[status === 503 ? 'warn' : 'error'](failure, `${req.method} ${url} ${status}`);
    };
    res.on('close', done);
    res.on('finish', done);
    res.on('error', done);
    next();
  };
  // The id lives in AsyncLocalStorage for the rest of the request, for the Temporal client interceptor.
  const context: RequestHandler = (req, _res, next) => runWithRequestId(String((req as Request & { id: string }).id), next);
  return [access, context];
}

export interface ApiMetrics {
  registry: Registry;
  middleware: RequestHandler;
  handler: RequestHandler;
}

export function apiMetrics(db: Pool): ApiMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'aidflow_api_' });
  registerBusinessMetrics(registry, db);
  const duration = new Histogram({
    name: 'aidflow_http_request_duration_seconds',
    help: 'API requests by method, route and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });
  return {
    registry,
    middleware: (req, res, next) => {
      const end = duration.startTimer();
      res.once('finish', () => end({ method: req.method, route: routeOf(req), status: String(res.statusCode) }));
      next();
    },
    handler: async (_req, res) => {
      res.type(registry.contentType).send(await registry.metrics());
    },
  };
}
