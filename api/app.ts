import express, { Router } from 'express';
import type { ApiDeps } from './deps';
import { docsPage } from './docs-page';
import { errorHandler, notFound } from './errors';
import { openApiDocument } from './openapi';
import { mountRoutes, RouteSpec } from './route';
import { adminRoutes } from './routes/admin';
import { caseRoutes } from './routes/cases';
import { stepRoutes } from './routes/steps';

export function allRoutes(deps: ApiDeps): RouteSpec[] {
  return [...caseRoutes(deps), ...stepRoutes(deps), ...adminRoutes(deps)];
}

export function createApp(deps: ApiDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(express.json({ limit: '256kb' }));
  const routes = allRoutes(deps);
  const openapi = openApiDocument(routes);
  const docs = docsPage(routes);
  app.get('/health', async (_req, res) => {
    const db = await deps.db.query('SELECT 1').then(() => 'ok', () => 'unreachable');
    res.status(db === 'ok' ? 200 : 503).json({ status: db === 'ok' ? 'ok' : 'degraded', database: db });
  });
  app.get('/openapi.json', (_req, res) => void res.json(openapi));
  app.get('/docs', (_req, res) => void res.type('html').send(docs));
  const router = Router();
  mountRoutes(router, routes);
  app.use(router);
  app.use((req, _res, next) => next(notFound(`no endpoint ${req.method} ${req.path}; see /docs`)));
  app.use(errorHandler);
  return app;
}
