import { ApplicationFailure } from '@temporalio/common';
import type { Pool } from 'pg';
import type { BenefitState } from '../domain/benefit';
import type { CaseState } from '../domain/case';
import type { TemporaryState } from '../domain/temporary';
import { insertPaymentTx, PaymentRow } from '../db/payroll-repo';
import { Appended, appendEvent, AuditChainBrokenError, AuditEventInput } from '../db/audit-repo';
import { ATTENTION_AUDIT_CHAIN, flagCase, resolveFlag } from '../db/attention-repo';
import { applyBenefitSnapshot, applySnapshot, applyTemporarySnapshot } from '../db/case-repo';
import { NoticeRecord, upsertNotice } from '../db/notice-repo';
import { FailureTypes } from '../workflows/definitions';
import { applyLedger } from '../db/deadline-repo';
import { AdjustmentCaseRow, insertAdjustmentCase } from '../db/adjustment-run-repo';

export interface StepRecord {
  event: AuditEventInput;
  snapshot: CaseState | BenefitState | TemporaryState;
  notices: NoticeRecord[];
  /** Temporary aid pays in the step that records it: the payment and its audit event stand or fall together. */
  payments?: PaymentRow[];
  /** 调标: what the case did with an adjustment, recorded with its audit event (the payroll's 补发 basis). */
  adjustment?: AdjustmentCaseRow;
}

/** `auditKey`: the MAC key (AUDIT_MAC_KEY); the database never sees it. */
export function createCaseStoreActivities(db: Pool, auditKey: Buffer) {
  /**
   * Audit event, notices and read model in one transaction: a step is recorded whole or not at all.
   * Returns the event's MAC, which the workflow keeps as the chain's head (its anchor outside PostgreSQL).
   */
  async function recordStep(step: StepRecord): Promise<Appended> {
    const tx = await db.connect();
    let appended: Appended;
    try {
      await tx.query('BEGIN');
      appended = await appendEvent(tx, step.event, auditKey);
      for (const n of step.notices) await upsertNotice(tx, n);
      for (const p of step.payments ?? []) await insertPaymentTx(tx, p);
      if (step.adjustment) await insertAdjustmentCase(tx, step.adjustment);
      if (!('phase' in step.snapshot)) await applySnapshot(tx, step.snapshot);
      else if (step.snapshot.phase === 'benefit') await applyBenefitSnapshot(tx, step.snapshot);
      else await applyTemporarySnapshot(tx, step.snapshot);
      await applyLedger(tx, step.snapshot.caseId, step.snapshot.version, step.snapshot.ledger);
      await resolveFlag(tx, step.event.caseId, ATTENTION_AUDIT_CHAIN);
      await tx.query('COMMIT');
    } catch (err) {
      await tx.query('ROLLBACK');
      if (err instanceof AuditChainBrokenError) {
        // Retrying cannot mend a chain someone cut: fail at once, and tell the supervisors.
        await flagCase(db, err.caseId, ATTENTION_AUDIT_CHAIN, err.message, err.seq);
        throw ApplicationFailure.create({
          type: FailureTypes.auditChainBroken,
          message: err.message,
          nonRetryable: true,
          details: [{ seq: err.seq }],
        });
      }
      throw err;
    } finally {
      tx.release();
    }
    return appended;
  }
  return { recordStep };
}
