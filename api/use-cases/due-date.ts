import { loadSnapshot } from '../../db/calendar-repo';
import { addWorkingDaysCrossing, DateStr, yearsSpanned } from '../../domain/calendar';
import type { CaseServices } from '../deps';

/** The window's due-date calculator: what `from` + N working days gives with the loaded calendar years. */
export async function dueDate(deps: Pick<CaseServices, 'db'>, from: DateStr, workingDays: number) {
  const snapshot = await loadSnapshot(deps.db, yearsSpanned(from, workingDays));
  const r = addWorkingDaysCrossing(from, workingDays, snapshot);
  return { from, workingDays, due: r.date, provisional: r.provisional, provisionalYears: r.provisionalYears, crossed: r.crossed };
}
