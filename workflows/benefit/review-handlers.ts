import { setHandler } from '@temporalio/workflow';
import { refusingBadText } from '../shared/text-guard';
import { assess } from '../../domain/amounts';
import type { BenefitState } from '../../domain/benefit';
import { addMonths } from '../../domain/calendar';
import { monthOf, nextMonth } from '../../domain/payments';
import {
  AssignmentInput,
  assignCase,
  ChangeReport,
  PostponeInput,
  postponeReview,
  recordReview,
  reportChange,
  ReviewInput,
} from '../definitions';
import { acts } from '../shared/activities';
import type { BenefitContext } from './context';
import { invalid, requireBenefitStage, requireMayActOnBenefit } from './guards';
import { openAdHocReview, scheduleNext } from './schedule';
import { startTermination } from './termination';

const exitRunning = (s: BenefitState) => s.gradualExit !== null && s.gradualExit.returnedOn === null;

function checkReview(ctx: BenefitContext, a: ReviewInput): void {
  requireBenefitStage(ctx, ['reviewing'], 'recording a review');
  requireMayActOnBenefit(ctx, a.actor);
  if ((a.result === 'adjust' || a.result === 'gradual_exit') && !a.members)
    throw invalid(`${a.result} needs the household as the review found it (members)`);
  if (a.result === 'terminate' && a.reasons.length === 0) throw invalid('a termination needs written reasons');
  if (a.result === 'gradual_exit') {
    if (ctx.state.program === 'tekun') throw invalid('特困 support has no gradual exit');
    const m = a.members?.find((x) => x.idNumber === a.employedMemberIdNumber);
    if (!m || m.monthlyIncomeFen === 0) throw invalid('a gradual exit names the employed member (employedMemberIdNumber) and their income');
  }
}

async function applyReview(ctx: BenefitContext, a: ReviewInput): Promise<void> {
  const s = ctx.state;
  const today = ctx.today();
  const found = a.members ? { ...s.application, members: a.members } : s.application;
  const assessment = assess(found, ctx.profile, today);
  const data: Record<string, unknown> = { result: a.result, cycle: s.review!.cycle };
  if (a.result === 'adjust' || (a.result === 'continue' && exitRunning(s) && a.members)) {
    if (!assessment.eligible)
      throw invalid(`the household is above the standard (${assessment.reasons.join('；')}): record gradual_exit or terminate`);
    if (a.result === 'continue') s.gradualExit = { ...s.gradualExit!, returnedOn: today };
    if (assessment.monthlyAmountFen !== s.monthlyAmountFen) {
      s.monthlyAmountFen = assessment.monthlyAmountFen;
      const from = nextMonth(monthOf(today));
      // A change already set for that month (a 调标 from next month) is replaced: amounts are keyed by month.
      if (s.amounts.some((x) => x.fromMonth === from)) s.amounts = s.amounts.filter((x) => x.fromMonth !== from);
      s.amounts.push({
        fromMonth: from,
        amountFen: assessment.monthlyAmountFen,
        reason: `复核（第${s.review!.cycle}次）`,
      });
      data.newAmountFen = assessment.monthlyAmountFen;
    }
  }
  if (a.result === 'gradual_exit') {
    if (assessment.eligible) throw invalid('the household is still below the standard: record continue or adjust');
    const months = ctx.profile.benefit!.gradualExitMonths.value;
    s.gradualExit = { startedOn: today, endsOn: addMonths(today, months), months, returnedOn: null };
    data.exitEndsOn = s.gradualExit.endsOn;
  }
  s.application = found;
  if (a.category) s.category = a.category;
  const review = s.review!;
  Object.assign(review, { completedOn: today, result: a.result, reasons: a.reasons, by: a.actor });
  s.reviews.push({ ...review });
  s.sla = 'on_time';
  if (a.result === 'terminate') {
    await ctx.persist('review_completed', a.actor, a.reasons.join('；'), data);
    return startTermination(ctx, a.reasons, a.actor);
  }
  s.stage = exitRunning(s) ? 'gradual_exit' : 'in_benefit';
  await scheduleNext(ctx, review.opensOn > today ? review.opensOn : today);
  data.nextReviewOn = s.review?.opensOn ?? null;
  await ctx.persist('review_completed', a.actor, a.reasons.join('；') || '复核：情况无变化，继续保障', data);
  ctx.cycleDone = true;
}

export function registerReviewHandlers(ctx: BenefitContext): void {
  const run = <A>(check: (a: A) => void, apply: (a: A) => Promise<void>) => ({
    validator: refusingBadText(check),
    handler: (a: A) =>
      ctx.lock.run(async () => {
        check(a);
        await apply(a);
        return ctx.state;
      }),
  });

  const review = run<ReviewInput>(
    (a) => checkReview(ctx, a),
    (a) => applyReview(ctx, a),
  );
  setHandler(recordReview, review.handler, { validator: review.validator });

  const postpone = run<PostponeInput>(
    (a) => {
      requireBenefitStage(ctx, ['in_benefit', 'gradual_exit', 'reviewing'], 'postponing a review');
      requireMayActOnBenefit(ctx, a.actor);
      if (!ctx.state.review) throw invalid('no review is scheduled');
      if (a.until <= ctx.today() || a.until <= ctx.state.review.opensOn)
        throw invalid(`postpone to a date after ${ctx.state.review.opensOn} and after today`);
    },
    async (a) => {
      const s = ctx.state;
      const r = s.review!;
      const dl = await acts.computeDeadline({
        from: a.until,
        workingDays: ctx.profile.benefit!.reviewWorkingDays.value,
        warnWorkingDaysBefore: 1,
      });
      r.postponed.push({ to: a.until, reason: a.reason, by: a.actor });
      Object.assign(r, { opensOn: a.until, dueDate: dl.dueDate, overdue: false });
      if (s.stage === 'reviewing') s.stage = exitRunning(s) ? 'gradual_exit' : 'in_benefit';
      s.sla = 'on_time';
      await ctx.persist('review_postponed', a.actor, a.reason, { until: a.until, dueDate: dl.dueDate });
    },
  );
  setHandler(postponeReview, postpone.handler, { validator: postpone.validator });

  const change = run<ChangeReport>(
    (a) => {
      requireBenefitStage(ctx, ['in_benefit', 'gradual_exit', 'reviewing'], 'reporting a change');
      requireMayActOnBenefit(ctx, a.actor);
    },
    async (a) => {
      const s = ctx.state;
      if (s.stage === 'reviewing') {
        s.review!.basis += `；${a.kind}: ${a.details}`;
        return ctx.persist('change_reported', a.actor, a.details, { kind: a.kind, reviewOpen: true });
      }
      s.review = await openAdHocReview(ctx, a.kind, a.details);
      s.stage = 'reviewing';
      await ctx.persist('review_opened', a.actor, `重大变化报告：${a.details}`, {
        kind: 'ad_hoc',
        change: a.kind,
        dueDate: s.review.dueDate,
      });
    },
  );
  setHandler(reportChange, change.handler, { validator: change.validator });

  const assign = run<AssignmentInput>(
    (a) => {
      requireBenefitStage(ctx, ['in_benefit', 'gradual_exit', 'reviewing', 'terminating', 'termination_objection'], 'reassigning the case');
      requireMayActOnBenefit(ctx, a.actor);
      if (a.clerkId === ctx.state.application.staffRelation?.staffId)
        throw invalid(`${a.clerkId} is related to the applicant and cannot handle this case`);
      if (a.clerkId === ctx.state.assignee) throw invalid(`the case is already assigned to ${a.clerkId}`);
    },
    async (a) => {
      const previous = ctx.state.assignee;
      ctx.state.assignee = a.clerkId;
      await ctx.persist('case_reassigned', a.actor, a.reason, { from: previous, to: a.clerkId });
    },
  );
  setHandler(assignCase, assign.handler, { validator: assign.validator });
}
