import { addDays, addMonths, addWorkingDays, CalendarSnapshot, DateStr, yearOf } from './calendar';

// 期限台账: every time-limited thing a case holds, one entry each, with the log of every move.
// Pure: the caller passes the calendar snapshot and the day ("at"), so workflows can use it
// deterministically and tests can inject any date.

export const deadlineKinds = {
  application: '审核确认时限 (application time limit)',
  public_notice: '公示期 (public notice period)',
  decision_notice: '决定通知送达 (decision notice)',
  review: '复核时限 (review time limit)',
  termination_notice: '终止告知期 (termination notice period)',
  objection_decision: '异议处理时限 (objection decision)',
  gradual_exit: '渐退期 (gradual exit)',
  paperwork: '事后补充说明 (emergency paperwork)',
  deliberation: '一事一议时限 (一事一议 decision)',
} as const;
export type DeadlineKind = keyof typeof deadlineKinds;

/** Working days move with the holiday calendar; calendar days and months never do. */
export type DeadlineUnit = 'workingDays' | 'calendarDays' | 'months';

export interface Pause {
  from: DateStr;
  /** The last paused day; null while the clock is still stopped. */
  to: DateStr | null;
  reason: string;
}

export interface LedgerLogLine {
  at: DateStr;
  oldDue: DateStr | null;
  newDue: DateStr;
  reason: string;
}

export interface LedgerEntry {
  key: string;
  kind: DeadlineKind;
  label: string;
  start: DateStr;
  unit: DeadlineUnit;
  /** The budget, in `unit`. */
  amount: number;
  /** Working days before the due date a reminder or warning goes out (null: none). */
  warnBefore: number | null;
  due: DateStr;
  warnOn: DateStr | null;
  provisional: boolean;
  provisionalYears: number[];
  open: boolean;
  closedOn: DateStr | null;
  pauses: Pause[];
  log: LedgerLogLine[];
}

export type EntrySpec = Pick<LedgerEntry, 'key' | 'kind' | 'start' | 'unit' | 'amount' | 'warnBefore'>;
export type Plan = Pick<LedgerEntry, 'due' | 'warnOn' | 'provisional' | 'provisionalYears'>;

export interface LedgerChange {
  key: string;
  label: string;
  oldDue: DateStr;
  newDue: DateStr;
  provisional: boolean;
}

function pausedOn(pauses: Pause[], asOf: DateStr): (d: DateStr) => boolean {
  // An open pause runs through `asOf`: the due date assumes the clock restarts the next day.
  return (d) => pauses.some((p) => d >= p.from && d <= (p.to ?? asOf));
}

/** The due date (and warning day) of an entry against a calendar snapshot. */
export function planDue(e: EntrySpec & { pauses?: Pause[] }, snapshot: CalendarSnapshot, asOf: DateStr = e.start): Plan {
  if (e.unit === 'calendarDays') return { due: addDays(e.start, e.amount), warnOn: null, provisional: false, provisionalYears: [] };
  if (e.unit === 'months') return { due: addMonths(e.start, e.amount), warnOn: null, provisional: false, provisionalYears: [] };
  const due = addWorkingDays(e.start, e.amount, snapshot, pausedOn(e.pauses ?? [], asOf));
  let warnOn: DateStr | null = null;
  if (e.warnBefore !== null) {
    const w = addWorkingDays(due.date, -e.warnBefore, snapshot).date;
    warnOn = w > e.start ? w : e.start;
  }
  return { due: due.date, warnOn, provisional: due.provisional, provisionalYears: due.provisionalYears };
}

/** A new entry whose plan was already computed (e.g. by the calendar activity, recorded in history). */
export function openEntry(spec: EntrySpec, plan: Plan, at: DateStr, reason: string): LedgerEntry {
  return {
    ...spec,
    label: deadlineKinds[spec.kind],
    ...plan,
    open: true,
    closedOn: null,
    pauses: [],
    log: [{ at, oldDue: null, newDue: plan.due, reason }],
  };
}

/** Whether a change to year `y`'s calendar can move this entry. */
export function touchedBy(e: LedgerEntry, years: number[]): boolean {
  if (!e.open || e.unit !== 'workingDays') return false;
  const last = Math.max(yearOf(e.due), ...e.provisionalYears);
  return years.some((y) => y >= yearOf(e.start) && y <= last);
}

/** Calendar years a re-plan of these entries needs (a year of margin past each due date). */
export function yearsNeeded(entries: LedgerEntry[]): number[] {
  const ys = new Set<number>();
  for (const e of entries) for (let y = yearOf(e.start); y <= yearOf(e.due) + 1; y++) ys.add(y);
  return [...ys].sort();
}

/**
 * Re-plans every open working-day entry the changed years touch. Returns new entries (the input
 * is not mutated) and the changes, each logged on its entry with the reason.
 */
export function replan(
  entries: LedgerEntry[],
  snapshot: CalendarSnapshot,
  o: { years: number[]; at: DateStr; reason: string },
): { entries: LedgerEntry[]; changed: LedgerChange[] } {
  const changed: LedgerChange[] = [];
  const next = entries.map((e) => {
    if (!touchedBy(e, o.years)) return e;
    const p = planDue(e, snapshot, o.at);
    if (p.due === e.due && p.warnOn === e.warnOn && p.provisional === e.provisional) return e;
    changed.push({ key: e.key, label: e.label, oldDue: e.due, newDue: p.due, provisional: p.provisional });
    return { ...e, ...p, log: [...e.log, { at: o.at, oldDue: e.due, newDue: p.due, reason: o.reason }] };
  });
  return { entries: next, changed };
}

/** Records a due date set by a step (extension, postponement): logged only when it moved. */
export function reschedule(e: LedgerEntry, change: Partial<EntrySpec> & Plan, at: DateStr, reason: string): LedgerEntry {
  const moved = change.due !== e.due;
  return { ...e, ...change, log: moved ? [...e.log, { at, oldDue: e.due, newDue: change.due, reason }] : e.log };
}

export function closeEntry(e: LedgerEntry, on: DateStr): LedgerEntry {
  return e.open ? { ...e, open: false, closedOn: on } : e;
}

/** 中止计时: the clock stops from `on`; only where the profile allows a pause (the caller checks). */
export function pauseEntry(e: LedgerEntry, on: DateStr, reason: string): LedgerEntry {
  if (!e.open || e.unit !== 'workingDays') throw new RangeError(`${e.key} cannot be paused`);
  if (e.pauses.some((p) => p.to === null)) throw new RangeError(`${e.key} is already paused`);
  return { ...e, pauses: [...e.pauses, { from: on, to: null, reason }] };
}

/** The clock restarts the day after `lastPausedDay`; the due date moves by the working days paused. */
export function resumeEntry(e: LedgerEntry, lastPausedDay: DateStr, snapshot: CalendarSnapshot, reason: string): LedgerEntry {
  const open = e.pauses.find((p) => p.to === null);
  if (!open) throw new RangeError(`${e.key} is not paused`);
  const pauses = e.pauses.map((p) => (p === open ? { ...p, to: lastPausedDay } : p));
  const plan = planDue({ ...e, pauses }, snapshot, lastPausedDay);
  return reschedule({ ...e, pauses }, plan, lastPausedDay, reason);
}

export function isPaused(e: LedgerEntry): boolean {
  return e.pauses.some((p) => p.to === null);
}

/** The nearest open due date: what lists sort by and `CaseDueDate` shows. */
export function nearestDue(entries: LedgerEntry[]): DateStr | null {
  const dues = entries
    .filter((e) => e.open)
    .map((e) => e.due)
    .sort();
  return dues[0] ?? null;
}

/** Inserts or replaces the entry with the same key. */
export function upsert(entries: LedgerEntry[], e: LedgerEntry): LedgerEntry[] {
  const i = entries.findIndex((x) => x.key === e.key);
  return i < 0 ? [...entries, e] : entries.map((x, j) => (j === i ? e : x));
}
