import type { Pool } from 'pg';
import type { BenefitState } from '../domain/benefit';
import type { CaseState } from '../domain/case';
import type { TemporaryState } from '../domain/temporary';
import { insertPaymentTx, PaymentRow } from '../db/payroll-repo';
import { appendEvent, AuditEventInput } from '../db/audit-repo';
import { applyBenefitSnapshot, applySnapshot, applyTemporarySnapshot } from '../db/case-repo';
import { NoticeRecord, upsertNotice } from '../db/notice-repo';
import { applyLedger } from '../db/deadline-repo';

export interface StepRecord {
  event: AuditEventInput;
  snapshot: CaseState | BenefitState | TemporaryState;
  notices: NoticeRecord[];
  /** Temporary aid pays in the step that records it: the payment and its audit event stand or fall together. */
  payments?: PaymentRow[];
}

export function createCaseStoreActivities(db: Pool) {
  /** Audit event, notices and read model in one transaction: a step is recorded whole or not at all. */
  async function recordStep(step: StepRecord): Promise<void> {
    const tx = await db.connect();
    try {
      await tx.query('BEGIN');
      await appendEvent(tx, step.event);
      for (const n of step.notices) await upsertNotice(tx, n);
      for (const p of step.payments ?? []) await insertPaymentTx(tx, p);
      if (!('phase' in step.snapshot)) await applySnapshot(tx, step.snapshot);
      else if (step.snapshot.phase === 'benefit') await applyBenefitSnapshot(tx, step.snapshot);
      else await applyTemporarySnapshot(tx, step.snapshot);
      await applyLedger(tx, step.snapshot.caseId, step.snapshot.version, step.snapshot.ledger);
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
