import type { Pool } from 'pg';
import { inTransaction } from '../db/pool';
import { recordReferralStepTx, ReferralStep } from '../db/referral-repo';

export function createReferralActivities(db: Pool) {
  /** A referral's step: its audit event and read-model row stand or fall together. */
  async function recordReferralStep(step: ReferralStep): Promise<void> {
    await inTransaction(db, (tx) => recordReferralStepTx(tx, step));
  }
  return { recordReferralStep };
}
