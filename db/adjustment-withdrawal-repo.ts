import type { PoolClient } from 'pg';
import type { StandardAdjustment } from './adjustment-repo';

// 撤回调标 (migration 014): what stands in the way of a withdrawal, and the row that records one.
// Run inside the transaction that holds lockProfileAdjustments, so no run, publication or second
// withdrawal slips in between the checks and the insert.

export interface WithdrawalBlockers {
  alreadyWithdrawn: boolean;
  /** The apply batch's status, when it has been started. */
  runStatus: string | null;
  /** A later publication (not withdrawn) that was built on this one. */
  laterAdjustment: string | null;
  /** Cases that took the version at acceptance (or by an apply batch). */
  casesUnderVersion: number;
}

export async function withdrawalBlockers(tx: PoolClient, a: StandardAdjustment): Promise<WithdrawalBlockers> {
  const r = await tx.query(
    `SELECT EXISTS (SELECT 1 FROM adjustment_withdrawals WHERE adjustment_id = $1) AS withdrawn,
            (SELECT status FROM adjustment_runs WHERE adjustment_id = $1) AS run_status,
            (SELECT min(sa.id) FROM standard_adjustments sa
              WHERE sa.profile_id = $2 AND sa.to_version > $3
                AND NOT EXISTS (SELECT 1 FROM adjustment_withdrawals w WHERE w.adjustment_id = sa.id)) AS later,
            (SELECT count(*)::int FROM cases WHERE profile_id = $2 AND profile_version = $3) AS cases`,
    [a.id, a.profileId, a.toVersion],
  );
  const x = r.rows[0];
  return { alreadyWithdrawn: x.withdrawn, runStatus: x.run_status, laterAdjustment: x.later, casesUnderVersion: x.cases };
}

export async function insertWithdrawal(tx: PoolClient, id: string, reason: string, by: { id: string; role: string }): Promise<void> {
  await tx.query('INSERT INTO adjustment_withdrawals (adjustment_id, reason, withdrawn_by, withdrawn_role) VALUES ($1,$2,$3,$4)', [
    id,
    reason,
    by.id,
    by.role,
  ]);
}

/** For the apply batch's start, under the same lock: a withdrawn adjustment is never applied. */
export async function isWithdrawn(tx: PoolClient, id: string): Promise<boolean> {
  return (await tx.query('SELECT 1 FROM adjustment_withdrawals WHERE adjustment_id = $1', [id])).rowCount === 1;
}
