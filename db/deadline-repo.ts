import type { Pool, PoolClient } from 'pg';
import type { LedgerEntry } from '../domain/deadline-ledger';

/**
 * Mirrors a snapshot's ledger, only if that snapshot is the one the read model now holds (an
 * older snapshot retried late must not bring back moved dates).
 */
export async function applyLedger(tx: PoolClient, caseId: string, version: number, ledger: LedgerEntry[] | undefined): Promise<void> {
  if (!ledger) return;
  const cur = await tx.query('SELECT state_version FROM cases WHERE case_id = $1', [caseId]);
  if (cur.rows[0]?.state_version !== version) return;
  await tx.query('DELETE FROM case_deadlines WHERE case_id = $1', [caseId]);
  for (const e of ledger) {
    await tx.query(
      `INSERT INTO case_deadlines (case_id, key, kind, unit, start_on, due_on, last_year, provisional, open)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)`,
      [caseId, e.key, e.kind, e.unit, e.start, e.due, Math.max(Number(e.due.slice(0, 4)), ...e.provisionalYears), e.provisional, e.open],
    );
  }
}

/**
 * One page of open cases a calendar change of `years` concerns: any open working-day entry whose
 * span [start year, last year] holds a changed year, and (cases from before the ledger) any open
 * undecided case whose deadline is still provisional. Ordered by case id for keyset paging.
 */
export async function casesTouchedByYears(db: Pool, years: number[], after: string, limit: number): Promise<string[]> {
  const r = await db.query(
    `SELECT c.case_id FROM cases c
     WHERE c.is_open AND c.case_id > $2 AND (
       EXISTS (SELECT 1 FROM case_deadlines d, unnest($1::int[]) y
               WHERE d.case_id = c.case_id AND d.open AND d.unit = 'workingDays'
                 AND y BETWEEN extract(year FROM d.start_on)::int AND d.last_year)
       OR (c.due_provisional AND c.decided_on IS NULL AND c.stage <> 'accepted'
           AND NOT EXISTS (SELECT 1 FROM case_deadlines d WHERE d.case_id = c.case_id)))
     ORDER BY c.case_id LIMIT $3`,
    [years, after, limit],
  );
  return r.rows.map((x) => x.case_id);
}

export async function ledgerOf(db: Pool, caseId: string): Promise<{ state: { ledger?: LedgerEntry[] } | null } | null> {
  const r = await db.query('SELECT state FROM cases WHERE case_id = $1', [caseId]);
  return r.rowCount ? { state: r.rows[0].state } : null;
}
