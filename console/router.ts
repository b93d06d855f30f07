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
  const html =
    (render: (req: express.Request, res: express.Response) => Promise<string>) => async (req: express.Request, res: express.Response) => {
      const out = await render(req, res);
      res.set('Cache-Control', 'no-store').type('html').send(out);
    };
  const q = (req: express.Request) => req.query as Record<string, unknown>;
  r.get(
    '/console/',
    html(async (req, res) => overviewPage(deps, await actorOf(deps, req, res))),
  );
  r.get(
    '/console/cases',
    html(async (req, res) => listPage(deps, await actorOf(deps, req, res), q(req))),
  );
  r.get(
    '/console/denials',
    html(async (req, res) => denialsPage(deps, await actorOf(deps, req, res), q(req))),
  );
  r.get(
    '/console/attention',
    html(async (req, res) => attentionPage(deps, await actorOf(deps, req, res), q(req))),
  );
  r.get(
    '/console/cases/:caseId',
    html(async (req, res) => casePage(deps, await actorOf(deps, req, res), String(req.params.caseId))),
  );
  r.post(
    '/console/cases/:caseId/verify',
    html(async (req, res) => verifyAction(deps, await actorOf(deps, req, res), String(req.params.caseId))),
  );
  r.post(
    '/console/cases/:caseId/replay',
    html(async (req, res) => replayAction(deps, await actorOf(deps, req, res), String(req.params.caseId))),
  );
  r.get(
    '/console/referrals',
    html(async (req, res) => referralListPage(deps, await actorOf(deps, req, res), q(req))),
  );
  r.get(
    '/console/referrals/:referralId',
    html(async (req, res) => referralPage(deps, await actorOf(deps, req, res), String(req.params.referralId))),
  );
  r.get(
    '/console/payroll',
    html(async (req, res) => payrollPage(deps, await actorOf(deps, req, res), q(req))),
  );
  r.get('/console/payroll/:period/export.csv', async (req, res) =>
    payrollCsv(deps, await actorOf(deps, req, res), String(req.params.period), q(req), res),
  );
  r.get(
    '/console/adjustments',
    html(async (req, res) => adjustmentPage(deps, await actorOf(deps, req, res), q(req))),
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
