import { setHandler } from '@temporalio/workflow';
import { refusingBadText } from '../shared/text-guard';
import { appealRights } from '../../domain/appeal';
import { shanghaiDate } from '../../domain/calendar';
import type { Actor } from '../../domain/case';
import { SYSTEM } from '../../domain/case';
import { terminationNoticeText } from '../../domain/notices';
import { monthOf } from '../../domain/payments';
import { decideTerminationObjection, fileTerminationObjection, TerminationDecision, TerminationObjection } from '../definitions';
import { acts } from '../shared/activities';
import type { BenefitContext } from './context';
import { invalid, requireBenefitStage, requireMayActOnBenefit } from './guards';
import { scheduleNext } from './schedule';

const DAY_MS = 86_400_000;

/** 终止: a notice with reasons and appeal rights; payments stop from the month after it takes effect. */
export async function startTermination(ctx: BenefitContext, reasons: string[], by: Actor): Promise<void> {
  const s = ctx.state;
  const b = ctx.profile.benefit!;
  const now = ctx.clock.now();
  const endsAt = now + b.terminationNoticeDays.value * DAY_MS;
  const startsOn = shanghaiDate(now);
  const appeal = appealRights(ctx.profile, startsOn);
  s.termination = {
    reasons,
    noticeStartsOn: startsOn,
    noticeEndsAtMs: endsAt,
    noticeEndsOn: shanghaiDate(endsAt),
    objection: null,
    decision: null,
    appeal: {
      reconsiderationDeadline: appeal.reconsideration.deadline,
      litigationDeadline: appeal.litigation.deadline,
      body: appeal.reconsideration.body,
    },
  };
  s.stage = 'terminating';
  const text = terminationNoticeText({
    caseId: s.caseId,
    app: s.application,
    reasons,
    startsOn,
    endsOn: s.termination.noticeEndsOn,
    appeal,
  });
  await ctx.persist('termination_notice_posted', by, reasons.join('；'), { noticeEndsOn: s.termination.noticeEndsOn }, [
    {
      noticeId: `${s.caseId}-T${s.reviews.length}`,
      caseId: s.caseId,
      kind: 'termination_notice',
      status: 'posted',
      startsOn,
      endsOn: s.termination.noticeEndsOn,
      ...text,
      data: { reasons },
    },
  ]);
}

export async function finishTermination(ctx: BenefitContext, by: Actor, reason: string): Promise<void> {
  const s = ctx.state;
  const today = ctx.today();
  Object.assign(s, { stage: 'terminated', endedOn: today, endReason: reason, paidThrough: monthOf(today), sla: 'met', review: null });
  await ctx.persist('case_terminated', by, reason, { paidThrough: s.paidThrough, reasons: s.termination?.reasons });
}

/** The notice ran out with no objection. */
export const terminationNoticeEnded = (ctx: BenefitContext) => finishTermination(ctx, SYSTEM, '终止告知期满无异议，自次月起停发');

export function registerTerminationHandlers(ctx: BenefitContext): void {
  const checkObjection = (a: TerminationObjection) => {
    requireBenefitStage(ctx, ['terminating'], 'an objection to the termination');
    requireMayActOnBenefit(ctx, a.actor);
  };
  setHandler(
    fileTerminationObjection,
    (a) =>
      ctx.lock.run(async () => {
        checkObjection(a);
        const s = ctx.state;
        const today = ctx.today();
        const dl = await acts.computeDeadline({
          from: today,
          workingDays: ctx.profile.benefit!.objectionDecisionWorkingDays.value,
          warnWorkingDaysBefore: 1,
        });
        s.termination!.objection = { objector: a.objector, reason: a.reason, on: today, decisionDue: dl.dueDate, by: a.actor };
        s.stage = 'termination_objection';
        await ctx.persist('termination_objection_filed', a.actor, a.reason, { objector: a.objector, decisionDue: dl.dueDate });
        return s;
      }),
    { validator: refusingBadText(checkObjection) },
  );

  const checkDecision = (a: TerminationDecision) => {
    requireBenefitStage(ctx, ['termination_objection'], 'deciding on the objection');
    requireMayActOnBenefit(ctx, a.actor);
    if (a.reasons.length === 0) throw invalid('the decision on an objection needs written reasons');
  };
  setHandler(
    decideTerminationObjection,
    (a) =>
      ctx.lock.run(async () => {
        checkDecision(a);
        const s = ctx.state;
        s.termination!.decision = { outcome: a.outcome, reasons: a.reasons, on: ctx.today(), by: a.actor };
        if (a.outcome === 'uphold') {
          await finishTermination(ctx, a.actor, `异议不成立，终止保障：${a.reasons.join('；')}`);
          return s;
        }
        s.stage = s.gradualExit && !s.gradualExit.returnedOn ? 'gradual_exit' : 'in_benefit';
        s.sla = 'on_time';
        await scheduleNext(ctx, ctx.today());
        await ctx.persist('termination_revoked', a.actor, a.reasons.join('；'), { nextReviewOn: s.review?.opensOn ?? null });
        ctx.cycleDone = true;
        return s;
      }),
    { validator: refusingBadText(checkDecision) },
  );
}
