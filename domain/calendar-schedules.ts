import { addDays, DateStr, YearSchedule } from './calendar';

function range(first: DateStr, last: DateStr): DateStr[] {
  const out: DateStr[] = [];
  for (let d = first; d <= last; d = addDays(d, 1)) out.push(d);
  return out;
}

/**
 * Official State Council schedules shipped with the code. They seed `calendar_days`; workflows
 * never read this file: deadlines come from the database through an activity, so a schedule
 * loaded after deploy reaches them and replay sees the values recorded in history.
 */
export const OFFICIAL_SCHEDULES: YearSchedule[] = [
  {
    year: 2025,
    source: '国务院办公厅关于2025年部分节假日安排的通知（2024-11-12）',
    holidays: [
      '2025-01-01',
      ...range('2025-01-28', '2025-02-04'),
      ...range('2025-04-04', '2025-04-06'),
      ...range('2025-05-01', '2025-05-05'),
      ...range('2025-05-31', '2025-06-02'),
      ...range('2025-10-01', '2025-10-08'),
    ],
    workdays: ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'],
  },
  {
    year: 2026,
    source: '国务院办公厅关于2026年部分节假日安排的通知（2025-11-04）',
    holidays: [
      ...range('2026-01-01', '2026-01-03'),
      ...range('2026-02-15', '2026-02-23'),
      ...range('2026-04-04', '2026-04-06'),
      ...range('2026-05-01', '2026-05-05'),
      ...range('2026-06-19', '2026-06-21'),
      ...range('2026-09-25', '2026-09-27'),
      ...range('2026-10-01', '2026-10-07'),
    ],
    workdays: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
  },
];
