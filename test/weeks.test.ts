import { lastWeeks, weeklySeries, weekStart } from '../domain/weeks';

// 2026-12-21 and 2027-01-04 are Mondays (paper calendar); 2027-01-03 is a Sunday.

test('a week starts on the Monday on or before the day', () => {
  expect(weekStart('2026-12-21')).toBe('2026-12-21');
  expect(weekStart('2026-12-27')).toBe('2026-12-21');
  expect(weekStart('2027-01-03')).toBe('2026-12-28');
  expect(weekStart('2027-01-04')).toBe('2027-01-04');
});

test('the last 12 weeks are 12 Mondays a week apart, across the turn of the year', () => {
  expect(lastWeeks('2027-01-06', 12)).toEqual([
    '2026-10-19',
    '2026-10-26',
    '2026-11-02',
    '2026-11-09',
    '2026-11-16',
    '2026-11-23',
    '2026-11-30',
    '2026-12-07',
    '2026-12-14',
    '2026-12-21',
    '2026-12-28',
    '2027-01-04',
  ]);
});

test('quiet weeks are zeros, weeks with events keep their counts', () => {
  const found = [
    { week: '2026-12-21', warnings: 2, breaches: 1 },
    { week: '2027-01-04', warnings: 0, breaches: 3 },
  ];
  const series = weeklySeries('2027-01-06', 3, found, { warnings: 0, breaches: 0 });
  expect(series).toEqual([
    { week: '2026-12-21', warnings: 2, breaches: 1 },
    { week: '2026-12-28', warnings: 0, breaches: 0 },
    { week: '2027-01-04', warnings: 0, breaches: 3 },
  ]);
});

test('the series ends with the latest week found when a demo clock has run ahead of today', () => {
  const series = weeklySeries('2026-12-09', 2, [{ week: '2027-01-04', warnings: 1, breaches: 0 }], { warnings: 0, breaches: 0 });
  expect(series.map((w) => w.week)).toEqual(['2026-12-28', '2027-01-04']);
});
