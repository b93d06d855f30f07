// Received dates, the due-date calculator and profile bindings as pure logic, with `today` injected:
// these run the same on 31 December as on any other day, and set up every year boundary they need.
import { addWorkingDays, addWorkingDaysCrossing, CalendarSnapshot, YearSchedule } from '../domain/calendar';
import { OFFICIAL_SCHEDULES } from '../domain/calendar-schedules';
import type { PolicyProfile } from '../domain/policy';
import { bindingFor, DEFAULT_BINDINGS, mayBind } from '../domain/profile-bindings';
import { findProfile, PROFILES } from '../domain/profiles';
import { applicationClockStart, applicationTimeLimit, checkReceivedOn, earliestReceivedOn } from '../domain/received';

const hunan = findProfile('hunan-datonghu-2021')!;
const only2026: CalendarSnapshot = { years: OFFICIAL_SCHEDULES.filter((y) => y.year === 2026) };
// A 2027 schedule made up for the test (New Year 1/1–1/3 off, Sat 1/9 worked): the official one is not out yet.
const test2027: YearSchedule = {
  year: 2027,
  holidays: ['2027-01-01', '2027-01-02', '2027-01-03'],
  workdays: ['2027-01-09'],
  source: 'test schedule (测试用)',
};
const with2027: CalendarSnapshot = { years: [...only2026.years, test2027] };

describe('due-date calculator (addWorkingDaysCrossing)', () => {
  it('2026-02-10 + 25 working days → 2026-03-23, crossing the Spring Festival and its make-up days', () => {
    const r = addWorkingDaysCrossing('2026-02-10', 25, only2026);
    expect(r.date).toBe('2026-03-23');
    expect(r.provisional).toBe(false);
    expect(r.crossed.holidays).toEqual([
      '2026-02-15',
      '2026-02-16',
      '2026-02-17',
      '2026-02-18',
      '2026-02-19',
      '2026-02-20',
      '2026-02-21',
      '2026-02-22',
      '2026-02-23',
    ]);
    expect(r.crossed.workdays).toEqual(['2026-02-14', '2026-02-28']);
  });

  it('agrees with addWorkingDays and crosses nothing in an ordinary stretch', () => {
    const r = addWorkingDaysCrossing('2026-03-02', 10, only2026);
    expect(r.date).toBe(addWorkingDays('2026-03-02', 10, only2026).date);
    expect(r.crossed).toEqual({ holidays: [], workdays: [] });
  });

  it('counting back names the days passed too (the start day excluded)', () => {
    const r = addWorkingDaysCrossing('2026-10-09', -3, only2026);
    // 10-09 back: 10-08 counted, 10-07 … 10-01 off (National Day), then 09-30 and 09-29.
    expect(r.date).toBe('2026-09-29');
    expect(r.crossed.holidays).toEqual(['2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07']);
  });
});

describe('received date (收件日期) with today = 2026-12-31', () => {
  const today = '2026-12-31';

  it('the window reaches 10 working days back: 2026-12-17', () => {
    expect(hunan.timeLimits.receivedWindowWorkingDays?.value).toBe(10);
    expect(earliestReceivedOn(today, hunan, only2026)).toBe('2026-12-17');
  });

  it('a case received 2026-12-28 is accepted with a reason; without one the reason is asked for', () => {
    expect(checkReceivedOn({ receivedOn: '2026-12-28', receivedReason: '村委会代收' }, today, hunan, only2026)).toEqual([]);
    expect(checkReceivedOn({ receivedOn: '2026-12-28' }, today, hunan, only2026).map((e) => e.path)).toEqual(['receivedReason']);
    expect(checkReceivedOn({ receivedOn: today }, today, hunan, only2026)).toEqual([]);
    expect(checkReceivedOn({}, today, hunan, only2026)).toEqual([]);
  });

  it('refuses the future (next year) and dates before the window', () => {
    const future = checkReceivedOn({ receivedOn: '2027-01-01', receivedReason: 'x' }, today, hunan, only2026);
    expect(future).toEqual([{ path: 'receivedOn', message: expect.stringContaining('in the future') }]);
    expect(checkReceivedOn({ receivedOn: '2026-12-17', receivedReason: 'x' }, today, hunan, only2026)).toEqual([]);
    const early = checkReceivedOn({ receivedOn: '2026-12-16', receivedReason: 'x' }, today, hunan, only2026);
    expect(early).toEqual([{ path: 'receivedOn', message: expect.stringContaining('earlier than 2026-12-17') }]);
  });

  it('a profile without a window (before v4) allows no late entry', () => {
    const { receivedWindowWorkingDays: _gone, ...limits } = hunan.timeLimits;
    const v3 = { ...hunan, version: 3, timeLimits: limits } as PolicyProfile;
    expect(checkReceivedOn({ receivedOn: '2026-12-30', receivedReason: 'x' }, today, v3, only2026).map((e) => e.path)).toEqual([
      'receivedOn',
    ]);
  });

  it('the limit counts from the received date: 2026-12-28 + 25 into 2027 is provisional until 2027 is loaded', () => {
    const start = applicationClockStart({ acceptedOn: today, receivedOn: '2026-12-28' });
    expect(start).toBe('2026-12-28');
    // 12-29..12-31 (3), then 2027 weekdays only: 1-1, 1-4..8, 11..15, 18..22, 25..29, 2-1 (22 more) → 25.
    expect(addWorkingDays(start, applicationTimeLimit(hunan, 'county'), only2026)).toEqual({
      date: '2027-02-01',
      provisional: true,
      provisionalYears: [2027],
    });
    // With 2027: 1-1 off, Sat 1-9 worked: 3 + 1-4..9 (6) + 11..15, 18..22, 25..29 (15) + 2-1 = 25.
    expect(addWorkingDays(start, 25, with2027)).toEqual({ date: '2027-02-01', provisional: false, provisionalYears: [] });
    // Without the make-up Saturday the same count ends a day later: the schedule, not the clock, decides.
    expect(addWorkingDays(start, 25, { years: [...only2026.years, { ...test2027, workdays: [] }] }).date).toBe('2027-02-02');
    expect(applicationClockStart({ acceptedOn: today })).toBe(today);
  });
});

describe('time limit by approval level', () => {
  it('the standard limit unless the profile sets a delegated one for township approval', () => {
    expect(applicationTimeLimit(hunan, 'township')).toBe(25);
    expect(applicationTimeLimit(hunan, 'county')).toBe(25);
    const city = {
      ...hunan,
      timeLimits: {
        ...hunan.timeLimits,
        delegatedWorkingDays: { value: 20, source: 'test: a city sets 20 working days for township approval' },
      },
    };
    expect(applicationTimeLimit(city, 'township')).toBe(20);
    expect(applicationTimeLimit(city, 'county')).toBe(25);
  });

  it('every shipped profile is version 4 with a sourced receipt window', () => {
    for (const p of PROFILES) {
      expect(p.version).toBe(4);
      expect(p.timeLimits.receivedWindowWorkingDays?.source).toMatch(/local setting/);
    }
  });
});

describe('profile bindings', () => {
  const b = (region: string, profileId: string, effectiveFrom = '2021-01-01') => ({ region, profileId, effectiveFrom });

  it('the defaults: 大通湖区 → Hunan, Shaanxi → Shaanxi, elsewhere → national', () => {
    expect(bindingFor(DEFAULT_BINDINGS, '430921101', '2026-12-31')?.profileId).toBe('hunan-datonghu-2021');
    expect(bindingFor(DEFAULT_BINDINGS, '610112001', '2026-12-31')?.profileId).toBe('shaanxi-2021');
    expect(bindingFor(DEFAULT_BINDINGS, '430922101', '2026-12-31')?.profileId).toBe('national-2021');
    expect(bindingFor(DEFAULT_BINDINGS, '110101001', '2026-12-31')?.profileId).toBe('national-2021');
    // Before the Datong Lake plan took effect (2021-11-19) the national rules applied there.
    expect(bindingFor(DEFAULT_BINDINGS, '430921101', '2021-11-18')?.profileId).toBe('national-2021');
  });

  it('the most specific region wins, and a later start replaces an earlier one from its date', () => {
    const all = [
      b('CN', 'national-2021'),
      b('430921', 'hunan-datonghu-2021'),
      b('430921101', 'town-rules'),
      b('430921', 'hunan-2027', '2027-01-01'),
    ];
    expect(bindingFor(all, '430921101', '2027-06-01')?.profileId).toBe('town-rules');
    expect(bindingFor(all, '430921102', '2026-12-31')?.profileId).toBe('hunan-datonghu-2021');
    expect(bindingFor(all, '430921102', '2027-01-01')?.profileId).toBe('hunan-2027');
    expect(bindingFor([b('430921', 'x', '2027-01-01')], '430921101', '2026-12-31')).toBeNull();
  });

  it('a supervisor binds within their own area only; provinces and CN are for the load script', () => {
    const sup = { id: 's', role: 'supervisor' as const, jurisdiction: '430921' };
    expect(mayBind(sup, '430921')).toBe(true);
    expect(mayBind(sup, '430921101')).toBe(true);
    expect(mayBind(sup, '430922')).toBe(false);
    expect(mayBind(sup, '43')).toBe(false);
    expect(mayBind(sup, 'CN')).toBe(false);
    expect(mayBind({ ...sup, role: 'clerk' }, '430921101')).toBe(false);
    expect(mayBind({ ...sup, jurisdiction: '430921101' }, '430921')).toBe(false);
  });
});
