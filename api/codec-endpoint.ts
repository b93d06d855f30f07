import { Router, type Request, type Response, type NextFunction } from 'express';
import type { Payload } from '@temporalio/common';
import { z } from 'zod';
import { requireRole } from './actor';
import type { ApiDeps } from './deps';
import { parseOr400 } from './errors';

// The Temporal Web UI shows payloads decoded only through this endpoint, only to supervisors and
// auditors with a valid token; everyone else, and the UI without it, sees ciphertext.

const jsonPayload = z.object({ metadata: z.record(z.string(), z.string()).default({}), data: z.string().default('') });
const bodySchema = z.object({ payloads: z.array(jsonPayload).max(1000) });

const fromJson = (p: z.infer<typeof jsonPayload>): Payload => ({
  metadata: Object.fromEntries(Object.entries(p.metadata).map(([k, v]) => [k, Buffer.from(v, 'base64')])),
  data: Buffer.from(p.data, 'base64'),
});
const toJson = (p: Payload) => ({
  metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v ?? []).toString('base64')])),
  data: Buffer.from(p.data ?? []).toString('base64'),
});

export function codecRouter(deps: ApiDeps): Router {
  const router = Router();
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
      const actor = await deps.authenticate(req.headers.authorization);
      res.locals.actor = actor;
      requireRole(actor, ['supervisor', 'auditor'], `payload ${op}`);
      const { payloads } = parseOr400(bodySchema, req.body, 'body');
      const out = await deps.codec[op](payloads.map(fromJson));
      res.json({ payloads: out.map(toJson) });
    });
  }
  return router;
}
