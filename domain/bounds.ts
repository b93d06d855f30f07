import { type DateStr, yearOf } from './calendar';

// What a request may say about money and dates, named once: every amount and date field of every
// request schema takes its bound from here (domain/bounded-fields.ts builds the zod types), so a
// typo such as 1e15 fen or the year 9999 is refused at the door instead of stored for good.

/**
 * Ceilings per kind of amount, in fen: far above any real figure of that kind, low enough that a
 * mistyped amount is refused. `label` names the kind in the refusal users read.
 */
export const FEN_CEILINGS = {
  /** A temporary-aid amount (requested, granted, a stage, 一事一议): the county caps are a few thousand 元. */
  temporaryAid: { max: 10_000_000, label: '临时救助金额' },
  /** A 支出型 household's expense (a hospital bill, say). */
  expense: { max: 100_000_000, label: '支出金额' },
  /** A household's annual income, as a 支出型 case states it. */
  annualIncome: { max: 100_000_000, label: '家庭年收入' },
  /** One member's monthly income: 低保 is about a few hundred 元 a month; more than this is a typo. */
  monthlyIncome: { max: 10_000_000, label: '月收入' },
  /** What a department grants on a referral (专项救助, medical aid included). */
  referralAward: { max: 50_000_000, label: '专项救助金额' },
  /** A 低保 standard per person and month (the highest in the country is under 2,000 元). */
  monthlyStandard: { max: 1_000_000, label: '低保标准' },
} as const;
export type FenKind = keyof typeof FEN_CEILINGS;

/** Fen as 元 for messages: 10000000 → "100,000". */
export const yuanText = (fen: number) => (fen / 100).toLocaleString('en-US', { maximumFractionDigits: 2 });

/** The years a working-day calendar can be loaded for (PUT /api/calendar/:year): event dates lie within them. */
export const CALENDAR_YEARS = { first: 2000, last: 2100 } as const;
/** CALENDAR_YEARS as a pattern, for the OpenAPI document and the first check (test/bounds.test.ts holds them equal). */
export const CALENDAR_YEARS_PATTERN = '(20\\d{2}|2100)';

export interface DateWindow {
  from: DateStr;
  through: DateStr;
}

/** Days something happened or is due on (a visit, a meeting, a payment stage, a postponement, a due-date start). */
export const EVENT_DATES: DateWindow = { from: `${CALENDAR_YEARS.first}-01-01`, through: `${CALENDAR_YEARS.last}-12-31` };

/**
 * Dates rules take effect from (profile bindings, 调标 months). Nothing earlier than the State
 * Council's 《社会救助暂行办法》 (in force 2014-05-01) governs these programs; a standard is decided
 * for the coming years, never decades ahead, so the window ends EFFECTIVE_YEARS_AHEAD years after today's.
 */
export const EFFECTIVE_EARLIEST: DateStr = '2014-05-01';
export const EFFECTIVE_YEARS_AHEAD = 5;

export function effectiveWindow(today: DateStr): DateWindow {
  return { from: EFFECTIVE_EARLIEST, through: `${yearOf(today) + EFFECTIVE_YEARS_AHEAD}-12-31` };
}

/** A `YYYY-MM-DD` date, or a `YYYY-MM` month (its months overlapping the window), within the window. */
export function inWindow(dateOrMonth: string, w: DateWindow): boolean {
  const n = dateOrMonth.length;
  return dateOrMonth >= w.from.slice(0, n) && dateOrMonth <= w.through.slice(0, n);
}
