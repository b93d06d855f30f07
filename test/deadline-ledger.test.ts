// The deadline ledger, pure: calendars are built here for the years each test needs, never taken from today.
import type { CalendarSnapshot } from '../domain/calendar';
import {
  closeEntry,
  nearestDue,
  openEntry,
  pauseEntry,
  planDue,
  replan,
  resumeEntry,
  touchedBy,
  yearsNeeded,
} from '../domain/deadline-ledger';

const cal = (years: Record<number, { holidays?: string[]; workdays?: string[] }>): CalendarSnapshot => ({
  years: Object.entries(years).map(([y, d]) => ({
    year: Number(y),
    holidays: d.holidays ?? [],
    workdays: d.workdays ?? [],
    source: 'test',
  })),
});
const spec = {
  key: 'application',
  kind: 'application' as const,
  start: '2030-03-01',
  unit: 'workingDays' as const,
  amount: 10,
  warnBefore: 3,
};

test('a working-day entry is planned against the calendar; the start day is not counted', () => {
  // 2030-03-01 is a Friday: ten working days are 03-04 … 03-15.
  expect(planDue(spec, cal({ 2030: {} }))).toEqual({ due: '2030-03-15', warnOn: '2030-03-12', provisional: false, provisionalYears: [] });
  expect(planDue(spec, cal({})).provisional).toBe(true);
  expect(planDue({ ...spec, unit: 'calendarDays', amount: 7, warnBefore: null }, cal({})).due).toBe('2030-03-08');
  expect(planDue({ ...spec, unit: 'months', amount: 3, warnBefore: null }, cal({})).due).toBe('2030-06-01');
});

test('correcting a loaded year (a holiday added inside the deadline) moves the entry and logs old and new dates', () => {
  const before = cal({ 2030: {} });
  const e = openEntry(spec, planDue(spec, before), '2030-03-01', 'accepted');
  const after = cal({ 2030: { holidays: ['2030-03-06', '2030-03-07'] } });
  const r = replan([e], after, { years: [2030], at: '2030-03-05', reason: 'calendar reload of 2030 by sup-1' });
  expect(r.changed).toEqual([{ key: 'application', label: e.label, oldDue: '2030-03-15', newDue: '2030-03-19', provisional: false }]);
  expect(r.entries[0].log.at(-1)).toEqual({
    at: '2030-03-05',
    oldDue: '2030-03-15',
    newDue: '2030-03-19',
    reason: 'calendar reload of 2030 by sup-1',
  });
  expect(e.due).toBe('2030-03-15'); // the input is not mutated
  // The same calendar again changes nothing; another year does not touch it.
  expect(replan(r.entries, after, { years: [2030], at: '2030-03-05', reason: 'x' }).changed).toEqual([]);
  expect(replan([e], after, { years: [2031], at: '2030-03-05', reason: 'x' }).changed).toEqual([]);
});

test('a provisional entry into an unloaded year becomes official when that year is loaded', () => {
  const s = { ...spec, start: '2030-12-20', amount: 25 };
  const e = openEntry(s, planDue(s, cal({ 2030: {} })), '2030-12-20', 'accepted');
  expect(e.provisional).toBe(true);
  expect(e.provisionalYears).toEqual([2031]);
  expect(touchedBy(e, [2031])).toBe(true);
  expect(yearsNeeded([e])).toEqual([2030, 2031, 2032]);
  const r = replan([e], cal({ 2030: {}, 2031: { holidays: ['2031-01-01', '2031-01-02'] } }), {
    years: [2031],
    at: '2030-12-28',
    reason: 'r',
  });
  expect(r.entries[0].provisional).toBe(false);
  expect(r.entries[0].due > e.due).toBe(true);
});

test('closed entries and calendar-day entries never move with the calendar', () => {
  const e = closeEntry(openEntry(spec, planDue(spec, cal({ 2030: {} })), '2030-03-01', 'a'), '2030-03-04');
  const n = openEntry(
    { ...spec, key: 'notice-1', kind: 'public_notice', unit: 'calendarDays', amount: 7, warnBefore: null },
    planDue({ ...spec, unit: 'calendarDays', amount: 7 }, cal({})),
    '2030-03-01',
    'n',
  );
  const r = replan([e, n], cal({ 2030: { holidays: ['2030-03-06'] } }), { years: [2030], at: '2030-03-05', reason: 'r' });
  expect(r.changed).toEqual([]);
  expect(nearestDue([e, n])).toBe('2030-03-08');
});

test('a pause (中止计时) stops the clock and the due date moves by the working days paused', () => {
  const c = cal({ 2030: {} });
  const e = openEntry(spec, planDue(spec, c), '2030-03-01', 'a');
  const paused = pauseEntry(e, '2030-03-05', '等待申请人补充材料');
  expect(() => pauseEntry(paused, '2030-03-06', 'again')).toThrow(/already paused/);
  // Paused 03-05 … 03-07 (three working days): due 03-15 → 03-20.
  const resumed = resumeEntry(paused, '2030-03-07', c, '材料已补齐');
  expect(resumed.due).toBe('2030-03-20');
  expect(resumed.pauses).toEqual([{ from: '2030-03-05', to: '2030-03-07', reason: '等待申请人补充材料' }]);
  expect(resumed.log.at(-1)).toMatchObject({ oldDue: '2030-03-15', newDue: '2030-03-20', reason: '材料已补齐' });
  // A later calendar change keeps the pause in the plan.
  expect(
    replan([resumed], cal({ 2030: { holidays: ['2030-03-11'] } }), { years: [2030], at: '2030-03-08', reason: 'r' }).entries[0].due,
  ).toBe('2030-03-21');
});

test('the same logic holds at a late-December "today" (injected dates)', () => {
  const s = { ...spec, start: '2030-12-31', amount: 1 };
  expect(planDue(s, cal({ 2030: {}, 2031: { holidays: ['2031-01-01'] } })).due).toBe('2031-01-02');
});
