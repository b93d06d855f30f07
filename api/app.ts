import express, { Router } from 'express';
import helmet from 'helmet';
import { createLogger } from '../infra/logger';
import { SEARCH_ATTRIBUTE_TYPES } from '../workflows/definitions';
import { codecRouter } from './codec-endpoint';
import { codecOperations } from './codec-spec';
import type { ApiDeps } from './deps';
import './zod-locale';
import { docsPage } from './docs-page';
import { referenceRouter } from './reference-page';
import { createErrorHandler, type DenialLog, notFound } from './errors';
import { consoleRouter } from '../console/router';
import { healthHandler, liveHandler, readyHandler } from './health';
import { apiMetrics, requestLogging } from './observability';
import { openApiDocument } from './openapi';
import { changeRateLimit } from './rate-limit';
import { mountRoutes, RouteSpec } from './route';
import { adjustmentRoutes } from './routes/adjustments';
import { adjustmentRunRoutes } from './routes/adjustment-runs';
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
  return [
    ...caseRoutes(deps),
    ...stepRoutes(deps),
    ...deadlineRoutes(deps),
    ...adminRoutes(deps),
    ...auditRoutes(deps),
    ...payrollRoutes(deps),
    ...temporaryRoutes(deps),
    ...referralRoutes(deps),
    ...rollRoutes(deps),
    ...adjustmentRoutes(deps),
    ...adjustmentRunRoutes(deps),
  ];
}

export function createApp(deps: ApiDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  // Without a logger (tests), only errors are logged; the access log is for the running API.
  const log = deps.log ?? createLogger('api', { ...process.env, LOG_LEVEL: 'warn' });
  const metrics = apiMetrics(deps.db);
  app.use(requestLogging(log), metrics.middleware);
  // No CORS headers anywhere but the codec endpoint: browsers on other origins are refused.
  // HSTS and upgrade-insecure-requests only behind HTTPS: on plain HTTP they lock an intranet host out.
  const tls = deps.tls ?? false;
  app.use(
    helmet({
      strictTransportSecurity: tls,
      contentSecurityPolicy: {
        directives: { 'default-src': ["'self'"], 'style-src': ["'self'", "'unsafe-inline'"], 'upgrade-insecure-requests': tls ? [] : null },
      },
    }),
  );
  app.use(express.json({ limit: '256kb' }));
  app.use(changeRateLimit(deps));
  const routes = allRoutes(deps);
  // The API's routes first: every API request would otherwise be matched against the docs, codec
  // and console routers before reaching its own. No path overlaps (the API's all start with /api/).
  const router = Router();
  mountRoutes(router, routes, deps);
  app.use(router);
  const openapi = openApiDocument([...routes, ...codecOperations]);
  const docs = docsPage(routes);
  app.get('/health', healthHandler(deps));
  app.get('/health/live', liveHandler);
  app.get('/health/ready', readyHandler(deps, Object.keys(SEARCH_ATTRIBUTE_TYPES)));
  app.get('/metrics', metrics.handler);
  app.get('/openapi.json', (_req, res) => void res.json(openapi));
  app.get('/docs', (_req, res) => void res.type('html').send(docs));
  app.use(referenceRouter());
  app.use(codecRouter(deps));
  // Refused requests are recorded for supervisors, from the API and the console alike.
  const logDenial: DenialLog = (actor, method, path, reason) => {
    log.warn({ user: actor.id, role: actor.role, jurisdiction: actor.jurisdiction, method, path, reason }, 'access denied');
    deps.db
      .query('INSERT INTO access_denials (actor_id, actor_role, jurisdiction, method, path, reason) VALUES ($1,$2,$3,$4,$5,$6)', [
        actor.id,
        actor.role,
        actor.jurisdiction ?? null,
        method,
        path,
        reason,
      ])
      .catch((err) => log.error({ err }, 'could not record a denied request'));
  };
  app.use(consoleRouter(deps, logDenial));
  app.use((req, _res, next) => next(notFound(`no endpoint ${req.method} ${req.path}; see /docs`)));
  app.use(createErrorHandler(logDenial, log));
  return app;
}
