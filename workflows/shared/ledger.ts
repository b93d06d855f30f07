import { CalendarSnapshot, DateStr, yearsSpanned } from '../../domain/calendar';
import {
  closeEntry,
  EntrySpec,
  LedgerChange,
  LedgerEntry,
  openEntry,
  planDue,
  replan,
  reschedule,
  touchedBy,
  upsert,
  yearsNeeded,
} from '../../domain/deadline-ledger';
import type { CalendarChange } from '../definitions';
import { acts } from './activities';

/** A deadline as a workflow's state holds it today; the ledger follows these fields. */
export interface Tracked {
  spec: EntrySpec;
  due: DateStr;
  warnOn?: DateStr | null;
  open: boolean;
  closedOn?: DateStr;
}

const NO_CALENDAR: CalendarSnapshot = { years: [] };

/** Where a workflow gets a calendar snapshot: an activity by default; cases on the lean path pass a local one. */
export type CalendarOf = (years: number[]) => Promise<CalendarSnapshot>;
const byActivity: CalendarOf = (years) => acts.calendarSnapshot({ years });

/** Working-day entries are planned against the calendar (fetched by an activity, so replay agrees). */
async function plan(spec: EntrySpec, calendarOf: CalendarOf) {
  const snapshot = spec.unit === 'workingDays' ? await calendarOf(yearsSpanned(spec.start, spec.amount)) : NO_CALENDAR;
  return planDue(spec, snapshot);
}

/**
 * Brings the ledger in line with the state after a step: a new deadline becomes an entry, a moved
 * one (extension, postponement) is logged with the step's reason, a finished one is closed. The
 * state's own fields stay the source of the timers; the ledger is their record.
 */
export async function syncLedger(
  ledger: LedgerEntry[],
  tracked: Tracked[],
  at: DateStr,
  reason: string,
  calendarOf: CalendarOf = byActivity,
): Promise<LedgerEntry[]> {
  let out = ledger;
  for (const t of tracked) {
    const e = out.find((x) => x.key === t.spec.key);
    let next: LedgerEntry;
    if (!e) {
      const p = await plan(t.spec, calendarOf);
      next = openEntry(t.spec, { ...p, due: t.due, warnOn: t.warnOn ?? p.warnOn }, at, reason);
    } else if (e.open && (e.due !== t.due || e.amount !== t.spec.amount || e.unit !== t.spec.unit)) {
      const p = await plan(t.spec, calendarOf);
      next = reschedule(e, { ...t.spec, ...p, due: t.due, warnOn: t.warnOn ?? p.warnOn }, at, reason);
    } else next = e;
    if (!t.open && next.open) next = closeEntry(next, t.closedOn ?? at);
    if (next !== e) out = upsert(out, next);
  }
  return out;
}

export function calendarReason(u: CalendarChange): string {
  const years = u.years ?? [u.year];
  const by = u.by ? `由${u.by}` : '';
  return `${years.join('、')}年节假日安排${by}载入或更正，重新计算期限 (calendar reload of ${years.join(', ')}${u.by ? ` by ${u.by}` : ''})`;
}

/** Re-plans every open entry the changed years touch; null when none is touched or none moved. */
export async function replanLedger(
  ledger: LedgerEntry[],
  u: CalendarChange,
  at: DateStr,
  calendarOf: CalendarOf = byActivity,
): Promise<{ ledger: LedgerEntry[]; changed: LedgerChange[]; reason: string; years: number[] } | null> {
  const years = u.years ?? [u.year];
  const touched = ledger.filter((e) => touchedBy(e, years));
  if (touched.length === 0) return null;
  const snapshot = await calendarOf(yearsNeeded(touched));
  const reason = calendarReason(u);
  const r = replan(ledger, snapshot, { years, at, reason });
  return r.changed.length ? { ledger: r.entries, changed: r.changed, reason, years } : null;
}

export const entry = (ledger: LedgerEntry[], key: string) => ledger.find((e) => e.key === key);
