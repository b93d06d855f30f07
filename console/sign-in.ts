import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { ApiDeps } from '../api/deps';
import { mintToken } from '../infra/tokens';
import type { SignInForms } from './csrf';
import { ROLE } from './labels';
import { esc, page } from './layout';
import { CSRF_FIELD, endSession, homeOf, openSession } from './session';

const ROLES = ['supervisor', 'auditor', 'clerk', 'approver', 'coordinator'] as const;
const devForm = z.object({
  role: z.enum(ROLES),
  jurisdiction: z.string().regex(/^\d{6}(\d{3})?$/),
  sub: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/)
    .optional()
    .or(z.literal('').transform(() => undefined)),
});

/** Minting is for development only: refused when NODE_ENV=production, where the identity provider issues tokens. */
export const devSignInEnabled = (deps: ApiDeps): boolean => !!deps.consoleSignIn && process.env.NODE_ENV !== 'production';

function signInPage(deps: ApiDeps, formToken: string, problem?: string): string {
  const field = `<input type="hidden" name="${CSRF_FIELD}" value="${esc(formToken)}">`;
  const dev = devSignInEnabled(deps)
    ? `<h2>开发环境登录</h2><p>选择角色和辖区，系统以本地开发密钥签发令牌（生产环境不提供此功能）。</p>
<form method="post" action="/console/sign-in" class="filters">${field}
<label>角色<select name="role">${ROLES.map((r) => `<option value="${r}">${ROLE[r]}</option>`).join('')}</select></label>
<label>辖区代码（县级6位或乡镇9位）<input name="jurisdiction" value="430921" required pattern="\\d{6}(\\d{3})?"></label>
<label>人员编号（可不填）<input name="sub" pattern="[A-Za-z0-9_-]{1,64}"></label>
<button type="submit">登录</button></form>`
    : '<p>生产环境请通过统一身份认证登录：身份认证系统签发的令牌提交到本页即可。</p>';
  return page(
    '登录',
    `${problem ? `<p class="notice" role="alert">${esc(problem)}</p>` : ''}${dev}
<h2>使用已有令牌登录</h2><form method="post" action="/console/session" class="filters">${field}
<label>令牌<input name="token" size="60" required autocomplete="off"></label><button type="submit">登录</button></form>`,
  );
}

export function signInRouter(deps: ApiDeps, forms: SignInForms): Router {
  const r = Router();
  const show = (req: Request, res: Response, status: number, problem?: string) =>
    void res
      .status(status)
      .set('Cache-Control', 'no-store')
      .type('html')
      .send(signInPage(deps, forms.token(req, res), problem));
  r.get('/console/sign-in', (req, res) => show(req, res, 200, req.query.expired ? '登录已失效或尚未登录，请重新登录。' : undefined));
  // Both sign-ins pass consolePostGuard first (console/csrf.ts): own origin, sign-in form token.
  r.post('/console/sign-in', async (req, res) => {
    if (!devSignInEnabled(deps)) return show(req, res, 403, '生产环境不能在此签发令牌，请通过统一身份认证登录。');
    const f = devForm.safeParse(req.body ?? {});
    if (!f.success) return show(req, res, 400, '角色或辖区代码有误，请重新填写。');
    const c = deps.consoleSignIn!;
    const sub = f.data.sub ?? `${f.data.role}-${f.data.jurisdiction}`;
    const token = await mintToken(c.secret, { sub, role: f.data.role, jurisdiction: f.data.jurisdiction }, c.issuer, c.audience);
    const actor = await deps.authenticate(`Bearer ${token}`);
    await openSession(deps, req, res, token, actor);
    forms.done(res);
    res.redirect(303, homeOf(actor));
  });
  // Production: the identity provider's token, pasted here (or form-posted by a page on this console's
  // own origin: the guard refuses posts from any other), checked like any API call.
  r.post('/console/session', async (req, res) => {
    const token = String(req.body?.token ?? '').trim();
    const actor = await deps.authenticate(`Bearer ${token}`).catch(() => undefined);
    if (!actor) return show(req, res, 401, '令牌无效或已过期。');
    await openSession(deps, req, res, token, actor);
    forms.done(res);
    res.redirect(303, homeOf(actor));
  });
  r.post('/console/sign-out', async (req, res) => {
    await endSession(deps, req, res);
    res.redirect(303, '/console/sign-in');
  });
  return r;
}
