import type { Pool } from 'pg';
import { recordReferralStepTx, ReferralStep } from '../db/referral-repo';

export function createReferralActivities(db: Pool) {
  /** A referral's step: its audit event and read-model row stand or fall together. */
  async function recordReferralStep(step: ReferralStep): Promise<void> {
    const tx = await db.connect();
    try {
      await tx.query('BEGIN');
      await recordReferralStepTx(tx, step);
      await tx.query('COMMIT');
    } catch (err) {
      await tx.query('ROLLBACK');
      throw err;
    } finally {
      tx.release();
    }
  }
  return { recordReferralStep };
}
