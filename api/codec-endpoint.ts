import { Router, type Request, type Response, type NextFunction } from 'express';
import type { Payload } from '@temporalio/common';
import { z } from 'zod';
import { requireArea, requireRole } from './actor';
import type { ApiDeps } from './deps';
import { badRequest, parseOr400 } from './errors';

// The Temporal Web UI shows payloads decoded only through this endpoint, only to supervisors and
// auditors with a valid token; everyone else, and the UI without it, sees ciphertext.

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

const CASE_ID = /\b[A-Z]{2}-(\d{9})-\d{4}-\d{6}\b/g;
const TOWNSHIP = /"township":"(\d{9})"/g;

/** The cases a batch of decoded payloads belongs to: case ids name their township. */
function casesIn(payloads: Payload[]): { ids: string[]; townships: Set<string> } {
  const text = payloads.map((p) => Buffer.from(p.data ?? []).toString('utf8')).join('\n');
  const ids = [...new Set([...text.matchAll(CASE_ID)].map((m) => m[0]))];
  const townships = new Set([...text.matchAll(CASE_ID), ...text.matchAll(TOWNSHIP)].map((m) => m[1]));
  return { ids, townships };
}

const COOKIE = 'aidflow_codec';

/**
 * The Web UI sends no bearer token of its own (it would need its own login); with "include
 * cross-origin credentials" on, it sends this cookie instead, set by visiting /codec/session.
 */
function sessionToken(req: Request): string | undefined {
  const m = new RegExp(`(?:^|;\\s*)${COOKIE}=([^;]+)`).exec(req.headers.cookie ?? '');
  return m ? `Bearer ${decodeURIComponent(m[1])}` : undefined;
}

export function codecRouter(deps: ApiDeps): Router {
  const router = Router();
  router.get('/codec/session', async (req, res) => {
    const token = typeof req.query.token === 'string' ? req.query.token : /^Bearer (.+)$/i.exec(req.headers.authorization ?? '')?.[1];
    const actor = await deps.authenticate(token ? `Bearer ${token}` : undefined);
    res.locals.actor = actor;
    requireRole(actor, ['supervisor', 'auditor'], 'GET /codec/session');
    res.cookie(COOKIE, token!, { httpOnly: true, sameSite: 'lax', path: '/codec', maxAge: 8 * 3_600_000 });
    res.type('html').send(`<!doctype html><meta charset="utf-8"><title>解码授权</title><p>已授权 ${actor.id}（${actor.role}，辖区 ${actor.jurisdiction}）在 Temporal Web UI 中查看本辖区案件的解密数据。请在 Web UI 的 Data Encoder 设置中开启 “Include cross-origin credentials”。</p>`);
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
      const actor = await deps.authenticate(req.headers.authorization ?? sessionToken(req));
      res.locals.actor = actor;
      requireRole(actor, ['supervisor', 'auditor'], `POST /codec/${op}`);
      const { payloads } = parseOr400(codecBodySchema, req.body ?? {}, 'body');
      let out: Payload[];
      try {
        out = await deps.codec[op](payloads.map(fromJson));
      } catch (err) {
        throw badRequest(`cannot ${op} these payloads: ${(err as Error).message}`);
      }
      if (op === 'decode') {
        const cases = casesIn(out);
        for (const township of cases.townships) requireArea(actor, township);
        await deps.db.query('INSERT INTO payload_decodes (actor_id, actor_role, jurisdiction, payloads, case_ids) VALUES ($1,$2,$3,$4,$5)', [
          actor.id, actor.role, actor.jurisdiction ?? null, out.length, cases.ids,
        ]);
      }
      res.json({ payloads: out.map(toJson) });
    });
  }
  return router;
}
