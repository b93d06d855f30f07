import type { RequestHandler } from 'express';
import type { CaseServices } from './deps';
import { OUTAGE_RETRY_AFTER_SECONDS } from './db-errors';

// Load balancers and `npm start` users ask one question: can this API serve now? It can when
// both PostgreSQL and Temporal answer; each probe is bounded so /health never hangs on an outage.

const PROBE_MS = 2_000;

const within = <T>(p: Promise<T>, ms: number): Promise<T> =>
  Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms).unref())]);

/** Whether PostgreSQL and Temporal answer, each within PROBE_MS. */
async function probe(deps: Pick<CaseServices, 'db' | 'temporal'>): Promise<{ database: string; temporal: string }> {
  const [database, temporal] = await Promise.all([
    within(deps.db.query('SELECT 1'), PROBE_MS).then(
      () => 'ok',
      () => 'unreachable',
    ),
    deps.temporal.connection
      .withDeadline(Date.now() + PROBE_MS, () => deps.temporal.workflowService.getSystemInfo({}))
      .then(
        () => 'ok',
        () => 'unreachable',
      ),
  ]);
  return { database, temporal };
}

export function healthHandler(deps: Pick<CaseServices, 'db' | 'temporal'>): RequestHandler {
  return async (_req, res) => {
    const { database, temporal } = await probe(deps);
    const ok = database === 'ok' && temporal === 'ok';
    if (!ok) res.set('Retry-After', String(OUTAGE_RETRY_AFTER_SECONDS));
    res.status(ok ? 200 : 503).json({ status: ok ? 'ok' : 'degraded', database, temporal });
  };
}

/** Liveness: the process answers. A restart would not fix an outage of PostgreSQL or Temporal. */
export const liveHandler: RequestHandler = (_req, res) => void res.json({ status: 'ok' });

/**
 * Readiness: PostgreSQL and Temporal answer and the namespace has every search attribute the
 * workflows set (a server without them fails each case at its first upsert).
 */
export function readyHandler(deps: Pick<CaseServices, 'db' | 'temporal'>, required: string[]): RequestHandler {
  let attributesSeen = false;
  const attributes = async (): Promise<string> => {
    if (attributesSeen) return 'ok';
    const r = await deps.temporal.connection.withDeadline(Date.now() + PROBE_MS, () =>
      deps.temporal.connection.operatorService.listSearchAttributes({ namespace: deps.temporal.options.namespace }),
    );
    const missing = required.filter((name) => !(name in (r.customAttributes ?? {})));
    attributesSeen = missing.length === 0;
    return attributesSeen ? 'ok' : `missing: ${missing.join(', ')}`;
  };
  return async (_req, res) => {
    const { database, temporal } = await probe(deps);
    const searchAttributes = temporal === 'ok' ? await attributes().catch(() => 'unknown') : 'unknown';
    const ok = database === 'ok' && temporal === 'ok' && searchAttributes === 'ok';
    if (!ok) res.set('Retry-After', String(OUTAGE_RETRY_AFTER_SECONDS));
    res.status(ok ? 200 : 503).json({ status: ok ? 'ok' : 'degraded', database, temporal, searchAttributes });
  };
}
