import type { Request, RequestHandler, Response } from 'express';
import { pinoHttp } from 'pino-http';
import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';
import type { Pool } from 'pg';
import type { Actor } from '../domain/case';
import { registerBusinessMetrics } from '../infra/business-metrics';
import type { Logger } from '../infra/logger';
import { requestIdFrom, runWithRequestId } from '../infra/request-id';

// Per request: an id (X-Request-Id honoured or made, echoed back, carried into Temporal), one access
// log line (method, route, status, duration, user, role; never the body or the token), and a
// sample in the request-duration histogram by route and status.

/** The route's pattern, not the path: `/api/cases/:caseId`, so cases do not become label values. */
const routeOf = (req: Request): string => (req.route?.path ? `${req.baseUrl}${String(req.route.path)}` : '(unmatched)');

const who = (req: Request, res: Response) => {
  const actor = res.locals?.actor as Actor | undefined;
  return { route: routeOf(req), user: actor?.id, role: actor?.role };
};

export function requestLogging(log: Logger): RequestHandler[] {
  const http = pinoHttp<Request, Response>({
    logger: log,
    genReqId: (req, res) => {
      const id = requestIdFrom(req.headers['x-request-id']);
      res.setHeader('X-Request-Id', id);
      return id;
    },
    customAttributeKeys: { reqId: 'requestId' },
    quietReqLogger: true,
    // An outage answer (503) is expected and passes; other 5xx are faults.
    customLogLevel: (_req, res, err) => (res.statusCode === 503 ? 'warn' : err || res.statusCode >= 500 ? 'error' : 'info'),
    customSuccessMessage: (req, res, ms) => `${req.method} ${req.originalUrl} ${res.statusCode} ${Math.round(ms)} ms`,
    customErrorMessage: (req, res) => `${req.method} ${req.originalUrl} ${res.statusCode}`,
    // Added to the finished line only (customProps would also bind them at the start, twice).
    customSuccessObject: (req, res, val) => ({ ...val, ...who(req, res) }),
    customErrorObject: (req, res, _err, val) => ({ ...val, ...who(req, res) }),
    // Headers and bodies stay out of the access log: tokens, cookies and personal data live there.
    serializers: {
      req: (req: { method: string; url: string; remoteAddress?: string }) => ({
        method: req.method,
        url: req.url,
        remoteAddress: req.remoteAddress,
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  });
  // The id lives in AsyncLocalStorage for the rest of the request, for the Temporal client interceptor.
  const context: RequestHandler = (req, _res, next) => runWithRequestId(String(req.id), next);
  return [http, context];
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
