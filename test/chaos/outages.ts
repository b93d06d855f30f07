// The three kinds of failure the chaos run inflicts, each with what clients must see meanwhile.
import { clerk, dibaoApplication } from '../support/fixtures';
import { call, Tally } from './driver';
import type { Deadline } from './deadline';
import type { ChaosSystem } from './system';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface PgOutage {
  /** What GET /health and a case read answered while PostgreSQL was down. */
  duringHealth: number;
  duringRead: number;
  duringRetryAfter: string | null;
  duringCode: string | undefined;
  /** Seconds from PostgreSQL's return until a new application was accepted and registered by the worker. */
  recoveredInS: number;
  /** The accepted probe case (driven on like the others). */
  probeCaseId: string;
  apiPidKept: boolean;
  workerPidKept: boolean;
}

/**
 * `pg_ctl stop -m immediate`, `downMs` of outage, start again. Meanwhile the API must answer 503; after,
 * a new case must be accepted (API → PostgreSQL → Temporal → worker → PostgreSQL) within 30 s.
 */
export async function stopPostgres(s: ChaosSystem, tally: Tally, anyCaseId: string, downMs: number, d: Deadline): Promise<PgOutage> {
  const apiPid = s.api.child.pid;
  const workerPid = s.worker.child.pid;
  s.pg.stopImmediate();
  const outageStarted = Date.now();
  await sleep(1_000);
  const health = await call(s.apiUrl, tally, 'GET', '/health', null);
  const read = await call(s.apiUrl, tally, 'GET', `/api/cases/${anyCaseId}`, clerk);
  await sleep(Math.max(0, downMs - (Date.now() - outageStarted)));
  s.pg.start();
  const back = Date.now();
  const until = d.until(60_000);
  const application = dibaoApplication();
  let probe;
  for (;;) {
    probe = await call(s.apiUrl, tally, 'POST', '/api/cases', clerk, application);
    // 201/200: registered and the worker has already computed its due date; 202 would mean the worker lags.
    if (probe.status === 201 || probe.status === 200) break;
    if (Date.now() > until)
      throw new Error(
        `no acceptance within ${((Date.now() - back) / 1000).toFixed(0)} s of PostgreSQL's return: ${probe.status} ${JSON.stringify(probe.body)}`,
      );
    await sleep(500);
  }
  return {
    duringHealth: health.status,
    duringRead: read.status,
    duringRetryAfter: read.retryAfter,
    duringCode: read.body?.error?.code,
    recoveredInS: (Date.now() - back) / 1000,
    probeCaseId: probe.body.caseId,
    apiPidKept: s.api.child.pid === apiPid && s.api.unexpectedExits === 0,
    workerPidKept: s.worker.child.pid === workerPid && s.worker.unexpectedExits === 0,
  };
}

export type Kind = 'worker' | 'temporal' | 'postgres';

export interface ChaosLog {
  kills: Record<Kind, number>;
  pgOutages: PgOutage[];
}

/** Inflicts the given failures one after another, `gapMs` apart, while cases run. */
export async function inflict(
  s: ChaosSystem,
  tally: Tally,
  plan: Kind[],
  gapMs: number,
  anyCaseId: () => string | undefined,
  log: ChaosLog,
  d: Deadline,
): Promise<void> {
  for (const kind of plan) {
    await sleep(gapMs);
    if (kind === 'worker') await s.killWorker();
    if (kind === 'temporal') await s.killTemporal(2_000);
    if (kind === 'postgres') {
      let id = anyCaseId();
      while (!id) {
        d.check('a first accepted case (to read during the PostgreSQL outage)');
        await sleep(500);
        id = anyCaseId();
      }
      log.pgOutages.push(await stopPostgres(s, tally, id, 5_000, d));
    }
    log.kills[kind] += 1;
  }
}
