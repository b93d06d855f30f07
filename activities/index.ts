import type { Pool } from 'pg';
import type { DataMatchProvider } from '../domain/data-match';
import { createAdjustmentActivities } from './adjustments';
import { createBackPayActivities } from './back-pay';
import { createCalendarActivities } from './calendar';
import { createCaseStoreActivities } from './case-store';
import { createDataMatchActivities } from './data-match';
import { createPayrollActivities } from './payroll';
import { createProfileActivities } from './profiles';
import { failFastOnPermanentDbErrors } from './permanent-errors';
import { createReferralActivities } from './referrals';

export interface ActivityDeps {
  db: Pool;
  dataMatch: DataMatchProvider;
  /** AUDIT_MAC_KEY: the audit events' HMAC key. */
  auditKey: Buffer;
}

export function createActivities(deps: ActivityDeps) {
  // A constraint or encoding error fails the activity at once, non-retryably (never an endless retry).
  return failFastOnPermanentDbErrors({
    ...createCalendarActivities(deps.db),
    ...createProfileActivities(deps.db),
    ...createCaseStoreActivities(deps.db, deps.auditKey),
    ...createDataMatchActivities(deps.dataMatch),
    ...createPayrollActivities(deps.db),
    ...createReferralActivities(deps.db),
    ...createAdjustmentActivities(deps.db),
    ...createBackPayActivities(deps.db),
  });
}

export type Activities = ReturnType<typeof createActivities>;
