import path from 'node:path';
import express, { Router } from 'express';
import type { ApiDeps } from '../api/deps';
import { notFound, type DenialLog } from '../api/errors';
import { adjustmentCsv, adjustmentPage } from './adjustment-page';
import { replayAction, verifyAction } from './audit-actions';
import { casePage } from './case-page';
import { consolePostGuard, ownOriginReferrer, SignInForms } from './csrf';
import { consoleErrorHandler } from './error-page';
import { attentionPage, denialsPage, listPage } from './list';
import { overviewPage } from './overview';
import { payrollCsv, payrollPage } from './payroll-page';
import { referralListPage, referralPage } from './referral-page';
import { actorOf } from './session';
import { signInRouter } from './sign-in';
import { processLogger } from '../infra/logger';

// The console: pages under /console/, rendered by the API process from the same use cases, repos and
// role/area checks as the JSON API; a session cookie stands in for the bearer token (console/session.ts),
// and every POST passes consolePostGuard (console/csrf.ts).
// Resolved from this module (dist/console in the image, where the Dockerfile copies client/) and from npm.
const ASSETS: Record<string, string> = {
  'echarts.min.js': require.resolve('echarts/dist/echarts.min.js'),
  'overview.js': path.join(__dirname, 'client/overview.js'),
  'console.css': path.join(__dirname, 'client/console.css'),
  'adjustments.js': path.join(__dirname, 'client/adjustments.js'),
  'print.js': path.join(__dirname, 'client/print.js'),
};

export function consoleRouter(deps: ApiDeps, logDenial: DenialLog): Router {
  const r = Router();
  r.use('/console', express.urlencoded({ extended: false, limit: '16kb' }));
  r.get('/console/assets/:file', (req, res, next) => {
    const file = ASSETS[req.params.file];
    if (!file) return next();
    res.sendFile(file, { maxAge: '1h' });
  });
  const forms = new SignInForms(deps.auditKey);
  r.use('/console', ownOriginReferrer, consolePostGuard(deps, forms, logDenial));
  r.use(signInRouter(deps, forms));
  type Actor = Awaited<ReturnType<typeof actorOf>>;
  type Render = (actor: Actor, req: express.Request) => Promise<string>;
  const q = (req: express.Request) => req.query as Record<string, unknown>;
  const id = (req: express.Request, name: string) => String(req.params[name]);
  // Every HTML page: signed-in caller first (401 → sign-in), never cached.
  const html =
    (render: Render) =>
    async (req: express.Request, res: express.Response): Promise<void> =>
      void res
        .set('Cache-Control', 'no-store')
        .type('html')
        .send(await render(await actorOf(deps, req, res), req));
  const pages: [string, Render][] = [
    ['/console/', (a) => overviewPage(deps, a)],
    ['/console/cases', (a, req) => listPage(deps, a, q(req))],
    ['/console/denials', (a, req) => denialsPage(deps, a, q(req))],
    ['/console/attention', (a, req) => attentionPage(deps, a, q(req))],
    ['/console/cases/:caseId', (a, req) => casePage(deps, a, id(req, 'caseId'))],
    ['/console/referrals', (a, req) => referralListPage(deps, a, q(req))],
    ['/console/referrals/:referralId', (a, req) => referralPage(deps, a, id(req, 'referralId'))],
    ['/console/payroll', (a, req) => payrollPage(deps, a, q(req))],
    ['/console/adjustments', (a, req) => adjustmentPage(deps, a, q(req))],
  ];
  for (const [route, render] of pages) r.get(route, html(render));
  // The auditor's two actions: POSTs behind consolePostGuard, answered with the case page and their result.
  r.post(
    '/console/cases/:caseId/verify',
    html((a, req) => verifyAction(deps, a, id(req, 'caseId'))),
  );
  r.post(
    '/console/cases/:caseId/replay',
    html((a, req) => replayAction(deps, a, id(req, 'caseId'))),
  );
  r.get('/console/payroll/:period/export.csv', async (req, res) =>
    payrollCsv(deps, await actorOf(deps, req, res), String(req.params.period), q(req), res),
  );
  r.get('/console/adjustments/preview.csv', async (req, res) => adjustmentCsv(deps, await actorOf(deps, req, res), q(req), res));
  // The caller, when signed in, so the page of a mistyped address keeps the menu and a way home.
  r.use('/console', (req, res, next) =>
    actorOf(deps, req, res).then(
      () => next(notFound(`no page ${req.path}`)),
      () => next(notFound(`no page ${req.path}`)),
    ),
  );
  r.use('/console', consoleErrorHandler(logDenial, deps.log ?? processLogger('api')));
  return r;
}
