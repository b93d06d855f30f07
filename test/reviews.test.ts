import { isUnstable, nextReview } from '../domain/reviews';
import { amountForMonth, payable } from '../domain/payments';
import { findProfile } from '../domain/profiles';
import { dibaoApplication } from './support/fixtures';

const shaanxi = findProfile('shaanxi-2021')!;
const hunan = findProfile('hunan-datonghu-2021')!;
const national = findProfile('national-2021')!;

function schedule(p: typeof hunan, subject: Parameters<typeof nextReview>[1], anchor: string, count: number): string[] {
  const out: string[] = [];
  let after = anchor;
  for (let i = 0; i < count; i++) {
    after = nextReview(p, subject, anchor, after)!.opensOn;
    out.push(after);
  }
  return out;
}

test('Shaanxi C-class 低保 approved 2026-03-02: reviews every six months on the same day', () => {
  expect(schedule(shaanxi, { program: 'dibao', category: 'C', unstable: true }, '2026-03-02', 6)).toEqual([
    '2026-09-02',
    '2027-03-02',
    '2027-09-02',
    '2028-03-02',
    '2028-09-02',
    '2029-03-02',
  ]);
});

test('Shaanxi A/B-class 低保 and 特困: once a year', () => {
  expect(schedule(shaanxi, { program: 'dibao', category: 'A', unstable: false }, '2026-03-02', 2)).toEqual(['2027-03-02', '2028-03-02']);
  expect(schedule(shaanxi, { program: 'tekun', category: null, unstable: false }, '2026-08-31', 2)).toEqual(['2027-08-31', '2028-08-31']);
});

test('Datong Lake: an able-bodied household gets Q2 and Q4 reviews each year; a stable one Q4 only; 特困 Q4', () => {
  const app = dibaoApplication();
  expect(isUnstable(app)).toBe(true);
  expect(schedule(hunan, { program: 'dibao', category: null, unstable: true }, '2026-03-02', 4)).toEqual([
    '2026-04-01',
    '2026-10-01',
    '2027-04-01',
    '2027-10-01',
  ]);
  expect(schedule(hunan, { program: 'dibao', category: null, unstable: false }, '2026-03-02', 2)).toEqual(['2026-10-01', '2027-10-01']);
  expect(schedule(hunan, { program: 'tekun', category: null, unstable: false }, '2026-11-20', 1)).toEqual(['2027-10-01']);
});

test('national: stable yearly, unstable every six months', () => {
  expect(schedule(national, { program: 'dibao', category: null, unstable: false }, '2026-01-31', 2)).toEqual(['2027-01-31', '2028-01-31']);
  expect(schedule(national, { program: 'dibao', category: null, unstable: true }, '2026-08-31', 2)).toEqual(['2027-02-28', '2027-08-31']);
});

test('the amount in force for a month, inside the paid window only', () => {
  const history = [
    { fromMonth: '2026-04', amountFen: 105000, reason: '审核确认' },
    { fromMonth: '2026-09', amountFen: 90000, reason: '复核' },
  ];
  const window = { from: '2026-04', through: '2027-03' };
  expect(amountForMonth(history, window, '2026-03')).toBe(0);
  expect(amountForMonth(history, window, '2026-08')).toBe(105000);
  expect(amountForMonth(history, window, '2026-09')).toBe(90000);
  expect(amountForMonth(history, window, '2027-04')).toBe(0);
});

test('低保 pays monthly; 特困 pays a quarter in its first month and nothing in the others', () => {
  const history = [{ fromMonth: '2026-05', amountFen: 58500, reason: '审核确认' }];
  const open = { from: '2026-05', through: null };
  expect(payable('dibao', history, open, '2026-06')).toEqual({ months: ['2026-06'], amountFen: 58500 });
  expect(payable('tekun', history, open, '2026-06')).toEqual({ months: [], amountFen: 0 });
  expect(payable('tekun', history, open, '2026-07')).toEqual({ months: ['2026-07', '2026-08', '2026-09'], amountFen: 175500 });
  // Paid from May: the April quarter pays May and June only.
  expect(payable('tekun', history, open, '2026-04')).toEqual({ months: ['2026-05', '2026-06'], amountFen: 117000 });
});
