import type { PolicyProfile } from '../policy';

// Figures the three profiles share word for word: local-testing defaults a county replaces, and the
// benefit-period deadlines taken from the domain brief. Each profile still names its own sources
// wherever its region says something of its own.

type Temporary = NonNullable<PolicyProfile['temporary']>;
type Benefit = NonNullable<PolicyProfile['benefit']>;

/** 临时救助 settings: the two caps carry the region's own source; the rest are local-testing values. */
export function localTemporaryRules(townshipCapSource: string, countyCapSource: string): Temporary {
  return {
    townshipCapFen: { value: 100_000, source: townshipCapSource },
    countyCapFen: { value: 500_000, source: countyCapSource },
    paperworkWorkingDays: {
      value: 10,
      source:
        'local-testing value, not a published figure: the county sets it (DOMAIN.md: caps and deadlines are set by the county); replace with the county figure',
    },
    paperworkReminderWorkingDays: {
      value: 3,
      source: 'aidflow operational setting: clerks reminded 3 working days before the paperwork is due',
    },
    deliberationWorkingDays: {
      value: 10,
      source:
        'local-testing value, not a published figure: the county sets it (DOMAIN.md: caps and deadlines are set by the county); replace with the county figure; seeds require that 一事一议 not stall but set no figure',
    },
    deliberationReminderWorkingDays: {
      value: 3,
      source: 'aidflow operational setting: the mechanism is reminded 3 working days before its deadline',
    },
    averageDisposableIncomeFen: {
      urban: {
        value: 4_900_000,
        source:
          'local-testing value, not a published figure: the county sets it (DOMAIN.md: caps and deadlines are set by the county); replace with the county figure (last year local urban per-capita disposable income, per the statistics bureau)',
      },
      rural: {
        value: 2_000_000,
        source:
          'local-testing value, not a published figure: the county sets it (DOMAIN.md: caps and deadlines are set by the county); replace with the county figure (last year local rural per-capita disposable income, per the statistics bureau)',
      },
    },
  };
}

/** Review time limit (the region's approval limit) and the deadlines every profile shares. */
export function benefitDeadlines(reviewWorkingDays: number): Omit<Benefit, 'reviewRules' | 'gradualExitMonths'> {
  return {
    reviewWorkingDays: {
      value: reviewWorkingDays,
      source:
        'aidflow setting: a review follows the approval procedure and gets its working-day limit (57号 第三十一条 sets no separate one)',
    },
    deathReviewMonths: {
      value: 3,
      source: "domain brief (DOMAIN.md, After approval): national rule, review within 3 months of a member's death",
    },
    terminationNoticeDays: {
      value: 7,
      source:
        'domain brief (DOMAIN.md, Termination): 7-day notice, objection decided within 15 working days; national article not located here',
    },
    objectionDecisionWorkingDays: {
      value: 15,
      source:
        'domain brief (DOMAIN.md, Termination): 7-day notice, objection decided within 15 working days; national article not located here',
    },
    paymentDay: {
      value: 10,
      source:
        'seed 003 §(四): "城乡低保金实行按月发放,每月10日前发放到户;特困人员救助供养金按季发放,分散供养特困人员救助供养金每季度初10日前发放到户" (山西 practice, adopted as aidflow\'s payment calendar)',
    },
  };
}

/** 分办/转办 feedback deadline: the seeds require feedback (反馈) but set no figure, so this is a local setting. */
export function referralRules(): Pick<PolicyProfile, 'referralFeedbackWorkingDays' | 'referralReminderWorkingDays'> {
  return {
    referralFeedbackWorkingDays: {
      value: 10,
      source:
        'local setting, not a published figure: seed 000 §(二十) "细化受理、分办、转办、反馈等工作流程" requires feedback but sets no time; the county replaces this figure',
    },
    referralReminderWorkingDays: {
      value: 3,
      source: 'aidflow operational setting: the department is reminded 3 working days before its feedback is due',
    },
  };
}

/** 收件日期 window: no published figure in the seeds or the national rules; a local setting until the county sets one. */
export const receivedWindow = {
  value: 10,
  source:
    'aidflow local setting, not a published figure: an application received by the township, or by the village on its behalf ' +
    '(seed 004 §五.3: 村(居)社会救助工作站负责"救助申请帮办代办"), may be entered up to 10 working days later with that date; replace with the county rule',
};
