import { setHandler } from '@temporalio/workflow';
import { refusingBadText } from '../shared/text-guard';
import type { TemporaryStage } from '../../domain/temporary';
import { expenseEligible } from '../../domain/temporary-eligibility';
import type { Actor } from '../../domain/case';
import {
  cancelRemainingStages,
  decideTemporary,
  FailureTypes,
  filePaperwork,
  PaperworkInput,
  recordReferral,
  recordVerification,
  TemporaryDecision,
} from '../definitions';
import { failure } from '../case/context';
import { appealRights } from '../../domain/appeal';
import type { TemporaryContext } from './context';

const invalid = (m: string) => failure(FailureTypes.invalid, m);

function requireTemporaryStage(ctx: TemporaryContext, allowed: TemporaryStage[], action: string, actor: Actor): void {
  if (!ctx.ready) throw failure(FailureTypes.wrongStage, `case ${ctx.input.caseId} is still being registered; try again shortly`);
  if (!allowed.includes(ctx.state.stage)) {
    throw failure(
      FailureTypes.wrongStage,
      `${action} is possible only in stage ${allowed.join(' or ')}; case ${ctx.state.caseId} is in stage ${ctx.state.stage}`,
    );
  }
  if (actor.role === 'clerk' && actor.id !== ctx.state.acceptedBy.id) {
    throw failure(FailureTypes.forbidden, `case ${ctx.state.caseId} is handled by ${ctx.state.acceptedBy.id}`);
  }
}

function checkDecision(ctx: TemporaryContext, a: TemporaryDecision): void {
  requireTemporaryStage(ctx, ['deciding'], 'a decision on temporary assistance', a.actor);
  if (a.outcome === 'refuse' && a.reasons.length === 0) throw invalid('a refusal needs written reasons');
  if (a.outcome !== 'approve') return;
  const s = ctx.state;
  if (s.kind === 'expense') {
    if (s.verification && !s.verification.eligible) {
      throw failure(
        FailureTypes.notEligible,
        `per-capita income ${s.verification.perCapitaAnnualIncomeFen} fen is not below last year's average disposable income ${s.verification.thresholdFen} fen: refuse, or mark the case special for 一事一议`,
      );
    }
    if (!a.stages?.length) throw invalid('an expense-driven grant is paid in stages: give stages [{dueOn, amountFen}]');
    if (a.stages.some((x) => x.dueOn < ctx.today())) throw invalid('stage dates cannot lie in the past');
    if ([...a.stages].sort((x, y) => x.dueOn.localeCompare(y.dueOn)).some((x, i) => x !== a.stages![i]))
      throw invalid('list the stages in date order');
  } else {
    const floor = ctx.profile.standards.dibaoMonthlyFen.rural.value;
    if (!a.amountFen || a.amountFen < floor)
      throw invalid(`the one-time aid must not be below the local rural 低保 monthly standard (${floor} fen)`);
  }
}

/** Refusal, or a grant: paid now, planned in stages, or (above the cap / special) sent to 一事一议. */
async function applyDecision(ctx: TemporaryContext, a: TemporaryDecision): Promise<void> {
  const s = ctx.state;
  if (a.outcome === 'refuse') return refuse(ctx, a.reasons, a.actor);
  const total = s.kind === 'expense' ? a.stages!.reduce((sum, x) => sum + x.amountFen, 0) : a.amountFen!;
  if (s.kind === 'expense')
    s.payments = a.stages!.map((x, i) => ({ stage: i + 1, dueOn: x.dueOn, amountFen: x.amountFen, status: 'scheduled', paidOn: null }));
  if (total > ctx.rules.countyCapFen.value || s.aid.special) {
    ctx.pendingDeliberation = {
      requestedFen: total,
      reasons: s.aid.special ? (s.aid.specialReason ?? '特殊个案') : `金额${total}分超过县级审批额度${ctx.rules.countyCapFen.value}分`,
    };
    s.stage = 'deliberating';
    return ctx.persist('temporary_approved', a.actor, a.reasons.join('；') || '拟予救助，报一事一议', {
      totalFen: total,
      deliberation: true,
    });
  }
  if (s.kind === 'expense') {
    s.stage = 'paying';
    return ctx.persist('temporary_approved', a.actor, a.reasons.join('；') || '一次审批、分阶段救助', {
      totalFen: total,
      stages: s.payments,
    });
  }
  s.stage = 'closed';
  await ctx.pay(total, 'temporary_paid', a.actor, a.reasons.join('；') || '一次性临时救助');
}

export async function refuse(ctx: TemporaryContext, reasons: string[], by: Actor): Promise<void> {
  const s = ctx.state;
  const today = ctx.today();
  s.refusal = { reasons, appeal: appealRights(ctx.profile, today), on: today };
  s.stage = 'refused';
  s.payments.filter((p) => p.status === 'scheduled').forEach((p) => (p.status = 'cancelled'));
  await ctx.persist('temporary_refused', by, reasons.join('；'), { appeal: s.refusal.appeal });
}

export function registerTemporaryHandlers(ctx: TemporaryContext): void {
  const run = <A extends { actor: Actor }>(check: (a: A) => void, apply: (a: A) => Promise<void>) => ({
    validator: refusingBadText(check),
    handler: (a: A) =>
      ctx.lock.run(async () => {
        check(a);
        await apply(a);
        return ctx.state;
      }),
  });

  const paperwork = run<PaperworkInput>(
    (a) => {
      requireTemporaryStage(ctx, ['paperwork_due'], 'filing the paperwork (事后补充说明)', a.actor);
      if (a.signatures.length === 0) throw invalid("the paperwork carries the recipient's and the handlers' signatures");
    },
    async (a) => {
      const s = ctx.state;
      s.paperwork!.filed = { on: ctx.today(), circumstances: a.circumstances, signatures: a.signatures, by: a.actor };
      s.stage = 'closed';
      if (s.sla !== 'breached') s.sla = 'met';
      await ctx.persist('paperwork_filed', a.actor, a.circumstances, { signatures: a.signatures, late: s.sla === 'breached' });
    },
  );
  setHandler(filePaperwork, paperwork.handler, { validator: paperwork.validator });

  const referral = run<{ caseId: string; actor: Actor }>(
    (a) => {
      requireTemporaryStage(ctx, ['paperwork_due', 'paying', 'deliberating', 'verifying', 'deciding'], 'a referral (摆渡)', a.actor);
    },
    async (a) => {
      ctx.state.referral = { caseId: a.caseId, on: ctx.today(), by: a.actor };
      await ctx.persist('referred', a.actor, `转介申请低保/特困（摆渡）：${a.caseId}`, { caseId: a.caseId });
    },
  );
  setHandler(recordReferral, referral.handler, { validator: referral.validator });

  const verification = run<{ findings: string; actor: Actor }>(
    (a) => {
      requireTemporaryStage(ctx, ['verifying'], 'recording the verification', a.actor);
    },
    async (a) => {
      const s = ctx.state;
      const threshold = ctx.rules.averageDisposableIncomeFen[s.aid.recipient.area].value;
      const r = expenseEligible(s.aid, threshold);
      s.verification = {
        perCapitaAnnualIncomeFen: r.perCapitaFen,
        thresholdFen: threshold,
        eligible: r.ok,
        findings: a.findings,
        by: a.actor,
        on: ctx.today(),
      };
      s.stage = 'deciding';
      await ctx.persist('expense_verified', a.actor, a.findings, {
        perCapitaAnnualIncomeFen: r.perCapitaFen,
        thresholdFen: threshold,
        eligible: r.ok,
      });
    },
  );
  setHandler(recordVerification, verification.handler, { validator: verification.validator });

  const decision = run<TemporaryDecision>(
    (a) => checkDecision(ctx, a),
    (a) => applyDecision(ctx, a),
  );
  setHandler(decideTemporary, decision.handler, { validator: decision.validator });

  const cancel = run<{ reason: string; actor: Actor }>(
    (a) => {
      requireTemporaryStage(ctx, ['paying'], 'cancelling the remaining stages', a.actor);
      if (!ctx.state.payments.some((p) => p.status === 'scheduled')) throw invalid('no stage is left to cancel');
    },
    async (a) => {
      const s = ctx.state;
      const cancelled = s.payments.filter((p) => p.status === 'scheduled');
      cancelled.forEach((p) => (p.status = 'cancelled'));
      s.cancellation = { reason: a.reason, on: ctx.today(), by: a.actor };
      s.stage = 'closed';
      await ctx.persist('stages_cancelled', a.actor, a.reason, { stages: cancelled.map((p) => p.stage) });
    },
  );
  setHandler(cancelRemainingStages, cancel.handler, { validator: cancel.validator });
}
