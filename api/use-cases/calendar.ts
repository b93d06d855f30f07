import { loadSnapshot, saveYear } from '../../db/calendar-repo';
import { randomUUID } from 'node:crypto';
import { addWorkingDays, DateStr, dayOfWeek, shanghaiDate, yearOf } from '../../domain/calendar';
import type { Actor } from '../../domain/case';
import { CalendarFanOutInput, CalendarFanOutProgress, fanOutProgress } from '../../workflows/calendar-fanout-defs';
import type { CaseServices } from '../deps';
import { badRequest, FieldError } from '../errors';

export interface ScheduleInput {
  year: number;
  source: string;
  holidays: DateStr[];
  workdays: DateStr[];
}

export function checkSchedule(s: ScheduleInput): FieldError[] {
  const errs: FieldError[] = [];
  s.holidays.forEach((d, i) => yearOf(d) !== s.year && errs.push({ path: `holidays.${i}`, message: `${d} is not in ${s.year}` }));
  s.workdays.forEach((d, i) => {
    if (yearOf(d) !== s.year) errs.push({ path: `workdays.${i}`, message: `${d} is not in ${s.year}` });
    else if (dayOfWeek(d) !== 0 && dayOfWeek(d) !== 6)
      errs.push({ path: `workdays.${i}`, message: `${d} is a weekday; make-up working days (调休上班) fall on weekends` });
    if (s.holidays.includes(d)) errs.push({ path: `workdays.${i}`, message: `${d} is listed as a holiday too` });
  });
  return errs;
}

/**
 * Loads or corrects a year's official schedule, then a fan-out workflow tells every open case whose
 * deadline ledger the year touches (and older cases with a provisional deadline) to re-plan.
 */
export async function loadCalendarYear(
  deps: CaseServices,
  actor: Actor,
  s: ScheduleInput,
): Promise<{ year: number; casesNotified: number; fanOut: { workflowId: string; done: boolean; missed: number } }> {
  const errs = checkSchedule(s);
  if (errs.length) throw badRequest(`the ${s.year} schedule is inconsistent`, errs);
  await saveYear(deps.db, { ...s, holidays: [...new Set(s.holidays)], workdays: [...new Set(s.workdays)] }, actor.id);
  const workflowId = `calendar-${s.year}-${randomUUID()}`;
  const args: [CalendarFanOutInput] = [{ years: [s.year], by: actor.id }];
  const handle = await deps.temporal.workflow.start<(i: CalendarFanOutInput) => Promise<CalendarFanOutProgress>>('calendarFanOutWorkflow', {
    workflowId,
    taskQueue: deps.taskQueue,
    args,
  });
  // Usually done in moments; a large fan-out carries on durably and the answer says so.
  let timer: NodeJS.Timeout | undefined;
  const result = await Promise.race([handle.result(), new Promise<null>((r) => (timer = setTimeout(() => r(null), deps.acceptWaitMs)))]);
  clearTimeout(timer);
  const running: CalendarFanOutProgress = { notified: 0, missed: 0, after: '', done: false };
  const p = result ?? (await handle.query(fanOutProgress).catch(() => running));
  return { year: s.year, casesNotified: p.notified, fanOut: { workflowId, done: p.done, missed: p.missed } };
}

export async function workingDaysFromToday(
  deps: CaseServices,
  n: number,
): Promise<{ today: DateStr; until: DateStr; provisional: boolean }> {
  const today = shanghaiDate(Date.now());
  const snapshot = await loadSnapshot(deps.db, [yearOf(today), yearOf(today) + 1]);
  const r = addWorkingDays(today, n, snapshot);
  return { today, until: r.date, provisional: r.provisional };
}
