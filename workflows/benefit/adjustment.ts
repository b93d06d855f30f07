import { patched, setHandler } from '@temporalio/workflow';
import { assess, formatYuan } from '../../domain/amounts';
import { adjustedHistory, adjustmentFrom, amountUnchanged, CaseAdjustment, CaseAdjustmentResult } from '../../domain/adjustment-apply';
import { endedStages } from '../../domain/benefit';
import { SYSTEM } from '../../domain/case';
import { amountForMonth } from '../../domain/payments';
import { applyStandardAdjustment } from '../adjustment-defs';
import { acts } from '../shared/activities';
import type { BenefitContext } from './context';
import { requireBenefitStage } from './guards';
import { newReview } from './schedule';

type Recorded = 'changed' | 'unchanged' | 'flagged';

/**
 * 调标: the batch tells the case a new profile version; the case recomputes its amount with the rule its
 * decision used (domain/amounts.ts assess) on the household as last recorded, and records the outcome
 * once (a repeat answers 'already'). A household that would no longer qualify is not stopped: an ad-hoc
 * review is opened with the reason, and the amount stays until the review decides.
 */
export function registerAdjustmentHandler(ctx: BenefitContext): void {
  // Between review cycles the state is not there yet: refused as WrongStage, and the batch asks again.
  const check = (_: CaseAdjustment) =>
    requireBenefitStage(
      ctx,
      ['in_benefit', 'reviewing', 'gradual_exit', 'terminating', 'termination_objection', 'terminated', 'exited'],
      'a standard adjustment',
    );
  setHandler(
    applyStandardAdjustment,
    (a) =>
      ctx.lock.run(async () => {
        check(a);
        return adjust(ctx, a);
      }),
    { validator: check },
  );
}

async function adjust(ctx: BenefitContext, a: CaseAdjustment): Promise<CaseAdjustmentResult> {
  const s = ctx.state;
  const base = { caseId: s.caseId, oldAmountFen: s.monthlyAmountFen, newAmountFen: s.monthlyAmountFen, fromMonth: null };
  const prior = s.adjustments?.find((x) => x.id === a.adjustmentId);
  if (prior) return { ...base, ...prior, outcome: 'already', recorded: prior.outcome };
  if (endedStages.includes(s.stage)) return { ...base, outcome: 'skipped', note: '保障已结束' };
  if (s.profile.id !== a.profile.id || s.profile.version > a.profile.version)
    return { ...base, outcome: 'skipped', note: `已适用 ${s.profile.id} v${s.profile.version}` };
  patched('standard-adjustment');
  const profile = await acts.loadProfileVersion(a.profile);
  const today = ctx.today();
  const found = assess(s.application, profile, today);
  const from = adjustmentFrom(a.effectiveMonth, s.paidFrom);
  const oldAmounts = s.amounts;
  const oldAmountFen = amountForMonth(oldAmounts, { from: '0000-01', through: null }, from) || s.monthlyAmountFen;
  const head = `调标（${a.document.title}，${a.document.ref}）`;
  const versions = `政策版本 ${s.profile.id} v${s.profile.version} → v${profile.version}`;
  const data: Record<string, unknown> = {
    adjustmentId: a.adjustmentId,
    document: a.document,
    fromMonth: from,
    oldAmountFen,
    profile: a.profile,
  };
  let outcome: Recorded;
  let reason: string;
  let newAmountFen = oldAmountFen;
  if (s.stage === 'gradual_exit') {
    // The household is above the standard already and receives its amount until the exit ends.
    outcome = 'unchanged';
    reason = `${head}：渐退期内保障金不变（${formatYuan(oldAmountFen)}），${versions}`;
  } else if (!found.eligible) {
    outcome = 'flagged';
    const why = found.reasons.join('；');
    reason = `${head}：按新标准不再符合条件（${why}），转入复核，保障金暂不变（${formatYuan(oldAmountFen)}），${versions}`;
    if (s.stage === 'in_benefit') {
      const dl = await acts.computeDeadline({
        from: today,
        workingDays: profile.benefit!.reviewWorkingDays.value,
        warnWorkingDaysBefore: 1,
      });
      s.review = newReview(s.reviews.length + 1, 'ad_hoc', `调标：${why}`, today, dl.dueDate);
      s.stage = 'reviewing';
      data.reviewDueDate = dl.dueDate;
    } else if (s.stage === 'reviewing') s.review!.basis += `；调标：${why}`;
    // A termination under way goes on: its notice or objection decides.
  } else if (amountUnchanged(s.amounts, from, found.monthlyAmountFen)) {
    outcome = 'unchanged';
    reason = `${head}：月保障金不变（${formatYuan(oldAmountFen)}），${versions}`;
  } else {
    outcome = 'changed';
    newAmountFen = found.monthlyAmountFen;
    s.amounts = adjustedHistory(s.amounts, from, newAmountFen, `调标 ${a.document.ref}`);
    s.monthlyAmountFen = newAmountFen;
    reason = `${head}：月保障金 ${formatYuan(oldAmountFen)} → ${formatYuan(newAmountFen)}，自${from}起执行，${versions}`;
  }
  data.outcome = outcome;
  data.newAmountFen = newAmountFen;
  s.profile = { id: a.profile.id, version: a.profile.version };
  s.adjustments = [...(s.adjustments ?? []), { id: a.adjustmentId, outcome, on: today, fromMonth: from, oldAmountFen, newAmountFen }];
  await ctx.persist('standard_adjusted', SYSTEM, reason, data, [], {
    adjustment: {
      adjustmentId: a.adjustmentId,
      caseId: s.caseId,
      outcome,
      fromMonth: from,
      oldAmountFen,
      newAmountFen,
      oldAmounts,
      newAmounts: s.amounts,
    },
  });
  // From here on the case's rules (reviews, gradual exit) are the new version's.
  ctx.profile = profile;
  return {
    caseId: s.caseId,
    outcome,
    oldAmountFen,
    newAmountFen,
    fromMonth: from,
    ...(outcome === 'flagged' ? { note: found.reasons.join('；') } : {}),
  };
}
