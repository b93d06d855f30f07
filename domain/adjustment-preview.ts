import type { Application, Program } from './application';
import { assess } from './amounts';
import type { BenefitStage } from './benefit';
import { addDays, addMonths, DateStr } from './calendar';
import { amountForMonth, AmountChange, Month } from './payments';
import type { PolicyProfile } from './policy';
import { DibaoCategory, isUnstable, nextReview } from './reviews';

// 调标 preview: what one live case would receive from the effective month under a draft profile, by the
// same rules the workflows use (assess: 差额 / 特困 standard; nextReview: 复核 schedule). No I/O, no zod,
// no clock: the apply batch can call caseUnderDraft from workflow code and reach the same figures.

/** A case in its benefit period, as the read model holds it (cases.state of a benefit run). */
export interface LiveCase {
  caseId: string;
  program: Program;
  township: string;
  applicantName: string;
  stage: BenefitStage;
  category: DibaoCategory | null;
  approvedOn: DateStr;
  /** The household as last recorded (at approval, or as the latest review found it). */
  application: Application;
  amounts: AmountChange[];
  paidFrom: Month;
  paidThrough: Month | null;
  /** The profile version whose benefit rules the case runs under now. */
  profileVersion: number;
}

/** Where a household stands under a profile: its program, 低收入 (below the low-income line only), or neither. */
export type Standing = Program | 'low_income' | 'none';

export interface CaseOutcome {
  caseId: string;
  township: string;
  program: Program;
  applicantName: string;
  stage: BenefitStage;
  people: number;
  /** In force in the effective month without the draft, and with it (fen per month). */
  currentFen: number;
  newFen: number;
  deltaFen: number;
  standingNow: Standing;
  standingUnderDraft: Standing;
  /** Qualifies under the case's own profile on the effective date, but not under the draft. */
  noLongerQualifies: boolean;
  reviewNow: DateStr | null;
  reviewUnderDraft: DateStr | null;
  scheduleChanges: boolean;
  affected: boolean;
  /** Why the new amount is what it is (shown in tables and the CSV). */
  note: string;
}

function standing(app: Application, p: PolicyProfile, on: DateStr): { standing: Standing; eligible: boolean; amountFen: number } {
  const a = assess(app, p, on);
  if (a.eligible) return { standing: app.program, eligible: true, amountFen: a.monthlyAmountFen };
  // A 特困 household that no longer qualifies as such may still qualify for 低保 (差额) by the same rule.
  const asDibao = app.program === 'tekun' ? assess({ ...app, program: 'dibao' }, p, on) : a;
  if (asDibao.eligible) return { standing: 'dibao', eligible: false, amountFen: 0 };
  const lowIncome = asDibao.perCapitaIncomeFen < asDibao.standardFen * p.standards.lowIncomeMultiplier.value;
  return { standing: lowIncome ? 'low_income' : 'none', eligible: false, amountFen: 0 };
}

/**
 * The case under the draft from `effectiveMonth`: `current` is the profile version the case runs under,
 * `draft` the base with the draft applied. The amount in force came from an assessment (审核确认 or
 * 复核), so it is recomputed from the recorded household under the draft. A case that would no longer
 * qualify keeps its amount (the adjustment stops nobody; its review or termination does) and is flagged;
 * so is a gradual exit (渐退期), which runs its course at the amount it has.
 */
export function caseUnderDraft(c: LiveCase, current: PolicyProfile, draft: PolicyProfile, effectiveMonth: Month): CaseOutcome {
  const on = `${effectiveMonth}-01`;
  // A case first paid after the effective month is compared at its first paid month.
  const month = c.paidFrom > effectiveMonth ? c.paidFrom : effectiveMonth;
  const currentFen = amountForMonth(c.amounts, { from: c.paidFrom, through: c.paidThrough }, month);
  const now = standing(c.application, current, on);
  const next = standing(c.application, draft, on);
  const noLongerQualifies = now.eligible && !next.eligible;
  let newFen = currentFen;
  let note = '金额不变';
  if (c.stage === 'gradual_exit') note = '渐退期：按原金额发放至期满';
  else if (!next.eligible) note = noLongerQualifies ? '按新标准不再符合条件：待复核，暂按原金额' : '按现行标准已不符合条件：待复核';
  else if (next.amountFen !== currentFen) {
    newFen = next.amountFen;
    note = newFen > currentFen ? '按新标准提高' : '按新标准降低';
  }
  const subject = { program: c.program, category: c.category, unstable: isUnstable(c.application) };
  const after = addDays(on, -1);
  const reviewNow = nextReview(current, subject, c.approvedOn, after);
  const reviewDraft = nextReview(draft, subject, c.approvedOn, after);
  const scheduleChanges = reviewNow?.opensOn !== reviewDraft?.opensOn || reviewNow?.basis !== reviewDraft?.basis;
  return {
    caseId: c.caseId,
    township: c.township,
    program: c.program,
    applicantName: c.applicantName,
    stage: c.stage,
    people: c.application.members.length,
    currentFen,
    newFen,
    deltaFen: newFen - currentFen,
    standingNow: now.standing,
    standingUnderDraft: next.standing,
    noLongerQualifies,
    reviewNow: reviewNow?.opensOn ?? null,
    reviewUnderDraft: reviewDraft?.opensOn ?? null,
    scheduleChanges,
    affected: newFen !== currentFen || noLongerQualifies || scheduleChanges || now.standing !== next.standing,
    note,
  };
}

/** Months of the twelve from `effectiveMonth` the case is paid in (not before its first month, not after a known end). */
export function monthsPaidOfTwelve(effectiveMonth: Month, paidFrom: Month, paidThrough: Month | null): number {
  let n = 0;
  for (let k = 0; k < 12; k++) {
    const m = addMonths(`${effectiveMonth}-01`, k).slice(0, 7);
    if (m >= paidFrom && (paidThrough === null || m <= paidThrough)) n++;
  }
  return n;
}
