import type { Pool, PoolClient } from 'pg';
import type { AmountChange } from '../domain/payments';
import type { AdjustmentProgress, AdjustmentRunStatus } from '../workflows/adjustment-defs';

// 调标: the batch's progress as its workflow mirrors it, and each case's outcome as the case recorded it.

export interface AdjustmentRun extends Omit<AdjustmentProgress, 'after' | 'seq'> {
  workflowId: string;
  startedBy: string;
  startedAt: string;
  updatedAt: string;
  finishedAt: string | null;
}

function toRun(x: Record<string, any>): AdjustmentRun {
  return {
    adjustmentId: x.adjustment_id,
    workflowId: x.workflow_id,
    status: x.status as AdjustmentRunStatus,
    total: x.total,
    done: x.done,
    failed: x.failed,
    changed: x.changed,
    unchanged: x.unchanged,
    flagged: x.flagged,
    skipped: x.skipped,
    failedCaseIds: x.failed_case_ids,
    startedBy: x.started_by,
    startedAt: x.started_at.toISOString(),
    updatedAt: x.updated_at.toISOString(),
    finishedAt: x.finished_at ? x.finished_at.toISOString() : null,
  };
}

/** Registers the run once: `created` false when an earlier call did (the caller answers with that run). */
export async function ensureRun(
  db: Pool | PoolClient,
  adjustmentId: string,
  workflowId: string,
  by: string,
): Promise<{ created: boolean; run: AdjustmentRun }> {
  const ins = await db.query(
    `INSERT INTO adjustment_runs (adjustment_id, workflow_id, status, started_by) VALUES ($1,$2,'running',$3)
     ON CONFLICT (adjustment_id) DO NOTHING`,
    [adjustmentId, workflowId, by],
  );
  return { created: ins.rowCount === 1, run: (await getRun(db, adjustmentId))! };
}

export async function getRun(db: Pool | PoolClient, adjustmentId: string): Promise<AdjustmentRun | null> {
  const r = await db.query('SELECT * FROM adjustment_runs WHERE adjustment_id = $1', [adjustmentId]);
  return r.rowCount ? toRun(r.rows[0]) : null;
}

/** The workflow's progress; an older one arriving late (a retried activity) never overwrites a newer one. */
export async function saveProgress(db: Pool, p: AdjustmentProgress): Promise<void> {
  await db.query(
    `UPDATE adjustment_runs SET status=$2, total=$3, done=$4, failed=$5, changed=$6, unchanged=$7, flagged=$8, skipped=$9,
       failed_case_ids=$10, progress_seq=$11, updated_at=now(),
       finished_at = CASE WHEN $2 IN ('completed', 'stopped') THEN now() ELSE NULL END
     WHERE adjustment_id=$1 AND progress_seq < $11`,
    [p.adjustmentId, p.status, p.total, p.done, p.failed, p.changed, p.unchanged, p.flagged, p.skipped, p.failedCaseIds, p.seq],
  );
}

/** What a case did with an adjustment: written with its audit event, in the same transaction. */
export interface AdjustmentCaseRow {
  adjustmentId: string;
  caseId: string;
  outcome: 'changed' | 'unchanged' | 'flagged';
  fromMonth: string;
  oldAmountFen: number;
  newAmountFen: number;
  oldAmounts: AmountChange[];
  newAmounts: AmountChange[];
}

export async function insertAdjustmentCase(tx: Pool | PoolClient, r: AdjustmentCaseRow): Promise<void> {
  await tx.query(
    `INSERT INTO adjustment_cases (adjustment_id, case_id, outcome, from_month, old_amount_fen, new_amount_fen, old_amounts, new_amounts)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8) ON CONFLICT DO NOTHING`,
    [
      r.adjustmentId,
      r.caseId,
      r.outcome,
      r.fromMonth,
      r.oldAmountFen,
      r.newAmountFen,
      JSON.stringify(r.oldAmounts),
      JSON.stringify(r.newAmounts),
    ],
  );
}
