// The one place that does calendar math. Dates are `YYYY-MM-DD` strings in Asia/Shanghai.
// China has kept UTC+8 without daylight saving since 1991, so a fixed offset is exact and keeps
// this module free of Intl and the host time zone (both non-deterministic inside workflows).

export type DateStr = string;

const DAY_MS = 86_400_000;
export const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isDateStr(s: string): boolean {
  const m = DATE_RE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
}

function toUtcMidnight(date: DateStr): number {
  if (!isDateStr(date)) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  const [y, m, d] = date.split('-').map(Number);
  return Date.UTC(y, m - 1, d);
}

function fromUtcMidnight(ms: number): DateStr {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The Shanghai calendar date of an instant. */
export function shanghaiDate(epochMs: number): DateStr {
  return fromUtcMidnight(epochMs + SHANGHAI_OFFSET_MS);
}

/** The instant a Shanghai calendar day begins (00:00 UTC+8). */
export function startOfShanghaiDay(date: DateStr): number {
  return toUtcMidnight(date) - SHANGHAI_OFFSET_MS;
}

export function addDays(date: DateStr, days: number): DateStr {
  return fromUtcMidnight(toUtcMidnight(date) + days * DAY_MS);
}

/** Calendar months; the day is clamped to the target month's length (01-31 + 1 month → 02-28). */
export function addMonths(date: DateStr, months: number): DateStr {
  const [y, m, d] = date.split('-').map(Number);
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  return fromUtcMidnight(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), Math.min(d, last)));
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(date: DateStr): number {
  return new Date(toUtcMidnight(date)).getUTCDay();
}

export function yearOf(date: DateStr): number {
  return Number(date.slice(0, 4));
}

export function daysBetween(from: DateStr, to: DateStr): number {
  return Math.round((toUtcMidnight(to) - toUtcMidnight(from)) / DAY_MS);
}

/** One year's official schedule: holidays (放假) and make-up working days (调休上班). */
export interface YearSchedule {
  year: number;
  holidays: DateStr[];
  workdays: DateStr[];
  source: string;
}

/** The schedules known when a computation ran; a year missing here is not official. */
export interface CalendarSnapshot {
  years: YearSchedule[];
}

export interface WorkingDayResult {
  date: DateStr;
  /** True when a counted day fell in a year with no official schedule (weekends assumed). */
  provisional: boolean;
  provisionalYears: number[];
}

class WorkingDays {
  private readonly holidays = new Set<DateStr>();
  private readonly workdays = new Set<DateStr>();
  private readonly official = new Set<number>();

  constructor(snapshot: CalendarSnapshot) {
    for (const y of snapshot.years) {
      this.official.add(y.year);
      y.holidays.forEach((d) => this.holidays.add(d));
      y.workdays.forEach((d) => this.workdays.add(d));
    }
  }

  isOfficial(year: number): boolean {
    return this.official.has(year);
  }

  isHoliday(date: DateStr): boolean {
    return this.holidays.has(date);
  }

  isMakeUpDay(date: DateStr): boolean {
    return this.workdays.has(date);
  }

  isWorkingDay(date: DateStr): boolean {
    if (this.holidays.has(date)) return false;
    if (this.workdays.has(date)) return true;
    const dow = dayOfWeek(date);
    return dow !== 0 && dow !== 6;
  }
}

export function isWorkingDay(date: DateStr, snapshot: CalendarSnapshot): boolean {
  return new WorkingDays(snapshot).isWorkingDay(date);
}

/**
 * Moves `n` working days from `from` (n > 0 forward, n < 0 backward). The starting day itself is
 * never counted: the day of acceptance does not count towards a time limit. Days for which
 * `skip` answers true (a paused clock, 中止计时) are not counted either.
 */
export function addWorkingDays(from: DateStr, n: number, snapshot: CalendarSnapshot, skip?: (d: DateStr) => boolean): WorkingDayResult {
  if (!Number.isInteger(n)) throw new RangeError(`working days must be an integer: ${n}`);
  const cal = new WorkingDays(snapshot);
  const step = n >= 0 ? 1 : -1;
  const provisional = new Set<number>();
  let date = from;
  let left = Math.abs(n);
  while (left > 0) {
    date = addDays(date, step);
    if (!cal.isOfficial(yearOf(date))) provisional.add(yearOf(date));
    if (cal.isWorkingDay(date) && !skip?.(date)) left--;
  }
  const years = [...provisional].sort();
  return { date, provisional: years.length > 0, provisionalYears: years };
}

/** Working days strictly after `from` up to and including `to` (0 when `to` <= `from`). */
export function workingDaysBetween(from: DateStr, to: DateStr, snapshot: CalendarSnapshot): number {
  const cal = new WorkingDays(snapshot);
  let count = 0;
  for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (cal.isWorkingDay(d)) count++;
  return count;
}

/** Years a computation starting at `from` for up to `n` working days may touch. */
export function yearsSpanned(from: DateStr, n: number): number[] {
  const y = yearOf(from);
  // 45 working days never reach past the next calendar year; a year of margin covers any profile.
  const span = Math.ceil(Math.abs(n) / 200) + 1;
  return Array.from({ length: span + 1 }, (_, i) => (n >= 0 ? y + i : y - i));
}

export interface WorkingDayCrossing extends WorkingDayResult {
  /** Official holidays (放假) and make-up working days (调休上班) between the start (excluded) and the result. */
  crossed: { holidays: DateStr[]; workdays: DateStr[] };
}

/** `addWorkingDays`, naming the exceptional days it passed: a clerk at the window can check the count by them. */
export function addWorkingDaysCrossing(from: DateStr, n: number, snapshot: CalendarSnapshot): WorkingDayCrossing {
  const r = addWorkingDays(from, n, snapshot);
  const cal = new WorkingDays(snapshot);
  const [lo, hi] = n >= 0 ? [addDays(from, 1), r.date] : [r.date, addDays(from, -1)];
  const crossed = { holidays: [] as DateStr[], workdays: [] as DateStr[] };
  for (let d = lo; d <= hi; d = addDays(d, 1)) {
    if (cal.isHoliday(d)) crossed.holidays.push(d);
    else if (cal.isMakeUpDay(d)) crossed.workdays.push(d);
  }
  return { ...r, crossed };
}
