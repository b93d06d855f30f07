import { setHandler } from '@temporalio/workflow';
import { REFERRAL_KIND_NAMES } from '../../domain/referral-kinds';
import { failure } from '../case/context';
import { FailureTypes } from '../definitions';
import type { ReferralContext } from './context';
import { FeedbackInput, recordReferralFeedback } from './definitions';

function check(ctx: ReferralContext, a: FeedbackInput): void {
  if (!ctx.ready) throw failure(FailureTypes.wrongStage, `referral ${ctx.input.referralId} is still being registered; try again shortly`);
  const s = ctx.state;
  if (s.feedback)
    throw failure(FailureTypes.wrongStage, `referral ${s.referralId} was already answered on ${s.feedback.on} (${s.feedback.outcome})`);
  // The API validates the body; these hold even for a caller that bypasses it.
  if (a.outcome === 'accepted' && a.amountFen === undefined && !a.service)
    throw failure(FailureTypes.invalid, 'an accepted referral names the amount (fen) or the service given');
  if (a.outcome === 'refused' && !a.reason?.trim()) throw failure(FailureTypes.invalid, 'a refusal gives its reason');
}

/** 反馈: the department's answer, recorded at the window; a late answer is still recorded, marked late. */
export function registerFeedbackHandler(ctx: ReferralContext): void {
  setHandler(
    recordReferralFeedback,
    (a) =>
      ctx.lock.run(async () => {
        check(ctx, a);
        const s = ctx.state;
        const { actor, ...feedback } = a;
        const late = s.sla === 'breached';
        s.feedback = { ...feedback, on: ctx.today(), by: actor, late };
        s.stage = 'answered';
        if (!late) s.sla = 'met';
        const what =
          a.outcome === 'accepted'
            ? `${s.department.name}受理${REFERRAL_KIND_NAMES[s.request.kind]}：${a.service ?? ''}${a.amountFen !== undefined ? `（金额${a.amountFen}分）` : ''}`
            : `${s.department.name}不予受理：${a.reason}`;
        await ctx.persist('referral_answered', actor, what, {
          outcome: a.outcome,
          amountFen: a.outcome === 'accepted' ? (a.amountFen ?? null) : null,
          late,
        });
        return s;
      }),
    { validator: (a) => check(ctx, a) },
  );
}
