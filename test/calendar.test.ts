import {
  addDays,
  addMonths,
  addWorkingDays,
  CalendarSnapshot,
  dayOfWeek,
  daysBetween,
  isDateStr,
  isWorkingDay,
  shanghaiDate,
  startOfShanghaiDay,
  workingDaysBetween,
  yearsSpanned,
} from '../domain/calendar';
import { OFFICIAL_SCHEDULES } from '../domain/calendar-schedules';

// Expected values below are worked out by hand from a paper calendar (2025-01-01 and 2026-02-01 are
// a Wednesday and a Sunday; 2026-01-01 and 2026-10-01 are Thursdays) and the State Council notices.

const official: CalendarSnapshot = { years: OFFICIAL_SCHEDULES };
const none: CalendarSnapshot = { years: [] };

/** Weekday via the platform Date, independent of the module under test. 0 = Sunday. */
const nativeDow = (d: string) => new Date(`${d}T00:00:00Z`).getUTCDay();

describe('addWorkingDays with the official 2025/2026 schedules', () => {
  it('spec example: accepted 2026-02-10, 25 working days → due 2026-03-23', () => {
    // Feb 11,12,13 (1-3), Sat Feb 14 make-up (4), Feb 15–23 holiday, Feb 24–27 (5-8), Sat Feb 28 make-up (9),
    // Mar 2–6 (10-14), Mar 9–13 (15-19), Mar 16–20 (20-24), Mon Mar 23 (25).
    const r = addWorkingDays('2026-02-10', 25, official);
    expect(r).toEqual({ date: '2026-03-23', provisional: false, provisionalYears: [] });
  });

  it('does not count the day of acceptance', () => {
    // 2026-03-02 is a Monday: one working day later is Tuesday, not the Monday itself.
    expect(addWorkingDays('2026-03-02', 1, official).date).toBe('2026-03-03');
    // From a Friday, one working day is the next Monday.
    expect(addWorkingDays('2026-03-06', 1, official).date).toBe('2026-03-09');
    // Zero working days stays put.
    expect(addWorkingDays('2026-03-06', 0, official)).toEqual({ date: '2026-03-06', provisional: false, provisionalYears: [] });
  });

  it('counts make-up working days and skips holidays', () => {
    // Fri 2026-02-13 + 1 → Sat 2026-02-14 (调休上班), not Mon 2026-02-16 (Spring Festival).
    expect(addWorkingDays('2026-02-13', 1, official).date).toBe('2026-02-14');
    // Sat 2026-02-14 + 1 → the whole holiday 02-15..02-23 is skipped → Tue 2026-02-24.
    expect(addWorkingDays('2026-02-14', 1, official).date).toBe('2026-02-24');
    // Without any schedule the same Friday + 1 is Monday 02-16, and it is provisional.
    expect(addWorkingDays('2026-02-13', 1, none)).toEqual({ date: '2026-02-16', provisional: true, provisionalYears: [2026] });
  });

  it('National Day 2026: Wed 09-30 + 4 working days → Mon 10-12 (10-01..07 off, Sat 10-10 worked)', () => {
    // Oct 8 (1), Oct 9 (2), Sat Oct 10 make-up (3), Sun Oct 11 off, Mon Oct 12 (4).
    expect(addWorkingDays('2026-09-30', 4, official).date).toBe('2026-10-12');
  });

  it('marks a count reaching into a year without an official schedule as provisional', () => {
    // Fri 2026-12-25: Dec 28,29,30,31 (1-4), then 2027 with weekends only:
    // Fri Jan 1 (5), Jan 4–8 (6-10).
    const r = addWorkingDays('2026-12-25', 10, official);
    expect(r).toEqual({ date: '2027-01-08', provisional: true, provisionalYears: [2027] });
  });

  it('is not provisional when the count ends on the last day of an official year', () => {
    // Fri 2026-12-25 + 4 → Thu 2026-12-31; 2027 is never touched.
    expect(addWorkingDays('2026-12-25', 4, official)).toEqual({ date: '2026-12-31', provisional: false, provisionalYears: [] });
  });

  it('goes backwards across a holiday for negative counts (warning day)', () => {
    // Thu 2026-02-26 − 5: Feb 25 (1), Feb 24 (2), Feb 23..15 holiday, Sat Feb 14 make-up (3), Feb 13 (4), Feb 12 (5).
    expect(addWorkingDays('2026-02-26', -5, official)).toEqual({ date: '2026-02-12', provisional: false, provisionalYears: [] });
    // Mon 2026-10-12 − 4: Sat Oct 10 make-up (1), Oct 9 (2), Oct 8 (3), Oct 7..1 holiday, Wed Sep 30 (4).
    expect(addWorkingDays('2026-10-12', -4, official).date).toBe('2026-09-30');
    // Spec due date 2026-03-23 − 5 working days (the Hunan warning setting): Mar 20,19,18,17,16 → Mon 03-16.
    expect(addWorkingDays('2026-03-23', -5, official).date).toBe('2026-03-16');
  });

  it('marks a backwards count into an unscheduled year (2024) as provisional', () => {
    // Thu 2025-01-02 − 2: Jan 1 holiday, Tue 2024-12-31 (1), Mon 2024-12-30 (2).
    expect(addWorkingDays('2025-01-02', -2, official)).toEqual({ date: '2024-12-30', provisional: true, provisionalYears: [2024] });
  });

  it('rejects a fractional count and an invalid start date', () => {
    expect(() => addWorkingDays('2026-02-10', 2.5, official)).toThrow(RangeError);
    expect(() => addWorkingDays('2026-02-30', 1, official)).toThrow(RangeError);
  });
});

describe('isWorkingDay', () => {
  it.each([
    ['2026-02-14', true, 'Saturday make-up day'],
    ['2026-02-28', true, 'Saturday make-up day'],
    ['2026-01-04', true, 'Sunday make-up day'],
    ['2025-01-26', true, 'Sunday make-up day'],
    ['2026-02-16', false, 'Monday inside the Spring Festival holiday'],
    ['2026-10-07', false, 'Wednesday inside National Day'],
    ['2025-01-01', false, "Wednesday, New Year's Day"],
    ['2026-03-04', true, 'ordinary Wednesday'],
    ['2026-03-07', false, 'ordinary Saturday'],
    ['2026-03-08', false, 'ordinary Sunday'],
  ])('%s → %s (%s)', (date, expected) => {
    expect(isWorkingDay(date, official)).toBe(expected);
  });

  it('falls back to weekends when no schedule is known', () => {
    expect(isWorkingDay('2026-02-16', none)).toBe(true); // Monday
    expect(isWorkingDay('2026-02-14', none)).toBe(false); // Saturday
  });
});

describe('workingDaysBetween', () => {
  it('counts days strictly after `from` up to and including `to`', () => {
    // After Wed 09-30: Oct 1–7 off, Oct 8, Oct 9, Sat Oct 10 (make-up), Sun Oct 11 off, Mon Oct 12 → 4.
    expect(workingDaysBetween('2026-09-30', '2026-10-12', official)).toBe(4);
    // The spec example in the other direction.
    expect(workingDaysBetween('2026-02-10', '2026-03-23', official)).toBe(25);
    // Whole Spring Festival holiday: after Sat 02-14 up to Mon 02-23 → 0.
    expect(workingDaysBetween('2026-02-14', '2026-02-23', official)).toBe(0);
  });

  it('is 0 when `to` is not after `from`', () => {
    expect(workingDaysBetween('2026-03-04', '2026-03-04', official)).toBe(0);
    expect(workingDaysBetween('2026-03-10', '2026-03-04', official)).toBe(0);
  });

  it('counts 248 working days in each of 2025 and 2026', () => {
    // 2025: 261 weekdays (starts Wed, 365 days) − 18 weekday holidays
    //   (1/1; 1/28–31, 2/3–4; 4/4; 5/1–2, 5/5; 6/2; 10/1–3, 10/6–8) + 5 make-up days = 248.
    expect(workingDaysBetween('2024-12-31', '2025-12-31', official)).toBe(248);
    // 2026: 261 weekdays (starts Thu) − 19 weekday holidays
    //   (1/1–2; 2/16–20, 2/23; 4/6; 5/1, 5/4–5; 6/19; 9/25; 10/1–2, 10/5–7) + 6 make-up days = 248.
    expect(workingDaysBetween('2025-12-31', '2026-12-31', official)).toBe(248);
  });
});

describe('Shanghai dates', () => {
  it('UTC 16:00 is Shanghai midnight: both sides of the boundary', () => {
    expect(shanghaiDate(Date.parse('2025-12-31T15:59:59.999Z'))).toBe('2025-12-31');
    expect(shanghaiDate(Date.parse('2025-12-31T16:00:00.000Z'))).toBe('2026-01-01');
    expect(shanghaiDate(Date.parse('2026-01-01T15:59:59Z'))).toBe('2026-01-01');
    expect(shanghaiDate(Date.parse('2026-01-01T16:00:00Z'))).toBe('2026-01-02');
    // Early UTC morning is already the same Shanghai day (08:00 local).
    expect(shanghaiDate(Date.parse('2026-03-01T00:00:00Z'))).toBe('2026-03-01');
  });

  it('startOfShanghaiDay is 16:00 UTC the day before', () => {
    expect(startOfShanghaiDay('2026-03-01')).toBe(Date.UTC(2026, 1, 28, 16));
    expect(startOfShanghaiDay('2026-01-01')).toBe(Date.UTC(2025, 11, 31, 16));
    expect(shanghaiDate(startOfShanghaiDay('2026-03-01'))).toBe('2026-03-01');
    expect(shanghaiDate(startOfShanghaiDay('2026-03-01') - 1)).toBe('2026-02-28');
  });

  it('startOfShanghaiDay rejects malformed dates', () => {
    expect(() => startOfShanghaiDay('2026-3-1')).toThrow(RangeError);
  });
});

describe('date arithmetic', () => {
  it('addMonths clamps the day to the target month', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2026-03-31', 1)).toBe('2026-04-30');
    expect(addMonths('2026-03-31', -1)).toBe('2026-02-28');
    expect(addMonths('2026-11-30', 3)).toBe('2027-02-28');
    expect(addMonths('2026-12-15', 1)).toBe('2027-01-15');
    expect(addMonths('2026-03-03', 6)).toBe('2026-09-03');
  });

  it('addDays crosses month, year and leap-day boundaries', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2027-01-01', -1)).toBe('2026-12-31');
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-03-03', 60)).toBe('2026-05-02');
    expect(addDays('2026-02-10', 0)).toBe('2026-02-10');
  });

  it('isDateStr accepts only real, zero-padded YYYY-MM-DD dates', () => {
    expect(isDateStr('2026-02-28')).toBe(true);
    expect(isDateStr('2028-02-29')).toBe(true);
    expect(isDateStr('2026-02-30')).toBe(false);
    expect(isDateStr('2025-02-29')).toBe(false);
    expect(isDateStr('2026-13-01')).toBe(false);
    expect(isDateStr('2026-00-10')).toBe(false);
    expect(isDateStr('2026-2-3')).toBe(false);
    expect(isDateStr('2026-02-03T00:00:00Z')).toBe(false);
    expect(isDateStr('')).toBe(false);
  });

  it('dayOfWeek and daysBetween', () => {
    expect(dayOfWeek('2026-02-14')).toBe(6); // Saturday
    expect(dayOfWeek('2025-01-26')).toBe(0); // Sunday
    expect(dayOfWeek('2026-02-16')).toBe(1); // Monday
    expect(daysBetween('2026-02-10', '2026-03-23')).toBe(41); // 18 days to Feb 28, + 23
    expect(daysBetween('2026-03-23', '2026-02-10')).toBe(-41);
    expect(daysBetween('2026-12-31', '2027-01-01')).toBe(1);
  });

  it('yearsSpanned covers the years a count may touch', () => {
    expect(yearsSpanned('2026-12-25', 45)).toEqual(expect.arrayContaining([2026, 2027]));
    expect(yearsSpanned('2026-12-25', 45)).not.toContain(2025);
    expect(yearsSpanned('2025-01-02', -5)).toEqual(expect.arrayContaining([2025, 2024]));
    expect(yearsSpanned('2025-01-02', -5)).not.toContain(2026);
  });
});

describe('OFFICIAL_SCHEDULES', () => {
  const byYear = (y: number) => {
    const s = OFFICIAL_SCHEDULES.find((x) => x.year === y);
    if (!s) throw new Error(`no schedule for ${y}`);
    return s;
  };

  it('holds 2025 and 2026, each citing its State Council notice', () => {
    expect(OFFICIAL_SCHEDULES.map((s) => s.year).sort()).toEqual([2025, 2026]);
    expect(byYear(2025).source).toContain('2025年部分节假日安排');
    expect(byYear(2026).source).toContain('2026年部分节假日安排');
  });

  it('every make-up working day is a Saturday or Sunday', () => {
    for (const s of OFFICIAL_SCHEDULES) {
      expect(s.workdays.length).toBeGreaterThan(0);
      for (const d of s.workdays) expect([0, 6]).toContain(nativeDow(d));
    }
  });

  it('no date is both holiday and make-up day; all dates are valid, unique and in their own year', () => {
    for (const s of OFFICIAL_SCHEDULES) {
      const holidays = new Set(s.holidays);
      expect(holidays.size).toBe(s.holidays.length);
      expect(new Set(s.workdays).size).toBe(s.workdays.length);
      for (const d of s.workdays) expect(holidays.has(d)).toBe(false);
      for (const d of [...s.holidays, ...s.workdays]) {
        expect(isDateStr(d)).toBe(true);
        expect(d.startsWith(`${s.year}-`)).toBe(true);
      }
    }
  });

  it('2026 matches the notice of 2025-11-04 (33 holiday dates, 6 make-up days)', () => {
    const s = byYear(2026);
    // 3 + 9 + 3 + 5 + 3 + 3 + 7 = 33, written out in full.
    const holidays = [
      '2026-01-01',
      '2026-01-02',
      '2026-01-03',
      '2026-02-15',
      '2026-02-16',
      '2026-02-17',
      '2026-02-18',
      '2026-02-19',
      '2026-02-20',
      '2026-02-21',
      '2026-02-22',
      '2026-02-23',
      '2026-04-04',
      '2026-04-05',
      '2026-04-06',
      '2026-05-01',
      '2026-05-02',
      '2026-05-03',
      '2026-05-04',
      '2026-05-05',
      '2026-06-19',
      '2026-06-20',
      '2026-06-21',
      '2026-09-25',
      '2026-09-26',
      '2026-09-27',
      '2026-10-01',
      '2026-10-02',
      '2026-10-03',
      '2026-10-04',
      '2026-10-05',
      '2026-10-06',
      '2026-10-07',
    ];
    expect(holidays).toHaveLength(33);
    expect([...s.holidays].sort()).toEqual(holidays);
    expect([...s.workdays].sort()).toEqual(['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']);
  });

  it('2025 has 28 holiday dates (1 + 8 + 3 + 5 + 3 + 8) and 5 make-up days', () => {
    const s = byYear(2025);
    expect(s.holidays).toHaveLength(28);
    expect(s.holidays).toEqual(
      expect.arrayContaining(['2025-01-01', '2025-01-28', '2025-02-04', '2025-05-31', '2025-06-02', '2025-10-08']),
    );
    expect(s.holidays).not.toContain('2025-02-05');
    expect([...s.workdays].sort()).toEqual(['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11']);
  });
});
