import { loadSnapshot, saveYear } from '../../db/calendar-repo';
import { openCaseIdsWithProvisionalDeadline } from '../../db/case-repo';
import { addWorkingDays, DateStr, dayOfWeek, shanghaiDate, yearOf } from '../../domain/calendar';
import type { Actor } from '../../domain/case';
import { calendarUpdated } from '../../workflows/definitions';
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
    else if (dayOfWeek(d) !== 0 && dayOfWeek(d) !== 6) errs.push({ path: `workdays.${i}`, message: `${d} is a weekday; make-up working days (调休上班) fall on weekends` });
    if (s.holidays.includes(d)) errs.push({ path: `workdays.${i}`, message: `${d} is listed as a holiday too` });
  });
  return errs;
}

/** Loads a year's official schedule, then tells every case with a provisional deadline to recompute. */
export async function loadCalendarYear(deps: CaseServices, actor: Actor, s: ScheduleInput): Promise<{ year: number; casesNotified: number }> {
  const errs = checkSchedule(s);
  if (errs.length) throw badRequest(`the ${s.year} schedule is inconsistent`, errs);
  await saveYear(deps.db, { ...s, holidays: [...new Set(s.holidays)], workdays: [...new Set(s.workdays)] }, actor.id);
  const ids = await openCaseIdsWithProvisionalDeadline(deps.db);
  const sent = await Promise.allSettled(ids.map((id) => deps.temporal.workflow.getHandle(id).signal(calendarUpdated, { year: s.year })));
  return { year: s.year, casesNotified: sent.filter((r) => r.status === 'fulfilled').length };
}

export async function workingDaysFromToday(deps: CaseServices, n: number): Promise<{ today: DateStr; until: DateStr; provisional: boolean }> {
  const today = shanghaiDate(Date.now());
  const snapshot = await loadSnapshot(deps.db, [yearOf(today), yearOf(today) + 1]);
  const r = addWorkingDays(today, n, snapshot);
  return { today, until: r.date, provisional: r.provisional };
}
