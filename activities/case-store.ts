import type { Pool } from 'pg';
import type { BenefitState } from '../domain/benefit';
import type { CaseState } from '../domain/case';
import { appendEvent, AuditEventInput } from '../db/audit-repo';
import { applyBenefitSnapshot, applySnapshot } from '../db/case-repo';
import { NoticeRecord, upsertNotice } from '../db/notice-repo';

export interface StepRecord {
  event: AuditEventInput;
  snapshot: CaseState | BenefitState;
  notices: NoticeRecord[];
}

export function createCaseStoreActivities(db: Pool) {
  /** Audit event, notices and read model in one transaction: a step is recorded whole or not at all. */
  async function recordStep(step: StepRecord): Promise<void> {
    const tx = await db.connect();
    try {
      await tx.query('BEGIN');
      await appendEvent(tx, step.event);
      for (const n of step.notices) await upsertNotice(tx, n);
      if ('phase' in step.snapshot) await applyBenefitSnapshot(tx, step.snapshot);
      else await applySnapshot(tx, step.snapshot);
      await tx.query('COMMIT');
    } catch (err) {
      await tx.query('ROLLBACK');
      throw err;
    } finally {
      tx.release();
    }
  }
  return { recordStep };
}
