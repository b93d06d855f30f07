import express, { Router } from 'express';
import { rateLimit } from 'express-rate-limit';
import helmet from 'helmet';
import { maskIdNumbersIn } from '../domain/privacy';
import { codecRouter } from './codec-endpoint';
import { codecOperations } from './codec-spec';
import type { ApiDeps } from './deps';
import { docsPage } from './docs-page';
import { createErrorHandler, notFound } from './errors';
import { openApiDocument } from './openapi';
import { mountRoutes, RouteSpec } from './route';
import { adminRoutes } from './routes/admin';
import { auditRoutes } from './routes/audit';
import { caseRoutes } from './routes/cases';
import { payrollRoutes } from './routes/payroll';
import { stepRoutes } from './routes/steps';
import { temporaryRoutes } from './routes/temporary';

export function allRoutes(deps: ApiDeps): RouteSpec[] {
  return [...caseRoutes(deps), ...stepRoutes(deps), ...adminRoutes(deps), ...auditRoutes(deps), ...payrollRoutes(deps), ...temporaryRoutes(deps)];
}

export function createApp(deps: ApiDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  // No CORS headers anywhere but the codec endpoint: browsers on other origins are refused.
  app.use(helmet({ contentSecurityPolicy: { directives: { 'default-src': ["'self'"], 'style-src': ["'self'", "'unsafe-inline'"] } } }));
  app.use(express.json({ limit: '256kb' }));
  app.use(rateLimit({
    windowMs: 60_000, limit: deps.rateLimitPerMinute, standardHeaders: 'draft-8', legacyHeaders: false,
    // The Web UI decodes many payloads per page: the codec endpoint reads, it changes nothing.
    skip: (req) => req.method === 'GET' || req.method === 'OPTIONS' || req.path.startsWith('/codec/'),
    handler: (_req, res) => void res.status(429).json({ error: { code: 'RATE_LIMITED', message: `more than ${deps.rateLimitPerMinute} changes a minute from this address; wait and retry` } }),
  }));
  const routes = allRoutes(deps);
  const openapi = openApiDocument([...routes, ...codecOperations]);
  const docs = docsPage(routes);
  app.get('/health', async (_req, res) => {
    const db = await deps.db.query('SELECT 1').then(() => 'ok', () => 'unreachable');
    res.status(db === 'ok' ? 200 : 503).json({ status: db === 'ok' ? 'ok' : 'degraded', database: db });
  });
  app.get('/openapi.json', (_req, res) => void res.json(openapi));
  app.get('/docs', (_req, res) => void res.type('html').send(docs));
  app.use(codecRouter(deps));
  const router = Router();
  mountRoutes(router, routes, deps);
  app.use(router);
  app.use((req, _res, next) => next(notFound(`no endpoint ${req.method} ${req.path}; see /docs`)));
  app.use(createErrorHandler((actor, method, path, reason) => {
    process.stderr.write(`[api] denied ${actor.id}/${actor.role}@${actor.jurisdiction}: ${method} ${path}: ${maskIdNumbersIn(reason)}\n`);
    deps.db
      .query('INSERT INTO access_denials (actor_id, actor_role, jurisdiction, method, path, reason) VALUES ($1,$2,$3,$4,$5,$6)', [
        actor.id, actor.role, actor.jurisdiction ?? null, method, path, reason,
      ])
      .catch((err) => console.error('[api] could not log a denied request:', err.message));
  }));
  return app;
}
