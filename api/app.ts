import express, { Router } from 'express';
import helmet from 'helmet';
import { maskIdNumbersIn } from '../domain/privacy';
import { codecRouter } from './codec-endpoint';
import { codecOperations } from './codec-spec';
import type { ApiDeps } from './deps';
import './zod-locale';
import { docsPage } from './docs-page';
import { referenceRouter } from './reference-page';
import { createErrorHandler, type DenialLog, notFound } from './errors';
import { consoleRouter } from '../console/router';
import { healthHandler } from './health';
import { openApiDocument } from './openapi';
import { changeRateLimit } from './rate-limit';
import { mountRoutes, RouteSpec } from './route';
import { adminRoutes } from './routes/admin';
import { auditRoutes } from './routes/audit';
import { caseRoutes } from './routes/cases';
import { deadlineRoutes } from './routes/deadlines';
import { payrollRoutes } from './routes/payroll';
import { stepRoutes } from './routes/steps';
import { temporaryRoutes } from './routes/temporary';
import { referralRoutes } from './routes/referrals';
import { rollRoutes } from './routes/roll';

export function allRoutes(deps: ApiDeps): RouteSpec[] {
  return [...caseRoutes(deps), ...stepRoutes(deps), ...deadlineRoutes(deps), ...adminRoutes(deps), ...auditRoutes(deps), ...payrollRoutes(deps), ...temporaryRoutes(deps),
    ...referralRoutes(deps), ...rollRoutes(deps)];
}

export function createApp(deps: ApiDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  // No CORS headers anywhere but the codec endpoint: browsers on other origins are refused.
  app.use(helmet({ contentSecurityPolicy: { directives: { 'default-src': ["'self'"], 'style-src': ["'self'", "'unsafe-inline'"] } } }));
  app.use(express.json({ limit: '256kb' }));
  app.use(changeRateLimit(deps));
  const routes = allRoutes(deps);
  const openapi = openApiDocument([...routes, ...codecOperations]);
  const docs = docsPage(routes);
  app.get('/health', healthHandler(deps));
  app.get('/openapi.json', (_req, res) => void res.json(openapi));
  app.get('/docs', (_req, res) => void res.type('html').send(docs));
  app.use(referenceRouter());
  app.use(codecRouter(deps));
  // Refused requests are recorded for supervisors, from the API and the console alike.
  const logDenial: DenialLog = (actor, method, path, reason) => {
    process.stderr.write(`[api] denied ${actor.id}/${actor.role}@${actor.jurisdiction}: ${method} ${path}: ${maskIdNumbersIn(reason)}\n`);
    deps.db
      .query('INSERT INTO access_denials (actor_id, actor_role, jurisdiction, method, path, reason) VALUES ($1,$2,$3,$4,$5,$6)', [
        actor.id, actor.role, actor.jurisdiction ?? null, method, path, reason,
      ])
      .catch((err) => console.error('[api] could not log a denied request:', err.message));
  };
  app.use(consoleRouter(deps, logDenial));
  const router = Router();
  mountRoutes(router, routes, deps);
  app.use(router);
  app.use((req, _res, next) => next(notFound(`no endpoint ${req.method} ${req.path}; see /docs`)));
  app.use(createErrorHandler(logDenial));
  return app;
}
