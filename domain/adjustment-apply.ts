import { AmountChange, amountForMonth, Month } from './payments';

// 调标, applying: what one case's amount history becomes, and what the payroll tops up for months
// already paid. Pure, so the benefit workflow, the payroll and the tests share one rule each.

/** What the benefit workflow tells the batch about one case. */
export type CaseAdjustmentOutcome = 'changed' | 'unchanged' | 'flagged' | 'already' | 'skipped';

/** What an adjustment tells a case (the workflow Update's argument). */
export interface CaseAdjustment {
  adjustmentId: string;
  profile: { id: string; version: number };
  effectiveMonth: Month;
  document: { ref: string; title: string };
}

export interface CaseAdjustmentResult {
  caseId: string;
  outcome: CaseAdjustmentOutcome;
  oldAmountFen: number;
  newAmountFen: number;
  fromMonth: Month | null;
  /** Why a case was skipped or flagged. */
  note?: string;
  /** With 'already': what the case recorded when it applied the adjustment. */
  recorded?: 'changed' | 'unchanged' | 'flagged';
}

const ALL_TIME = { from: '0000-01', through: null };

/**
 * The history with the new amount in force from `from` on. Changes at or after `from` (e.g. a review's
 * change for next month, computed under the old standard from the same household) are superseded: the
 * new amount is computed from the household as last recorded. The benefit_amounts table keys changes
 * by month, so a change in the same month is replaced rather than doubled.
 */
export function adjustedHistory(history: AmountChange[], from: Month, amountFen: number, reason: string): AmountChange[] {
  return [...history.filter((h) => h.fromMonth < from), { fromMonth: from, amountFen, reason }];
}

/** True when every month from `from` on already pays `amountFen`: nothing to change. */
export function amountUnchanged(history: AmountChange[], from: Month, amountFen: number): boolean {
  return amountForMonth(history, ALL_TIME, from) === amountFen && history.every((h) => h.fromMonth < from || h.amountFen === amountFen);
}

/** The first month the adjustment changes for a case: its effective month, or the case's first paid month if later. */
export const adjustmentFrom = (effectiveMonth: Month, paidFrom: Month): Month => (effectiveMonth > paidFrom ? effectiveMonth : paidFrom);

export interface PaidRow {
  months: Month[];
  amountFen: number;
}

/**
 * 补发: for each payment already made that covers a month from `from` on and was not paid at the new
 * amounts, the difference between new and old amounts for those months. A payment made after the case
 * applied the adjustment already paid the new amounts and adds nothing; a fall is never recovered.
 * Several adjustments in a row each top up their own step (old → new), so none is paid twice.
 */
export function backPayDue(paid: PaidRow[], oldHistory: AmountChange[], newHistory: AmountChange[], from: Month) {
  const months: Month[] = [];
  let amountFen = 0;
  for (const row of paid) {
    const later = row.months.filter((m) => m >= from);
    if (later.length === 0) continue;
    const atNew = row.months.reduce((s, m) => s + amountForMonth(newHistory, ALL_TIME, m), 0);
    if (row.amountFen === atNew) continue;
    const diff = later.reduce((s, m) => s + amountForMonth(newHistory, ALL_TIME, m) - amountForMonth(oldHistory, ALL_TIME, m), 0);
    if (diff <= 0) continue;
    months.push(...later);
    amountFen += diff;
  }
  return { months: months.sort(), amountFen };
}
