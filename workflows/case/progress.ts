import type { NoticeRecord } from '../../db/notice-repo';
import { assess } from '../../domain/amounts';
import { shanghaiDate } from '../../domain/calendar';
import { CaseState, NoticeRound, SYSTEM } from '../../domain/case';
import { publicNoticeText } from '../../domain/notices';
import type { CaseContext } from './context';

const DAY_MS = 86_400_000;

function investigationDone(s: CaseState): boolean {
  const matched = ['passed', 'failed', 'cleared', 'confirmed'].includes(s.dataMatch.status);
  return matched && s.homeVisits.length > 0 && !s.reinvestigationPending;
}

export function noticeRecord(ctx: CaseContext, round: NoticeRound): NoticeRecord {
  const s = ctx.state;
  const text = publicNoticeText({ caseId: s.caseId, app: s.application, ...round });
  return {
    noticeId: round.noticeId,
    caseId: s.caseId,
    kind: 'public_notice',
    status: round.status,
    startsOn: round.startsOn,
    endsOn: round.endsOn,
    ...text,
    data: { round: round.round, objection: round.objection },
  };
}

/** Moves the case on by itself after a human step, as far as the rules allow without one. */
export async function advance(ctx: CaseContext): Promise<void> {
  const s = ctx.state;
  if (s.stage === 'investigating' && investigationDone(s)) {
    const afterNotice = s.notices.length > 0;
    if (!afterNotice && s.disputed && s.democraticReview.status !== 'held') {
      s.stage = 'democratic_review';
      s.democraticReview = { status: 'pending', reason: s.disputeReasons.join('；'), record: null };
      await ctx.persist('democratic_review_required', SYSTEM, `存在争议，须民主评议：${s.democraticReview.reason}`);
      return;
    }
    if (s.democraticReview.status === 'undetermined') {
      s.democraticReview = { status: 'not_needed', reason: '无争议：核对与入户调查均无异议，依规不进行民主评议', record: null };
      await ctx.persist('democratic_review_skipped', SYSTEM, s.democraticReview.reason);
    }
    return preliminaryOpinion(ctx);
  }
  if (s.stage === 'democratic_review' && s.democraticReview.status === 'held') return preliminaryOpinion(ctx);
}

/** 初审意见: a proposed approval goes to public notice; a proposed rejection goes to the approver. */
async function preliminaryOpinion(ctx: CaseContext): Promise<void> {
  const s = ctx.state;
  const assessment = assess(s.application, ctx.profile, ctx.today());
  s.assessment = assessment;
  const reasons = [...assessment.reasons];
  if (!['passed', 'cleared'].includes(s.dataMatch.status)) reasons.push('家庭经济状况核对未通过');
  if (s.homeVisits[s.homeVisits.length - 1].recommendation === 'ineligible') reasons.push('入户调查认为不符合条件');
  if (s.democraticReview.record?.outcome === 'oppose') reasons.push('民主评议未通过');
  if (reasons.length === 0) return postNotice(ctx);
  s.stage = 'deciding';
  await ctx.persist('preliminary_opinion', SYSTEM, `初审意见：不符合条件（${reasons.join('；')}），报审核确认机关决定`, {
    proposed: 'reject',
    reasons,
  });
}

async function postNotice(ctx: CaseContext): Promise<void> {
  const s = ctx.state;
  const days = ctx.profile.publicNoticeDays.value;
  const now = ctx.clock.now();
  const round: NoticeRound = {
    noticeId: `${s.caseId}-N${s.notices.length + 1}`,
    round: s.notices.length + 1,
    startsOn: shanghaiDate(now),
    endsOn: shanghaiDate(now + days * DAY_MS),
    endsAtMs: now + days * DAY_MS,
    monthlyAmountFen: s.assessment?.monthlyAmountFen ?? 0,
    status: 'posted',
    objection: null,
  };
  s.notices.push(round);
  s.stage = 'public_notice';
  await ctx.persist(
    'public_notice_posted',
    SYSTEM,
    `初审意见：拟批准，公示${days}日`,
    {
      noticeId: round.noticeId,
      startsOn: round.startsOn,
      endsOn: round.endsOn,
      monthlyAmountFen: round.monthlyAmountFen,
    },
    [noticeRecord(ctx, round)],
  );
}

export async function completeNotice(ctx: CaseContext, round: NoticeRound): Promise<void> {
  const s = ctx.state;
  if (s.stage !== 'public_notice' || round.status !== 'posted') return;
  round.status = 'completed';
  s.stage = 'deciding';
  await ctx.persist('public_notice_completed', SYSTEM, '公示期满无异议，报审核确认', { noticeId: round.noticeId }, [
    noticeRecord(ctx, round),
  ]);
}
