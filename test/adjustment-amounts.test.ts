// 调标's pure rules: the amount in force by month after an adjustment, and what 补发 tops up.
import { adjustedHistory, adjustmentFrom, amountUnchanged, backPayDue } from '../domain/adjustment-apply';
import { amountForMonth, AmountChange, payable } from '../domain/payments';

const open = { from: '2026-03', through: null };
const decided: AmountChange[] = [{ fromMonth: '2026-03', amountFen: 105_000, reason: '审核确认' }];

test('amountForMonth takes the latest change at or before the month: old amounts before the effective month, new from it', () => {
  const h = adjustedHistory(decided, '2026-07', 120_000, '调标 大民发〔2026〕8号');
  expect(['2026-03', '2026-06', '2026-07', '2027-01'].map((m) => amountForMonth(h, open, m))).toEqual([105_000, 105_000, 120_000, 120_000]);
  expect(amountForMonth(h, { from: '2026-03', through: '2026-08' }, '2026-09')).toBe(0);
  // 特困 pays a quarter in its first month: a quarter straddling the effective month pays each month its own amount.
  expect(payable('tekun', adjustedHistory(decided, '2026-08', 120_000, '调标'), open, '2026-07').amountFen).toBe(105_000 + 2 * 120_000);
});

test('a change at or after the effective month is superseded, never doubled (amounts are keyed by month)', () => {
  const reviewed = [...decided, { fromMonth: '2026-12', amountFen: 90_000, reason: '复核（第1次）' }];
  const h = adjustedHistory(reviewed, '2026-12', 99_000, '调标');
  expect(h.filter((x) => x.fromMonth === '2026-12')).toEqual([{ fromMonth: '2026-12', amountFen: 99_000, reason: '调标' }]);
  expect(amountUnchanged(h, '2026-12', 99_000)).toBe(true);
  expect(amountUnchanged(reviewed, '2026-11', 105_000)).toBe(false);
  expect(adjustmentFrom('2026-07', '2026-09')).toBe('2026-09');
  expect(adjustmentFrom('2026-07', '2026-03')).toBe('2026-07');
});

test('补发: the difference for months already paid at the old amount from the effective month; none for a fall or a payment at the new amount', () => {
  const after = adjustedHistory(decided, '2026-07', 120_000, '调标');
  const paid = ['2026-06', '2026-07', '2026-08'].map((m) => ({ months: [m], amountFen: 105_000 }));
  expect(backPayDue(paid, decided, after, '2026-07')).toEqual({ months: ['2026-07', '2026-08'], amountFen: 30_000 });
  expect(backPayDue([...paid, { months: ['2026-09'], amountFen: 120_000 }], decided, after, '2026-07').amountFen).toBe(30_000);
  expect(backPayDue(paid, decided, adjustedHistory(decided, '2026-07', 90_000, '调标'), '2026-07').amountFen).toBe(0);
  // A second adjustment tops up only its own step on top of the first.
  const second = adjustedHistory(after, '2026-08', 130_000, '调标2');
  expect(backPayDue(paid, after, second, '2026-08')).toEqual({ months: ['2026-08'], amountFen: 10_000 });
});
