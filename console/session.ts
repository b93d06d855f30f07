import { randomBytes } from 'node:crypto';
import type { CookieOptions, Request, Response } from 'express';
import { decodeJwt } from 'jose';
import type { ApiDeps } from '../api/deps';
import { unauthorized } from '../api/errors';
import { type ConsoleSession, endConsoleSession, findConsoleSession, openConsoleSession } from '../db/console-session-repo';
import type { Actor } from '../domain/case';

// The console's cookie holds a random session id, never the bearer token: the session (who signed in,
// until when, and its form token) lives in PostgreSQL, so every API process sees it and signing out ends
// it everywhere. The token is verified once, at sign-in, by the API's own authenticator; the session
// ends with the token's exp at the latest.
const MAX_SESSION_MS = 8 * 3600_000;
export const CSRF_FIELD = '_csrf';

const production = () => process.env.NODE_ENV === 'production';

/**
 * In production (HTTPS) the `__Host-` prefix: such a cookie needs Secure, Path=/ and no Domain, so a
 * sibling host of the same site can neither plant nor overwrite it (SameSite does not cover siblings).
 */
export const cookieName = (base: string): string => (production() ? `__Host-${base}` : base);
export const cookieOptions = (): CookieOptions => ({
  httpOnly: true,
  sameSite: 'strict',
  path: production() ? '/' : '/console',
  secure: production(),
});
const SESSION = 'aidflow_console';

export function cookieOf(req: Request, base: string): string | undefined {
  const name = cookieName(base);
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k !== name) continue;
    try {
      return decodeURIComponent(v.join('='));
    } catch {
      return undefined; // not a value this console set
    }
  }
  return undefined;
}

/**
 * Signs in `actor`, whom `token` was verified to name: a session that ends with the token at the latest.
 * A session this browser still had is ended, not left behind.
 */
export async function openSession(deps: ApiDeps, req: Request, res: Response, token: string, actor: Actor): Promise<void> {
  const previous = cookieOf(req, SESSION);
  if (previous) await endConsoleSession(deps.db, previous);
  // The authenticator requires exp; a token without one never gets here.
  const until = Math.min(Number(decodeJwt(token).exp) * 1000, Date.now() + MAX_SESSION_MS);
  const id = randomBytes(32).toString('base64url');
  await openConsoleSession(deps.db, id, { actor, csrfToken: randomBytes(32).toString('base64url'), expiresAt: new Date(until) });
  res.cookie(cookieName(SESSION), id, { ...cookieOptions(), maxAge: until - Date.now() });
}

/** Deletes the session (the old cookie then opens nothing, on any process) and the cookie. */
export async function endSession(deps: ApiDeps, req: Request, res: Response): Promise<void> {
  const id = cookieOf(req, SESSION);
  if (id) await endConsoleSession(deps.db, id);
  res.clearCookie(cookieName(SESSION), cookieOptions());
}

// The form token travels with the actor object the page is rendered for, without being a property
// of it: actors are copied into logs, audit rows and workflow inputs, where the token must never go.
const formTokens = new WeakMap<Actor, string>();

/** The request's live session, read once per request; its actor is the one pages and denials name. */
export async function sessionOf(deps: ApiDeps, req: Request, res: Response): Promise<ConsoleSession | undefined> {
  if ('consoleSession' in res.locals) return res.locals.consoleSession as ConsoleSession | undefined;
  const id = cookieOf(req, SESSION);
  const s = id ? await findConsoleSession(deps.db, id) : undefined;
  res.locals.consoleSession = s;
  if (s) {
    formTokens.set(s.actor, s.csrfToken);
    res.locals.actor = s.actor;
  }
  return s;
}

/** Where someone lands after signing in: the overview for those who supervise, the case list for the others. */
export const homeOf = (actor: Actor): string => (['supervisor', 'auditor'].includes(actor.role) ? '/console/' : '/console/cases');

/** The caller (401, i.e. the sign-in page, without a live session). */
export async function actorOf(deps: ApiDeps, req: Request, res: Response): Promise<Actor> {
  const s = await sessionOf(deps, req, res);
  if (!s) throw unauthorized('no console session, or it has ended');
  return s.actor;
}

/** The hidden field every console POST form of a signed-in page carries (the token is base64url: nothing to escape). */
export const csrfField = (actor?: Actor): string => {
  const t = actor && formTokens.get(actor);
  return t ? `<input type="hidden" name="${CSRF_FIELD}" value="${t}">` : '';
};
