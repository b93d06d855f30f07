import { ApplicationFailure } from '@temporalio/common';
import type { Pool, PoolClient } from 'pg';
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

/**
 * One step's events (in order) with the state after the last: what a case workflow records once
 * per step as a local activity (workflows/shared/step-recorder.ts).
 */
export interface StepsRecord extends Omit<StepRecord, 'event'> {
  events: AuditEventInput[];
}

/**
 * A local activity runs before its workflow task completes: if that task is lost (a worker crash)
 * the step runs again at a later workflow time, so the same event (run, seq, type, actor) arrives
 * with another timestamp. The first attempt's row stands; anything else at that seq is a broken chain.
 */
async function earlierAttempt(tx: PoolClient, e: AuditEventInput): Promise<Appended | null> {
  const r = await tx.query('SELECT mac FROM case_events WHERE case_id = $1 AND seq = $2 AND run_id = $3 AND type = $4 AND actor_id = $5', [
    e.caseId,
    e.seq,
    e.runId ?? null,
    e.type,
    e.actor.id,
  ]);
  return r.rowCount ? { seq: e.seq, mac: r.rows[0].mac } : null;
}

/** `auditKey`: the MAC key (AUDIT_MAC_KEY); the database never sees it. */
export function createCaseStoreActivities(db: Pool, auditKey: Buffer) {
  /**
   * Audit event, notices and read model in one transaction: a step is recorded whole or not at all.
   * Returns the event's MAC, which the workflow keeps as the chain's head (its anchor outside PostgreSQL).
   */
  async function recordStep(step: StepRecord): Promise<Appended> {
    return record({ ...step, events: [step.event] }, false);
  }

  /** A step's events, notices and state in one transaction; returns the last event's MAC. */
  async function recordSteps(step: StepsRecord): Promise<Appended> {
    return record(step, true);
  }

  async function record(step: StepsRecord, local: boolean): Promise<Appended> {
    const tx = await db.connect();
    let appended: Appended | undefined;
    try {
      await tx.query('BEGIN');
      for (const e of step.events) appended = (local && (await earlierAttempt(tx, e))) || (await appendEvent(tx, e, auditKey));
      for (const n of step.notices) await upsertNotice(tx, n);
      for (const p of step.payments ?? []) await insertPaymentTx(tx, p);
      if (step.adjustment) await insertAdjustmentCase(tx, step.adjustment);
      if (!('phase' in step.snapshot)) await applySnapshot(tx, step.snapshot);
      else if (step.snapshot.phase === 'benefit') await applyBenefitSnapshot(tx, step.snapshot);
      else await applyTemporarySnapshot(tx, step.snapshot);
      await applyLedger(tx, step.snapshot.caseId, step.snapshot.version, step.snapshot.ledger);
      await resolveFlag(tx, step.snapshot.caseId, ATTENTION_AUDIT_CHAIN);
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
    if (!appended) throw new Error('a step records at least one event');
    return appended;
  }
  return { recordStep, recordSteps };
}
