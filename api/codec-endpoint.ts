import { Router, type Request, type Response, type NextFunction } from 'express';
import type { Payload } from '@temporalio/common';
import { z } from 'zod';
import { decodeJwt } from 'jose';
import type { Actor } from '../domain/case';
import { requireRole } from './actor';
import { legacyOwners } from '../db/legacy-payload-repo';
import { decodeForCaller } from './codec-access';
import { CodecSessions } from './codec-session';
import type { ApiDeps } from './deps';
import { badRequest, parseOr400, unauthorized } from './errors';

// The Temporal Web UI shows payloads decoded only through this endpoint, only to supervisors and
// auditors with a valid token, and only payloads of their own area (api/codec-access.ts);
// everyone else, and the UI without it, sees ciphertext.

const jsonPayload = z.object({ metadata: z.record(z.string(), z.string()).default({}), data: z.string().default('') });
// Strict at the top (unknown fields are 400); a payload's own fields are Temporal's protocol, which may grow.
export const codecBodySchema = z.strictObject({ payloads: z.array(jsonPayload).max(1000) });

const fromJson = (p: z.infer<typeof jsonPayload>): Payload => ({
  metadata: Object.fromEntries(Object.entries(p.metadata).map(([k, v]) => [k, Buffer.from(v, 'base64')])),
  data: Buffer.from(p.data, 'base64'),
});
const toJson = (p: Payload) => ({
  metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v ?? []).toString('base64')])),
  data: Buffer.from(p.data ?? []).toString('base64'),
});

const COOKIE = 'aidflow_codec';

/**
 * The Web UI sends no bearer token of its own (it would need its own login); with "include
 * cross-origin credentials" on, it sends this cookie instead, set by visiting /codec/session.
 * The cookie holds a session id (api/codec-session.ts), never the token itself.
 */
const sessionId = (req: Request): string | undefined => new RegExp(`(?:^|;\\s*)${COOKIE}=([^;]+)`).exec(req.headers.cookie ?? '')?.[1];

export function codecRouter(deps: ApiDeps): Router {
  const router = Router();
  const sessions = new CodecSessions();
  /** A bearer token when sent; else the session the cookie names; else 401. */
  const caller = async (req: Request): Promise<Actor> => {
    if (req.headers.authorization) return deps.authenticate(req.headers.authorization);
    const actor = sessions.actor(sessionId(req));
    if (!actor) throw unauthorized('send a bearer token, or open /codec/session again: the codec session is missing or expired');
    return actor;
  };
  router.get('/codec/session', async (req, res) => {
    const token = typeof req.query.token === 'string' ? req.query.token : /^Bearer (.+)$/i.exec(req.headers.authorization ?? '')?.[1];
    const actor = await deps.authenticate(token ? `Bearer ${token}` : undefined);
    res.locals.actor = actor;
    requireRole(actor, ['supervisor', 'auditor'], 'GET /codec/session');
    const exp = decodeJwt(token!).exp;
    const session = sessions.open(actor, exp ? exp * 1000 : undefined);
    res.cookie(COOKIE, session.id, { httpOnly: true, sameSite: 'lax', secure: req.secure, path: '/codec', maxAge: session.maxAgeMs });
    res
      .type('html')
      .send(
        `<!doctype html><meta charset="utf-8"><title>解码授权</title><p>已授权 ${actor.id}（${actor.role}，辖区 ${actor.jurisdiction}）在 Temporal Web UI 中查看本辖区案件的解密数据。请在 Web UI 的 Data Encoder 设置中开启 “Include cross-origin credentials”。</p>`,
      );
  });
  const cors = (req: Request, res: Response, next: NextFunction) => {
    const origin = req.headers.origin;
    if (origin && deps.codecCorsOrigins.includes(origin)) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Access-Control-Allow-Credentials', 'true');
      res.setHeader('Access-Control-Allow-Methods', 'POST');
      res.setHeader('Access-Control-Allow-Headers', 'content-type,x-namespace,authorization');
      res.setHeader('Vary', 'Origin');
    }
    if (req.method === 'OPTIONS') return void res.status(204).end();
    next();
  };
  for (const op of ['encode', 'decode'] as const) {
    router.options(`/codec/${op}`, cors);
    router.post(`/codec/${op}`, cors, async (req, res) => {
      const actor = await caller(req);
      res.locals.actor = actor;
      requireRole(actor, ['supervisor', 'auditor'], `POST /codec/${op}`);
      const { payloads } = parseOr400(codecBodySchema, req.body ?? {}, 'body');
      if (op === 'encode') {
        let out: Payload[];
        try {
          out = await deps.codec.encode(payloads.map(fromJson));
        } catch (err) {
          throw badRequest(`cannot encode these payloads: ${(err as Error).message}`);
        }
        return void res.json({ payloads: out.map(toJson) });
      }
      const r = await decodeForCaller(actor, deps.codec, payloads.map(fromJson), (d) => legacyOwners(deps.db, d));
      // Every decode is logged with the cases it opened; every refusal as a denied access.
      if (r.decoded) {
        await deps.db.query(
          'INSERT INTO payload_decodes (actor_id, actor_role, jurisdiction, payloads, case_ids) VALUES ($1,$2,$3,$4,$5)',
          [actor.id, actor.role, actor.jurisdiction ?? null, r.decoded, r.owners],
        );
      }
      if (r.refused) {
        await deps.db.query(
          'INSERT INTO access_denials (actor_id, actor_role, jurisdiction, method, path, reason) VALUES ($1,$2,$3,$4,$5,$6)',
          [
            actor.id,
            actor.role,
            actor.jurisdiction ?? null,
            'POST',
            req.path,
            `codec: ${r.refused} payloads left encrypted: ${r.refusals.join('; ')}`,
          ],
        );
      }
      res.setHeader('X-Aidflow-Refused-Payloads', String(r.refused));
      res.json({ payloads: r.payloads.map(toJson) });
    });
  }
  return router;
}
