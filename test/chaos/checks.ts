// After the chaos: is every case there, in one piece, and does the read model agree with the workflows?
import { canonicalJson } from '../../db/audit-hash';
import { stateQuery } from '../../workflows/definitions';
import { auditor } from '../support/fixtures';
import { call, Tally } from './driver';
import type { Deadline } from './deadline';
import type { ChaosSystem } from './system';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface Findings {
  casesInReadModel: number;
  /** Tracked cases missing from the read model or from Temporal. */
  lost: string[];
  /** Households with more than one case. */
  duplicateCases: number;
  /** Audit events recorded twice (same case, type, stage, actor, reason, data and time). */
  duplicateEvents: number;
  /** Cases whose audit chain `audit/verify` does not call intact. */
  brokenChains: string[];
  /** Cases whose read-model state differs from the workflow's query state (after settling). */
  readModelDiffs: string[];
}

/**
 * Compares each case until they agree, for up to 30 s: the read model follows the workflow by an
 * activity (a new benefit run records its first step a moment after continue-as-new), and a timer
 * may fire between the two reads in demo time. A difference that outlasts that is a finding.
 */
async function differs(s: ChaosSystem, id: string, d: Deadline): Promise<boolean | 'lost'> {
  for (let attempt = 0; attempt < 30; attempt++) {
    d.check(`the read model of ${id} to agree with its workflow`);
    const row = (await s.db.query('SELECT state FROM cases WHERE case_id = $1', [id])).rows[0];
    if (!row) return 'lost';
    let wf: unknown;
    try {
      wf = await s.client.workflow.getHandle(id).query(stateQuery);
    } catch (err) {
      if (/not found/i.test((err as Error).message)) return 'lost';
      throw err;
    }
    const again = (await s.db.query('SELECT state FROM cases WHERE case_id = $1', [id])).rows[0];
    // The audit anchor (count and head MAC) lives in the workflow alone, by design: it is learnt after the row is written.
    const comparable = (x: unknown) => canonicalJson({ ...(x as object), auditHead: undefined });
    if (comparable(row.state) === comparable(wf) && comparable(again.state) === comparable(wf)) return false;
    if (process.env.CHAOS_DIFF) {
      const a = JSON.parse(comparable(again.state)) as Record<string, unknown>;
      const b = JSON.parse(comparable(wf)) as Record<string, unknown>;
      const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]));
      process.stderr.write(
        `[chaos] ${id} differs in ${keys.map((k) => `${k}: db=${JSON.stringify(a[k])?.slice(0, 300)} wf=${JSON.stringify(b[k])?.slice(0, 300)}`).join(' | ')}\n`,
      );
    }
    await sleep(1_000);
  }
  return true;
}

export async function checkCases(s: ChaosSystem, tally: Tally, ids: string[], d: Deadline): Promise<Findings> {
  const f: Findings = { casesInReadModel: 0, lost: [], duplicateCases: 0, duplicateEvents: 0, brokenChains: [], readModelDiffs: [] };
  f.casesInReadModel = (await s.db.query('SELECT count(*)::int AS n FROM cases')).rows[0].n;
  f.duplicateCases = (
    await s.db.query('SELECT count(*)::int AS n FROM (SELECT household_id FROM cases GROUP BY household_id, program HAVING count(*) > 1) d')
  ).rows[0].n;
  f.duplicateEvents = (
    await s.db.query(`SELECT coalesce(sum(n - 1), 0)::int AS n FROM (
      SELECT count(*) AS n FROM case_events GROUP BY case_id, type, stage, actor_id, reason, data, occurred_at HAVING count(*) > 1) d`)
  ).rows[0].n;
  for (const id of ids) {
    const diff = await differs(s, id, d);
    if (diff === 'lost') f.lost.push(id);
    else if (diff) f.readModelDiffs.push(id);
    const verify = await call(s.apiUrl, tally, 'GET', `/api/cases/${id}/audit/verify`, auditor);
    if (verify.status !== 200 || verify.body.intact !== true) f.brokenChains.push(id);
  }
  return f;
}
