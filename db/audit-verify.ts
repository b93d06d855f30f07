import type { Pool } from 'pg';
import { eventHash } from './audit-hash';
import { eventMac, sameMac } from './audit-mac';

/** What the case's workflow (its Temporal history, out of the database owner's reach) says it recorded. */
export interface ChainAnchor {
  /** Events the workflow has numbered (the last may still be in flight). */
  eventCount: number;
  /** The last event the workflow saw committed, and its MAC; absent until it records one with a MAC. */
  head?: { count: number; mac: string; macFrom: number };
}

export type BreakKind = 'deleted' | 'inserted' | 'altered' | 'relinked' | 'rehashed' | 'mac_removed';

export interface ChainReport {
  caseId: string;
  events: number;
  intact: boolean;
  /** The first event whose content, hash, MAC, link or place does not hold. */
  firstBroken: null | { seq: number; kind: BreakKind; problem: string };
  /** Events without a MAC (recorded before MACs existed): checked by the hash chain alone. */
  legacyEvents: number;
  /** Where the expected count came from; 'none' when the workflow's history is no longer kept. */
  anchor: { source: 'workflow' | 'none'; eventCount: number | null; headCount: number | null };
}

/**
 * Recomputes each event's hash and MAC from its stored fields, checks its link and place, then
 * compares the chain with the workflow's own record: a row altered (hash), altered and re-hashed
 * (MAC), deleted (gap, or fewer than the workflow confirmed), inserted (more than it numbered) or
 * stripped of its MAC is reported at the first seq where it shows.
 */
export async function verifyChain(db: Pool, caseId: string, key: Buffer, anchor: ChainAnchor | null): Promise<ChainReport> {
  const r = await db.query('SELECT * FROM case_events WHERE case_id = $1 ORDER BY seq', [caseId]);
  const rows = r.rows;
  const legacyEvents = rows.filter((e) => !e.mac).length;
  const report = (firstBroken: ChainReport['firstBroken']): ChainReport => ({
    caseId,
    events: rows.length,
    intact: firstBroken === null,
    firstBroken,
    legacyEvents,
    anchor: { source: anchor ? 'workflow' : 'none', eventCount: anchor?.eventCount ?? null, headCount: anchor?.head?.count ?? null },
  });
  const broken = (seq: number, kind: BreakKind, problem: string) => report({ seq, kind, problem });
  const macFrom = anchor?.head?.macFrom ?? Infinity;
  let prevHash: string | null = null;
  let prevMac: string | null = null;
  for (let i = 0; i < rows.length; i++) {
    const e = rows[i];
    if (e.seq !== i) return broken(i, 'deleted', `expected event ${i} here, found ${e.seq}: an event is missing`);
    if (e.prev_hash !== prevHash) return broken(i, 'relinked', "its link to the previous event does not match that event's hash");
    const fields = {
      caseId,
      seq: e.seq,
      type: e.type,
      stage: e.stage,
      actorId: e.actor_id,
      actorRole: e.actor_role,
      reason: e.reason,
      data: e.data,
      occurredAt: e.occurred_at.toISOString(),
      dueDate: e.due_date,
      prevHash: e.prev_hash,
      runId: e.run_id ?? undefined,
    };
    if (eventHash(fields) !== e.hash) return broken(i, 'altered', 'its content no longer matches its hash: the row was altered');
    if (e.mac) {
      if (!sameMac(eventMac(key, prevMac, fields), e.mac)) {
        return broken(
          i,
          'rehashed',
          'its hash is consistent but its MAC is not: the row (or its place in the chain) was rewritten and re-hashed',
        );
      }
    } else if (prevMac || i >= macFrom) {
      return broken(i, 'mac_removed', 'the event has no MAC although the chain had MACs from an earlier event on');
    }
    prevHash = e.hash;
    prevMac = e.mac;
  }
  if (anchor) {
    const confirmed = anchor.head?.count ?? anchor.eventCount;
    if (rows.length < confirmed) {
      return broken(rows.length, 'deleted', `the case's workflow recorded ${confirmed} events; event ${rows.length} onwards is missing`);
    }
    if (rows.length > anchor.eventCount) {
      return broken(
        anchor.eventCount,
        'inserted',
        `the case's workflow numbered ${anchor.eventCount} events; event ${anchor.eventCount} onwards was added outside it`,
      );
    }
    const h = anchor.head;
    if (h && !sameMac(rows[h.count - 1].mac, h.mac)) {
      return broken(h.count - 1, 'rehashed', 'the MAC of the last event the workflow confirmed differs from the one it recorded');
    }
  }
  return report(null);
}
