import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import type { ApiDeps } from '../api/deps';
import type { DenialLog } from '../api/errors';
import { createLogger } from '../infra/logger';
import { page } from './layout';
import { cookieName, cookieOf, cookieOptions, CSRF_FIELD, homeOf, sessionOf } from './session';

// Every console POST must come from the console's own pages. SameSite=Strict alone does not ensure
// that: other ports of the same host and sibling hosts of the same site are "same-site" and send the
// cookie. So each POST, sign-in and sign-out included, must (1) not be marked cross-site or same-site
// by the browser (Sec-Fetch-Site), (2) name this console's origin (Origin, else Referer), and (3) carry
// the form token: the session's own, or before sign-in the one bound to the sign-in cookie.

const SIGN_IN = 'aidflow_console_signin';
const SIGN_IN_PATHS = new Set(['/console/sign-in', '/console/session']);

const originOf = (value: string | undefined): string | undefined => {
  if (!value) return undefined;
  try {
    const o = new URL(value).origin;
    return o === 'null' ? undefined : o;
  } catch {
    return undefined;
  }
};

/** Why a POST is not from this console's own pages, or nothing. `publicOrigin`: PUBLIC_URL's, behind a proxy. */
export function foreignRequest(req: Request, publicOrigin?: string): string | undefined {
  const site = req.get('sec-fetch-site');
  if (site === 'cross-site' || site === 'same-site') return `Sec-Fetch-Site: ${site}`;
  const sent = req.get('origin') ?? req.get('referer');
  if (!sent) return 'neither Origin nor Referer sent';
  const host = req.get('host');
  const own = [host ? originOf(`${req.protocol}://${host}`) : undefined, publicOrigin].filter(Boolean);
  const origin = originOf(sent);
  if (!origin || !own.includes(origin)) return `Origin ${sent.slice(0, 200)} is not this console's (${own.join(', ')})`;
  return undefined;
}

/**
 * The console's pages send their own origin with their forms: under helmet's `no-referrer` a browser
 * sends `Origin: null` even from the same origin. `same-origin` still gives other sites no referrer.
 */
export const ownOriginReferrer: RequestHandler = (_req, res, next) => {
  res.set('Referrer-Policy', 'same-origin');
  next();
};

const sameText = (a: unknown, b: string): boolean =>
  typeof a === 'string' && a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/**
 * Sign-in forms have no session yet: a random cookie and, in the form, its HMAC under a key derived
 * from AUDIT_MAC_KEY (HKDF, own label: the MAC key itself is never used for this). Every API process
 * derives the same key; a value planted in the cookie by another host has no valid token to go with it.
 */
export class SignInForms {
  private readonly key: Buffer;

  constructor(auditKey: Buffer) {
    this.key = Buffer.from(hkdfSync('sha256', auditKey, Buffer.alloc(0), 'aidflow console sign-in form token', 32));
  }

  private tokenOf = (nonce: string) => createHmac('sha256', this.key).update(nonce).digest('base64url');

  /** The form token for this browser, setting its sign-in cookie first when it has none. */
  token(req: Request, res: Response): string {
    let nonce = cookieOf(req, SIGN_IN);
    if (!nonce || !/^[A-Za-z0-9_-]{43}$/.test(nonce)) {
      nonce = randomBytes(32).toString('base64url');
      res.cookie(cookieName(SIGN_IN), nonce, cookieOptions());
    }
    return this.tokenOf(nonce);
  }

  matches(req: Request): boolean {
    const nonce = cookieOf(req, SIGN_IN);
    return !!nonce && sameText(req.body?.[CSRF_FIELD], this.tokenOf(nonce));
  }

  done = (res: Response): void => void res.clearCookie(cookieName(SIGN_IN), cookieOptions());
}

/** The path as Express routes it: without case and trailing slashes (`/console/Session/` is the sign-in too). */
const routeOf = (path: string) => path.toLowerCase().replace(/\/+$/, '');

function tokenProblem(req: Request, path: string, forms: SignInForms, sessionToken: string | undefined): string | undefined {
  if (SIGN_IN_PATHS.has(path)) return forms.matches(req) ? undefined : 'sign-in form token missing or wrong';
  // Without a session nothing is done on anyone's behalf: the handler sends the caller to sign in.
  if (sessionToken && !sameText(req.body?.[CSRF_FIELD], sessionToken)) return 'form token missing or wrong';
  return undefined;
}

const REFUSED = `<p class="notice" role="alert">此操作只能在本督办审计台的页面上提交。本次请求来自其他网站，或页面已过期，未予办理。
请回到督办审计台重新打开页面后再试。此次请求已记录。</p>`;

/** Checks every console POST; refusals answer 403 with a Chinese page and are logged like other denials. */
export function consolePostGuard(deps: ApiDeps, forms: SignInForms, logDenial: DenialLog): RequestHandler {
  const log = deps.log ?? createLogger('api', { ...process.env, LOG_LEVEL: 'warn' });
  return async (req, res, next) => {
    if (req.method !== 'POST') return next();
    try {
      // Read first, so that a refusal names whose session the forged request tried to use.
      const session = await sessionOf(deps, req, res);
      const path = req.baseUrl + req.path;
      const reason = foreignRequest(req, deps.publicOrigin) ?? tokenProblem(req, routeOf(path), forms, session?.csrfToken);
      if (!reason) return next();
      if (session) logDenial(session.actor, req.method, path, `console: ${reason}`);
      else log.warn({ method: req.method, path, reason }, 'console request refused');
      res
        .status(403)
        .set('Cache-Control', 'no-store')
        .type('html')
        .send(
          page(
            '请求未予办理',
            `${REFUSED}<p><a href="${session ? homeOf(session.actor) : '/console/sign-in'}">返回督办审计台</a></p>`,
            session?.actor,
          ),
        );
    } catch (err) {
      next(err);
    }
  };
}
