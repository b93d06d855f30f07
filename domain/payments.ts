import { addMonths } from './calendar';

/** A month as `YYYY-MM`. */
export type Month = string;

export interface AmountChange {
  fromMonth: Month;
  amountFen: number;
  reason: string;
}

export const monthOf = (date: string): Month => date.slice(0, 7);
export const nextMonth = (m: Month): Month => addMonths(`${m}-01`, 1).slice(0, 7);

/** The amount in force for a month: the latest change from that month or before; 0 outside the paid window. */
export function amountForMonth(history: AmountChange[], window: { from: Month; through: Month | null }, month: Month): number {
  if (month < window.from || (window.through !== null && month > window.through)) return 0;
  const inForce = history.filter((h) => h.fromMonth <= month).sort((a, b) => a.fromMonth.localeCompare(b.fromMonth));
  return inForce.at(-1)?.amountFen ?? 0;
}

export function isQuarterStart(m: Month): boolean {
  return [1, 4, 7, 10].includes(Number(m.slice(5, 7)));
}

/**
 * What one payroll period pays a case: 低保 the month itself; 特困 the quarter, in its first
 * month only (按季发放). Returns the months covered and the total in fen.
 */
export function payable(program: string, history: AmountChange[], window: { from: Month; through: Month | null }, period: Month) {
  const months = program === 'tekun' ? (isQuarterStart(period) ? [period, nextMonth(period), nextMonth(nextMonth(period))] : []) : [period];
  const covered = months.filter((m) => amountForMonth(history, window, m) > 0);
  return { months: covered, amountFen: covered.reduce((sum, m) => sum + amountForMonth(history, window, m), 0) };
}
