import { loadSnapshot } from '../../db/calendar-repo';
import { addWorkingDaysCrossing, DateStr, yearOf, yearsSpanned } from '../../domain/calendar';
import { CALENDAR_YEARS } from '../../domain/bounds';
import type { CaseServices } from '../deps';
import { badRequest } from '../errors';

/** The window's due-date calculator: what `from` + N working days gives with the loaded calendar years. */
export async function dueDate(deps: Pick<CaseServices, 'db'>, from: DateStr, workingDays: number) {
  const snapshot = await loadSnapshot(deps.db, yearsSpanned(from, workingDays));
  const r = addWorkingDaysCrossing(from, workingDays, snapshot);
  // No calendar can ever be loaded for a later year: the date would stay provisional for good.
  if (yearOf(r.date) > CALENDAR_YEARS.last)
    throw badRequest('the due date falls after the last year a calendar can be loaded for', [
      {
        path: 'query.workingDays',
        message: `自 ${from} 起 ${workingDays} 个工作日后为 ${r.date}，超出工作日历可载入的年份（${CALENDAR_YEARS.first}–${CALENDAR_YEARS.last}年）；请减少工作日数或提前起算日期`,
      },
    ]);
  return { from, workingDays, due: r.date, provisional: r.provisional, provisionalYears: r.provisionalYears, crossed: r.crossed };
}
