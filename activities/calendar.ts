import type { Pool } from 'pg';
import { addWorkingDays, CalendarSnapshot, DateStr, WorkingDayResult, yearsSpanned } from '../domain/calendar';
import { loadSnapshot } from '../db/calendar-repo';
import { casesTouchedByYears } from '../db/deadline-repo';

export interface DeadlineRequest {
  from: DateStr;
  workingDays: number;
  warnWorkingDaysBefore: number;
}

export interface DeadlineResult {
  dueDate: DateStr;
  warnOn: DateStr;
  provisional: boolean;
  provisionalYears: number[];
}

// Calendar data lives in PostgreSQL and can change after deploy; reading it here, not in the
// workflow, records the answer in history so replay sees the same deadline.
export function createCalendarActivities(db: Pool) {
  async function workingDaysFrom(req: { from: DateStr; n: number }): Promise<WorkingDayResult> {
    const snapshot = await loadSnapshot(db, yearsSpanned(req.from, req.n));
    return addWorkingDays(req.from, req.n, snapshot);
  }

  async function computeDeadline(req: DeadlineRequest): Promise<DeadlineResult> {
    const due = await workingDaysFrom({ from: req.from, n: req.workingDays });
    const warn = await workingDaysFrom({ from: due.date, n: -req.warnWorkingDaysBefore });
    const warnOn = warn.date > req.from ? warn.date : req.from;
    return { dueDate: due.date, warnOn, provisional: due.provisional, provisionalYears: due.provisionalYears };
  }

  /** The official schedules of these years, for the deadline ledger to re-plan against (recorded in history). */
  async function calendarSnapshot(req: { years: number[] }): Promise<CalendarSnapshot> {
    return loadSnapshot(db, req.years);
  }

  /** One page of the open cases a calendar change concerns (the fan-out workflow pages through them). */
  async function calendarTargets(req: { years: number[]; after: string; limit: number }): Promise<string[]> {
    return casesTouchedByYears(db, req.years, req.after, req.limit);
  }

  return { workingDaysFrom, computeDeadline, calendarSnapshot, calendarTargets };
}
