// The one money type and the date and month types of every request schema (domain/bounds.ts,
// domain/bounded-fields.ts), without a server: ceilings, windows, and a clock pinned by the test.
import { effectiveDate, effectiveMonth, eventDate, eventMonth, fen } from '../domain/bounded-fields';
import { CALENDAR_YEARS, CALENDAR_YEARS_PATTERN, effectiveWindow, FEN_CEILINGS, inWindow } from '../domain/bounds';
import { referralFeedbackSchema } from '../domain/referral';
import { bindingBody } from '../domain/profile-bindings';
import { adjustmentDraftSchema } from '../domain/adjustment-draft';
import { memberSchema } from '../domain/application';
import { ruralRiseDraft } from './support/fixtures';

const messages = (r: { error?: { issues: { message: string }[] } }) => r.error?.issues.map((i) => i.message) ?? [];
const paths = (r: { error?: { issues: { path: PropertyKey[] }[] } }) => r.error?.issues.map((i) => i.path.join('.')) ?? [];

/** Runs `f` with the API's clock at `iso` (only Date is faked: nothing here waits on a timer). */
function on<T>(iso: string, f: () => T): T {
  jest.useFakeTimers({ now: new Date(iso), doNotFake: ['setTimeout', 'setInterval', 'setImmediate', 'nextTick', 'queueMicrotask'] });
  try {
    return f();
  } finally {
    jest.useRealTimers();
  }
}

test('the year pattern of the OpenAPI document is exactly the calendar years', () => {
  const re = new RegExp(`^${CALENDAR_YEARS_PATTERN}$`);
  const matched = Array.from({ length: 10_000 }, (_, y) => String(y).padStart(4, '0')).filter((y) => re.test(y));
  expect(matched[0]).toBe(String(CALENDAR_YEARS.first));
  expect(matched.at(-1)).toBe(String(CALENDAR_YEARS.last));
  expect(matched).toHaveLength(CALENDAR_YEARS.last - CALENDAR_YEARS.first + 1);
});

test('an amount in fen is an integer from its minimum to the ceiling of its kind', () => {
  const award = fen('referralAward');
  expect(award.safeParse(FEN_CEILINGS.referralAward.max).success).toBe(true);
  expect(award.safeParse(1).success).toBe(true);
  for (const bad of [1e15, FEN_CEILINGS.referralAward.max + 1, 0, -5, 12.5, Number.MAX_SAFE_INTEGER + 2, '100'])
    expect({ bad, ok: award.safeParse(bad).success }).toEqual({ bad, ok: false });
  expect(messages(award.safeParse(1e15))).toEqual(['专项救助金额应为 1–50000000 分（最多 500,000 元）']);
  const income = fen('monthlyIncome', 0);
  expect(income.safeParse(0).success).toBe(true);
  expect(income.safeParse(FEN_CEILINGS.monthlyIncome.max + 1).success).toBe(false);
});

test('the request schemas that carry money use it', () => {
  const feedback = referralFeedbackSchema.safeParse({ outcome: 'accepted', amountFen: 1e15 });
  expect(paths(feedback)).toEqual(['amountFen']);
  expect(referralFeedbackSchema.safeParse({ outcome: 'accepted', amountFen: 300_000 }).success).toBe(true);
  const member = { name: '张建国', idNumber: '430921196503122017', relation: 'applicant', monthlyIncomeFen: 1e15 };
  expect(paths(memberSchema.safeParse(member))).toEqual(['monthlyIncomeFen']);
});

test('event dates and months lie within the calendar years, and exist', () => {
  const date = eventDate();
  for (const ok of ['2000-01-01', '2026-02-28', '2028-02-29', '2100-12-31'])
    expect({ ok, v: date.safeParse(ok).success }).toEqual({ ok, v: true });
  for (const bad of ['9999-12-31', '0100-01-01', '1999-12-31', '2101-01-01', '2026-02-29', '2026-13-01', '2026-1-01', ''])
    expect({ bad, v: date.safeParse(bad).success }).toEqual({ bad, v: false });
  // One message per bad date, naming the window.
  expect(messages(date.safeParse('9999-12-31'))).toEqual(['应为 2000-01-01 至 2100-12-31 之间的日期（YYYY-MM-DD）']);
  expect(messages(date.safeParse('2026-02-30'))).toHaveLength(1);
  const month = eventMonth();
  expect(month.safeParse('2100-12').success).toBe(true);
  for (const bad of ['9999-12', '1999-12', '2026-00', '2026-13'])
    expect({ bad, v: month.safeParse(bad).success }).toEqual({ bad, v: false });
});

test('effective dates and months: from 2014-05-01 to five years after the current year, read from the clock', () => {
  expect(effectiveWindow('2026-06-15')).toEqual({ from: '2014-05-01', through: '2031-12-31' });
  expect(inWindow('2014-05', effectiveWindow('2026-06-15'))).toBe(true);
  expect(inWindow('2014-04', effectiveWindow('2026-06-15'))).toBe(false);
  on('2026-06-15T12:00:00+08:00', () => {
    const d = effectiveDate();
    expect(d.safeParse('2014-05-01').success).toBe(true);
    expect(d.safeParse('2031-12-31').success).toBe(true);
    expect(messages(d.safeParse('2032-01-01'))).toEqual(['生效日期应在 2014-05-01 至 2031-12-31 之间']);
    expect(d.safeParse('2014-04-30').success).toBe(false);
    expect(d.safeParse('9999-12-31').success).toBe(false);
    const m = effectiveMonth();
    expect(m.safeParse('2031-12').success).toBe(true);
    expect(messages(m.safeParse('2032-01'))).toEqual(['执行月份应在 2014-05 至 2031-12 之间']);
  });
  // The window moves at midnight in Shanghai, not in UTC.
  on('2026-12-31T16:00:00Z', () => expect(effectiveDate().safeParse('2032-12-31').success).toBe(true));
  on('2026-12-31T15:59:59Z', () => expect(effectiveDate().safeParse('2032-12-31').success).toBe(false));
});

test('bindings and 调标 drafts use the effective types', () => {
  on('2026-06-15T12:00:00+08:00', () => {
    const binding = { regionName: '大通湖区', profileId: 'hunan-datonghu-2021', effectiveFrom: '9999-12-31', source: '区民政局通知' };
    expect(paths(bindingBody.safeParse(binding))).toEqual(['effectiveFrom']);
    expect(paths(bindingBody.safeParse({ ...binding, effectiveFrom: '0100-01-01' }))).toEqual(['effectiveFrom']);
    expect(bindingBody.safeParse({ ...binding, effectiveFrom: '2027-01-01' }).success).toBe(true);
    const draft = ruralRiseDraft('9999-12');
    expect(paths(adjustmentDraftSchema.safeParse(draft))).toEqual(['effectiveMonth']);
    expect(
      paths(adjustmentDraftSchema.safeParse({ ...draft, effectiveMonth: '2027-01', changes: { dibaoMonthlyFen: { rural: 1e9 } } })),
    ).toEqual(['changes.dibaoMonthlyFen.rural']);
  });
});
