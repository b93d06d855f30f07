import { setHandler } from '@temporalio/workflow';
import { refusingBadText } from '../shared/text-guard';
import type { Actor, CaseState } from '../../domain/case';
import { applicationClockStart } from '../../domain/received';
import {
  DataMatchObjection,
  DataMatchRecheck,
  DemocraticReviewInput,
  fileNoticeObjection,
  HomeVisitInput,
  NoticeObjectionInput,
  objectToDataMatch,
  recordDataMatchRecheck,
  recordDemocraticReview,
  recordHomeVisit,
} from '../definitions';
import { CaseContext, invalid, requireMayAct, requireStage } from './context';
import { advance, noticeRecord } from './progress';

/** Validator and handler share the checks; the handler repeats them after waiting for the lock. */
function guarded<A extends { actor: Actor }>(ctx: CaseContext, check: (a: A) => void, apply: (a: A) => Promise<void>) {
  const checkAll = (a: A) => {
    check(a);
    requireMayAct(ctx, a.actor);
  };
  return {
    validator: refusingBadText(checkAll),
    handler: (a: A): Promise<CaseState> =>
      ctx.lock.run(async () => {
        checkAll(a);
        await apply(a);
        await advance(ctx);
        return ctx.state;
      }),
  };
}

export function registerInvestigationHandlers(ctx: CaseContext): void {
  const objection = guarded<DataMatchObjection>(
    ctx,
    () => {
      requireStage(ctx, ['investigating', 'deciding'], 'an objection to the data match');
      if (ctx.state.dataMatch.status !== 'failed')
        throw invalid(`the data match is ${ctx.state.dataMatch.status}; only a failed match can be objected to`);
    },
    async (a) => {
      const s = ctx.state;
      s.dataMatch.status = 'objected';
      s.dataMatch.objection = { reason: a.reason, evidence: a.evidence, by: a.actor, on: ctx.today() };
      s.disputed = true;
      s.disputeReasons.push(`申请人对核对结果提出异议：${a.reason}`);
      s.stage = 'investigating';
      await ctx.persist('data_match_objected', a.actor, a.reason, { evidence: a.evidence });
    },
  );
  setHandler(objectToDataMatch, objection.handler, { validator: objection.validator });

  const recheck = guarded<DataMatchRecheck>(
    ctx,
    () => {
      requireStage(ctx, ['investigating'], 'recording the data-match recheck');
      if (ctx.state.dataMatch.status !== 'objected') throw invalid('there is no objection to the data match awaiting a recheck');
    },
    async (a) => {
      const dm = ctx.state.dataMatch;
      dm.status = a.outcome;
      dm.recheck = { outcome: a.outcome, note: a.note, by: a.actor, on: ctx.today() };
      await ctx.persist('data_match_rechecked', a.actor, a.note, { outcome: a.outcome });
    },
  );
  setHandler(recordDataMatchRecheck, recheck.handler, { validator: recheck.validator });

  const visit = guarded<HomeVisitInput>(
    ctx,
    (a) => {
      requireStage(ctx, ['investigating'], 'recording a home visit');
      const [x, y] = a.investigators;
      if (x.trim() === y.trim()) throw invalid('a home visit needs two different investigators');
      if (a.visitedOn > ctx.today()) throw invalid(`visitedOn ${a.visitedOn} is in the future`);
      // Steps on or after the day the application was received count (收件日期, else acceptance).
      const since = applicationClockStart(ctx.state);
      if (a.visitedOn < since)
        throw invalid(
          `visitedOn ${a.visitedOn} is before the application was ${ctx.state.receivedOn ? 'received' : 'accepted'} on ${since}`,
        );
    },
    async (a) => {
      const s = ctx.state;
      const { actor, ...visit } = a;
      s.homeVisits.push({ ...visit, by: actor });
      if (a.disputed) {
        s.disputed = true;
        s.disputeReasons.push(`入户调查存在争议：${a.disputeReason ?? '未说明'}`);
      }
      const reinvestigation = s.reinvestigationPending;
      s.reinvestigationPending = false;
      await ctx.persist('home_visit_recorded', actor, a.findings, {
        investigators: a.investigators,
        visitedOn: a.visitedOn,
        recommendation: a.recommendation,
        disputed: a.disputed,
        reinvestigation,
      });
    },
  );
  setHandler(recordHomeVisit, visit.handler, { validator: visit.validator });

  const review = guarded<DemocraticReviewInput>(
    ctx,
    (a) => {
      requireStage(ctx, ['democratic_review'], 'recording a democratic review');
      if (a.heldOn > ctx.today()) throw invalid(`heldOn ${a.heldOn} is in the future`);
    },
    async (a) => {
      const s = ctx.state;
      const { actor, ...record } = a;
      s.democraticReview = { status: 'held', reason: s.democraticReview.reason, record: { ...record, by: actor } };
      await ctx.persist('democratic_review_held', actor, a.minutes, { heldOn: a.heldOn, participants: a.participants, outcome: a.outcome });
    },
  );
  setHandler(recordDemocraticReview, review.handler, { validator: review.validator });

  const noticeObjection = guarded<NoticeObjectionInput>(
    ctx,
    () => {
      requireStage(ctx, ['public_notice'], 'an objection to the public notice');
    },
    async (a) => {
      const s = ctx.state;
      const round = s.notices[s.notices.length - 1];
      round.status = 'objected';
      round.objection = { objector: a.objector, reason: a.reason, route: a.route, by: a.actor, on: ctx.today() };
      s.disputed = true;
      s.disputeReasons.push(`公示期间异议：${a.reason}`);
      if (a.route === 'reinvestigate') {
        s.stage = 'investigating';
        s.reinvestigationPending = true;
      } else {
        s.stage = 'democratic_review';
        s.democraticReview = { status: 'pending', reason: `公示期间异议：${a.reason}`, record: null };
      }
      const next = a.route === 'reinvestigate' ? '重新调查' : '民主评议';
      await ctx.persist('notice_objection_filed', a.actor, a.reason, { noticeId: round.noticeId, route: a.route, next }, [
        noticeRecord(ctx, round),
      ]);
    },
  );
  setHandler(fileNoticeObjection, noticeObjection.handler, { validator: noticeObjection.validator });
}
