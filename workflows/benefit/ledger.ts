import { endedStages, ReviewRecord } from '../../domain/benefit';
import type { EntrySpec } from '../../domain/deadline-ledger';
import { SYSTEM } from '../../domain/case';
import type { CalendarChange } from '../definitions';
import { replanLedger, Tracked } from '../shared/ledger';
import type { BenefitContext } from './context';

/** A review's deadline: a member's death gives months, anything else the profile's working days. */
function reviewSpec(ctx: BenefitContext, r: ReviewRecord): EntrySpec {
  const b = ctx.profile.benefit!;
  const death = r.kind === 'ad_hoc' && r.basis.startsWith('death');
  return {
    key: `review-${r.cycle}`,
    kind: 'review',
    start: r.opensOn,
    unit: death ? 'months' : 'workingDays',
    amount: death ? b.deathReviewMonths.value : b.reviewWorkingDays.value,
    warnBefore: null,
  };
}

/** The benefit period's deadlines: reviews, the termination notice, an objection's decision, the gradual exit. */
export function benefitTracked(ctx: BenefitContext): Tracked[] {
  const s = ctx.state;
  const b = ctx.profile.benefit!;
  const today = ctx.today();
  const live = !endedStages.includes(s.stage);
  const out: Tracked[] = s.reviews.map((r) => ({
    spec: reviewSpec(ctx, r),
    due: r.dueDate,
    open: false,
    closedOn: r.completedOn ?? today,
  }));
  if (s.review) out.push({ spec: reviewSpec(ctx, s.review), due: s.review.dueDate, open: live && !s.review.completedOn });
  const t = s.termination;
  if (t) {
    out.push({
      spec: {
        key: `termination-notice-${t.noticeStartsOn}`,
        kind: 'termination_notice',
        start: t.noticeStartsOn,
        unit: 'calendarDays',
        amount: b.terminationNoticeDays.value,
        warnBefore: null,
      },
      due: t.noticeEndsOn,
      open: s.stage === 'terminating',
    });
    if (t.objection) {
      out.push({
        spec: {
          key: `objection-${t.objection.on}`,
          kind: 'objection_decision',
          start: t.objection.on,
          unit: 'workingDays',
          amount: b.objectionDecisionWorkingDays.value,
          warnBefore: null,
        },
        due: t.objection.decisionDue,
        open: s.stage === 'termination_objection',
      });
    }
  }
  const g = s.gradualExit;
  if (g) {
    out.push({
      spec: {
        key: `gradual-exit-${g.startedOn}`,
        kind: 'gradual_exit',
        start: g.startedOn,
        unit: 'months',
        amount: g.months,
        warnBefore: null,
      },
      due: g.endsOn,
      open: live && !g.returnedOn,
      closedOn: g.returnedOn ?? s.endedOn ?? today,
    });
  }
  return out;
}

/** A calendar change moves an open review's or objection's due date; the main loop re-arms on the new version. */
export async function replanBenefit(ctx: BenefitContext, u: CalendarChange): Promise<void> {
  const s = ctx.state;
  if (!s?.ledger) return;
  const r = await replanLedger(s.ledger, u, ctx.today());
  if (!r) return;
  s.ledger = r.ledger;
  for (const c of r.changed) {
    if (s.review && c.key === `review-${s.review.cycle}`) s.review.dueDate = c.newDue;
    const o = s.termination?.objection;
    if (o && c.key === `objection-${o.on}`) o.decisionDue = c.newDue;
  }
  await ctx.persist('deadlines_replanned', SYSTEM, r.reason, { years: r.years, loadedBy: u.by ?? null, changes: r.changed });
}
