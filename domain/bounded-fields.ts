import { z } from 'zod';
import { type DateStr, isDateStr, shanghaiDate } from './calendar';
import {
  CALENDAR_YEARS_PATTERN,
  DateWindow,
  EFFECTIVE_EARLIEST,
  EFFECTIVE_YEARS_AHEAD,
  effectiveWindow,
  EVENT_DATES,
  FEN_CEILINGS,
  FenKind,
  inWindow,
  yuanText,
} from './bounds';

// The zod side of domain/bounds.ts: the one money type and the date and month types of every
// request schema. The bounds show in the OpenAPI document as minimum/maximum, patterns and descriptions.

/** The one clock request schemas read (date windows, birth dates): the API's Asia/Shanghai date at parse time; tests pin it with jest's system time. */
export const requestToday = (): DateStr => shanghaiDate(Date.now());

/** An amount in fen: an integer from `min` up to the ceiling of its kind. */
export function fen(kind: FenKind, min: 0 | 1 = 1) {
  const { max, label } = FEN_CEILINGS[kind];
  const range = `${label}应为 ${min}–${max} 分（最多 ${yuanText(max)} 元）`;
  return z
    .number({ error: `${label}应为以分为单位的整数` })
    .int(`${label}以分为单位，应为整数`)
    .min(min, range)
    .max(max, range)
    .meta({ description: `${kind} amount in fen (分), ${min} to ${max} (${yuanText(max)} 元)` });
}

const DATE_RE = new RegExp(`^${CALENDAR_YEARS_PATTERN}-\\d{2}-\\d{2}$`);
const MONTH_RE = new RegExp(`^${CALENDAR_YEARS_PATTERN}-(0[1-9]|1[0-2])$`);
const eventRange = `${EVENT_DATES.from} 至 ${EVENT_DATES.through}`;

/** A day something happened or is due: an existing date within EVENT_DATES. */
export const eventDate = () =>
  z
    .string()
    .regex(DATE_RE, { error: `应为 ${eventRange} 之间的日期（YYYY-MM-DD）`, abort: true })
    .refine(isDateStr, '日期不存在（YYYY-MM-DD）')
    .meta({ description: `a date from ${EVENT_DATES.from} to ${EVENT_DATES.through}` });

/** A month (YYYY-MM) within EVENT_DATES: a payroll period, a roll's month. */
export const eventMonth = () =>
  z
    .string()
    .regex(MONTH_RE, {
      error: `应为 ${EVENT_DATES.from.slice(0, 7)} 至 ${EVENT_DATES.through.slice(0, 7)} 之间的月份（YYYY-MM）`,
      abort: true,
    })
    .meta({ description: `a month YYYY-MM from ${EVENT_DATES.from.slice(0, 7)} to ${EVENT_DATES.through.slice(0, 7)}` });

const effectiveNote = (earliest: string) =>
  `from ${earliest} to the end of the ${EFFECTIVE_YEARS_AHEAD}th year after the current one (Asia/Shanghai)`;

function withinEffective(what: string, value: string, ctx: z.RefinementCtx<string>, show: (w: DateWindow) => string): void {
  const w = effectiveWindow(requestToday());
  if (!inWindow(value, w)) ctx.addIssue({ code: 'custom', message: `${what}应在 ${show(w)} 之间` });
}

/** A date rules take effect from: within effectiveWindow (today's year + EFFECTIVE_YEARS_AHEAD at most). */
export const effectiveDate = () =>
  eventDate()
    .superRefine((d, ctx) => withinEffective('生效日期', d, ctx, (w) => `${w.from} 至 ${w.through}`))
    .meta({ description: `an effective date ${effectiveNote(EFFECTIVE_EARLIEST)}` });

/** A month rules take effect from, within effectiveWindow. */
export const effectiveMonth = () =>
  eventMonth()
    .superRefine((m, ctx) => withinEffective('执行月份', m, ctx, (w) => `${w.from.slice(0, 7)} 至 ${w.through.slice(0, 7)}`))
    .meta({ description: `an effective month YYYY-MM ${effectiveNote(EFFECTIVE_EARLIEST.slice(0, 7))}` });
