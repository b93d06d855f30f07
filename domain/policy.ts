import { z } from 'zod';

// Every number a rule depends on lives in a versioned profile with the text it comes from, so a
// region's rules can change without a deploy and an auditor can trace each figure to its source.

const source = z.string().min(4, 'every number needs its source (document and article)');

export const sourcedInt = (min = 0) => z.object({ value: z.number().int().min(min), source });
export const sourcedNumber = z.object({ value: z.number().positive(), source });
export const sourcedText = z.object({ value: z.string().min(1), source });

const fenPerMonth = sourcedInt(1);

export const extensionReasons = ['notice_objection', 'household_separated', 'out_of_area_application', 'difficult_investigation'] as const;

export const dibaoCategories = ['A', 'B', 'C'] as const;

/** 复核 schedule: which cases (program, 分类 category, household stability) are reviewed when. */
export const reviewRuleSchema = z.object({
  programs: z.array(z.enum(['dibao', 'dibao_single', 'tekun'])).min(1),
  categories: z.array(z.enum(dibaoCategories)).optional(),
  /** unstable: income not stable or an able-bodied member (收入来源不固定、有劳动能力). */
  household: z.enum(['stable', 'unstable']).optional(),
  schedule: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('every_months'), months: z.number().int().min(1).max(24) }),
    z.object({ kind: z.literal('quarters'), quarters: z.array(z.number().int().min(1).max(4)).min(1) }),
  ]),
  source,
});
export type ReviewRule = z.infer<typeof reviewRuleSchema>;

export const policyProfileSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  version: z.number().int().min(1),
  name: z.string().min(1),
  region: z.string().min(1),
  effectiveFrom: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  documents: z.array(z.object({ ref: z.string().min(1), title: z.string().min(1) })).min(1),
  timeLimits: z.object({
    /** 审核确认时限: working days from acceptance, the day of acceptance not counted. */
    standardWorkingDays: sourcedInt(1),
    /** The special-case limit one recorded extension may raise the due date to. */
    extendedWorkingDays: sourcedInt(1),
    /** Limit where approval is delegated to the township (审核确认权限下放乡镇); value null: the standard limit applies. */
    delegatedWorkingDays: z.object({ value: z.number().int().min(1).nullable(), source }),
    /** Supervisors are warned this many working days before the due date. */
    warnWorkingDaysBefore: sourcedInt(1),
    /**
     * 收件日期: how many working days after the township (or the village on its behalf) received an
     * application a clerk may still enter it with that date (absent before version 4: no late entry).
     */
    receivedWindowWorkingDays: sourcedInt(0).optional(),
    investigationStartWorkingDays: sourcedInt(1),
    rejectionNoticeWorkingDays: sourcedInt(1),
  }),
  /** 公示: calendar days the preliminary opinion stays posted in the village. */
  publicNoticeDays: sourcedInt(1),
  appeal: z.object({
    reconsiderationDays: sourcedInt(1),
    litigationMonths: sourcedInt(1),
    reconsiderationBody: sourcedText,
    litigationBody: sourcedText,
  }),
  standards: z.object({
    /** 低保标准, per person per month, in fen. */
    dibaoMonthlyFen: z.object({ urban: fenPerMonth, rural: fenPerMonth }),
    /** 特困人员基本生活标准 = max(this multiplier × 低保标准, any floor the region sets). */
    tekunMultiplier: sourcedNumber,
    /** 低收入家庭: per-capita income below this multiple of the 低保 standard. */
    lowIncomeMultiplier: sourcedNumber,
  }),
  singlePerson: z.object({
    /** Disability grades that qualify alone, by kind; grade 3 only for intellectual/mental. */
    severeDisabilityGrades: z.object({ value: z.array(z.number().int().min(1).max(4)), source }),
    intellectualOrMentalGrades: z.object({ value: z.array(z.number().int().min(1).max(4)), source }),
    seriousIllnesses: z.object({ value: z.array(z.string().min(1)).min(1), source }),
  }),
  tekun: z.object({
    elderlyAge: sourcedInt(1),
    minorAgeBelow: sourcedInt(1),
  }),
  /** 临时救助: caps, deadlines and thresholds (absent in version-1 profiles). */
  temporary: z
    .object({
      /** 乡镇先行救助: a township pays an emergency at once up to this amount. */
      townshipCapFen: sourcedInt(1),
      /** Above this, the county coordination mechanism decides (一事一议). */
      countyCapFen: sourcedInt(1),
      /** 事后补充说明: working days to file the paperwork after an emergency payment. */
      paperworkWorkingDays: sourcedInt(1),
      paperworkReminderWorkingDays: sourcedInt(1),
      /** 一事一议: working days the mechanism has to decide. */
      deliberationWorkingDays: sourcedInt(1),
      deliberationReminderWorkingDays: sourcedInt(1),
      /** 支出型: last year's per-capita disposable income (a year, in fen), below which a household qualifies. */
      averageDisposableIncomeFen: z.object({ urban: sourcedInt(1), rural: sourcedInt(1) }),
    })
    .optional(),
  /** After approval (absent in version-1 profiles, which predate the benefit period). */
  benefit: z
    .object({
      reviewRules: z.array(reviewRuleSchema).min(1),
      /** Working days a review has from the day it opens. */
      reviewWorkingDays: sourcedInt(1),
      /** A member's death: the review is due within this many months. */
      deathReviewMonths: sourcedInt(1),
      gradualExitMonths: sourcedInt(1),
      terminationNoticeDays: sourcedInt(1),
      objectionDecisionWorkingDays: sourcedInt(1),
      /** Payment day of the month (低保 monthly; 特困 quarterly, in each quarter's first month). */
      paymentDay: sourcedInt(1),
    })
    .optional(),
  /** 分办/转办: working days a department has to answer a referral (absent before version 4). */
  referralFeedbackWorkingDays: sourcedInt(1).optional(),
  /** The department is reminded this many working days before its feedback is due. */
  referralReminderWorkingDays: sourcedInt(1).optional(),
});

export type PolicyProfile = z.infer<typeof policyProfileSchema>;
export type ExtensionReason = (typeof extensionReasons)[number];

/** What a case keeps of the profile it was accepted under. */
export interface ProfileRef {
  id: string;
  version: number;
}

export function parseProfile(raw: unknown): PolicyProfile {
  return policyProfileSchema.parse(raw);
}
