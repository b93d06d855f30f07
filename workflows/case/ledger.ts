import type { DateStr } from '../../domain/calendar';
import type { CaseState } from '../../domain/case';
import { SYSTEM } from '../../domain/case';
import { applicationClockStart } from '../../domain/received';
import type { CalendarChange } from '../definitions';
import { entry, replanLedger, Tracked } from '../shared/ledger';
import type { CaseContext } from './context';

/** The day the application time limit runs from: the received date (收件日期) when one was entered. */
export const limitStart = (s: CaseState): DateStr => applicationClockStart(s);

/** The application phase's deadlines: the time limit (with its extension), each notice round, the decision notice. */
export function caseTracked(ctx: CaseContext): Tracked[] {
  const s = ctx.state;
  const t = ctx.profile.timeLimits;
  const today = ctx.today();
  const out: Tracked[] = [
    {
      spec: {
        key: 'application',
        kind: 'application',
        start: entry(s.ledger!, 'application')?.start ?? limitStart(s),
        unit: 'workingDays',
        amount: s.deadline.workingDays,
        warnBefore: t.warnWorkingDaysBefore.value,
      },
      due: s.deadline.dueDate,
      warnOn: s.deadline.warnOn,
      open: s.decision === null,
      closedOn: s.decision?.decidedOn,
    },
  ];
  for (const n of s.notices) {
    out.push({
      spec: {
        key: `notice-${n.round}`,
        kind: 'public_notice',
        start: n.startsOn,
        unit: 'calendarDays',
        amount: ctx.profile.publicNoticeDays.value,
        warnBefore: null,
      },
      due: n.endsOn,
      open: n.status === 'posted' && s.stage === 'public_notice',
      closedOn: today,
    });
  }
  if (s.decision) {
    // The notice is issued with the decision, so its entry closes the day it opens.
    out.push({
      spec: {
        key: 'decision-notice',
        kind: 'decision_notice',
        start: s.decision.decidedOn,
        unit: 'workingDays',
        amount: t.rejectionNoticeWorkingDays.value,
        warnBefore: null,
      },
      due: s.decision.noticeDueBy,
      open: false,
      closedOn: s.decision.decidedOn,
    });
  }
  return out;
}

/** A calendar change: the ledger is re-planned and a moved time limit re-arms the SLA timers. */
export async function replanCase(ctx: CaseContext, u: CalendarChange): Promise<void> {
  const s = ctx.state;
  if (!s.ledger) return;
  const today = ctx.today();
  const r = await replanLedger(s.ledger, u, today, ctx.calendarOf);
  if (!r) return;
  s.ledger = r.ledger;
  const app = entry(r.ledger, 'application')!;
  if (r.changed.some((c) => c.key === 'application')) {
    s.deadline = {
      ...s.deadline,
      dueDate: app.due,
      warnOn: app.warnOn ?? app.due,
      provisional: app.provisional,
      provisionalYears: app.provisionalYears,
    };
    if (s.sla === 'warning' && s.deadline.warnOn > today) s.sla = 'on_time';
    ctx.deadlineVersion += 1;
  }
  await ctx.persist('deadlines_replanned', SYSTEM, r.reason, { years: r.years, loadedBy: u.by ?? null, changes: r.changed });
}
