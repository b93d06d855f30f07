import { addDays, dayOfWeek, type DateStr } from './calendar';

// The overview's weekly series: weeks begin on Monday (as PostgreSQL's date_trunc('week') counts them),
// and a chart of "the last 12 weeks" has 12 points, quiet weeks included.

/** The Monday on or before `date`. */
export function weekStart(date: DateStr): DateStr {
  return addDays(date, -((dayOfWeek(date) + 6) % 7));
}

/** The Mondays of the `n` weeks ending with the week of `date`, oldest first. */
export function lastWeeks(date: DateStr, n: number): DateStr[] {
  const current = weekStart(date);
  return Array.from({ length: n }, (_, i) => addDays(current, 7 * (i - n + 1)));
}

/**
 * `n` consecutive weeks with the counts `found` (keyed by Monday) and zeros elsewhere. They end with
 * today's week, or with the latest week found when that is later: a demo sandbox's case clocks run
 * ahead of the wall clock, and its events would otherwise fall off the chart.
 */
export function weeklySeries<T extends { week: DateStr }>(today: DateStr, n: number, found: T[], zero: Omit<T, 'week'>): T[] {
  const latest = found.reduce((m, f) => (f.week > m ? f.week : m), weekStart(today));
  const byWeek = new Map(found.map((f) => [f.week, f]));
  return lastWeeks(latest, n).map((week) => byWeek.get(week) ?? ({ ...zero, week } as T));
}
