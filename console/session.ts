import type { Request, Response } from 'express';
import type { ApiDeps } from '../api/deps';
import type { Actor } from '../domain/case';

// The console keeps the API's own bearer token in an HttpOnly cookie scoped to /console: pages are
// rendered on the server, so every navigation carries it without page scripts ever reading it
// (no token in sessionStorage for an injected script to steal). SameSite=Strict keeps other sites'
// forms from using it. The token is verified on every request by the API's authenticator.
export const COOKIE = 'aidflow_console';

export function tokenFrom(req: Request): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === COOKIE) return decodeURIComponent(v.join('='));
  }
  return undefined;
}

export function setToken(res: Response, token: string): void {
  res.cookie(COOKIE, token, {
    httpOnly: true,
    sameSite: 'strict',
    path: '/console',
    secure: process.env.NODE_ENV === 'production',
    maxAge: 8 * 3600_000,
  });
}

export const clearToken = (res: Response): void => void res.clearCookie(COOKIE, { path: '/console' });

/** The caller, by the same authenticator as the API (401 when there is no or no valid token). */
export async function actorOf(deps: ApiDeps, req: Request, res: Response): Promise<Actor> {
  const token = tokenFrom(req);
  const actor = await deps.authenticate(token ? `Bearer ${token}` : undefined);
  res.locals.actor = actor;
  return actor;
}
