import type { RequestHandler } from 'express';
import type { CaseServices } from './deps';
import { OUTAGE_RETRY_AFTER_SECONDS } from './db-errors';

// Load balancers and `npm start` users ask one question: can this API serve now? It can when
// both PostgreSQL and Temporal answer; each probe is bounded so /health never hangs on an outage.

const PROBE_MS = 2_000;

const within = <T>(p: Promise<T>, ms: number): Promise<T> =>
  Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms).unref())]);

export function healthHandler(deps: Pick<CaseServices, 'db' | 'temporal'>): RequestHandler {
  return async (_req, res) => {
    const [database, temporal] = await Promise.all([
      within(deps.db.query('SELECT 1'), PROBE_MS).then(() => 'ok', () => 'unreachable'),
      deps.temporal.connection
        .withDeadline(Date.now() + PROBE_MS, () => deps.temporal.workflowService.getSystemInfo({}))
        .then(() => 'ok', () => 'unreachable'),
    ]);
    const ok = database === 'ok' && temporal === 'ok';
    if (!ok) res.set('Retry-After', String(OUTAGE_RETRY_AFTER_SECONDS));
    res.status(ok ? 200 : 503).json({ status: ok ? 'ok' : 'degraded', database, temporal });
  };
}
