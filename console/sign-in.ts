import { Router } from 'express';
import { z } from 'zod';
import type { ApiDeps } from '../api/deps';
import { mintToken } from '../infra/tokens';
import { ROLE } from './labels';
import { esc, page } from './layout';
import { clearToken, setToken } from './session';

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

function signInPage(deps: ApiDeps, problem?: string): string {
  const dev = devSignInEnabled(deps)
    ? `<h2>开发环境登录</h2><p>选择角色和辖区，系统以本地开发密钥签发令牌（生产环境不提供此功能）。</p>
<form method="post" action="/console/sign-in" class="filters">
<label>角色<select name="role">${ROLES.map((r) => `<option value="${r}">${ROLE[r]}</option>`).join('')}</select></label>
<label>辖区代码（县级6位或乡镇9位）<input name="jurisdiction" value="430921" required pattern="\\d{6}(\\d{3})?"></label>
<label>人员编号（可不填）<input name="sub" pattern="[A-Za-z0-9_-]{1,64}"></label>
<button type="submit">登录</button></form>`
    : '<p>生产环境请通过统一身份认证登录：身份认证系统签发的令牌提交到本页即可。</p>';
  return page(
    '登录',
    `${problem ? `<p class="notice" role="alert">${esc(problem)}</p>` : ''}${dev}
<h2>使用已有令牌登录</h2><form method="post" action="/console/session" class="filters">
<label>令牌<input name="token" size="60" required autocomplete="off"></label><button type="submit">登录</button></form>`,
  );
}

export function signInRouter(deps: ApiDeps): Router {
  const r = Router();
  r.get(
    '/console/sign-in',
    (req, res) => void res.type('html').send(signInPage(deps, req.query.expired ? '登录已失效或尚未登录，请重新登录。' : undefined)),
  );
  r.post('/console/sign-in', async (req, res) => {
    if (!devSignInEnabled(deps))
      return void res.status(403).type('html').send(signInPage(deps, '生产环境不能在此签发令牌，请通过统一身份认证登录。'));
    const f = devForm.safeParse(req.body ?? {});
    if (!f.success) return void res.status(400).type('html').send(signInPage(deps, '角色或辖区代码有误，请重新填写。'));
    const c = deps.consoleSignIn!;
    const sub = f.data.sub ?? `${f.data.role}-${f.data.jurisdiction}`;
    setToken(res, await mintToken(c.secret, { sub, role: f.data.role, jurisdiction: f.data.jurisdiction }, c.issuer, c.audience));
    res.redirect(303, ['supervisor', 'auditor'].includes(f.data.role) ? '/console/' : '/console/cases');
  });
  // Production: the identity provider's token, posted here (by its form-post redirect or pasted), checked like any API call.
  r.post('/console/session', async (req, res) => {
    const token = String(req.body?.token ?? '').trim();
    try {
      const actor = await deps.authenticate(`Bearer ${token}`);
      setToken(res, token);
      res.redirect(303, ['supervisor', 'auditor'].includes(actor.role) ? '/console/' : '/console/cases');
    } catch {
      res.status(401).type('html').send(signInPage(deps, '令牌无效或已过期。'));
    }
  });
  r.post('/console/sign-out', (_req, res) => {
    clearToken(res);
    res.redirect(303, '/console/sign-in');
  });
  return r;
}
