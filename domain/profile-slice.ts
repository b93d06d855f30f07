import type { PolicyProfile } from './policy';

// What the case workflow reads of a policy profile: the numbers and names its rules use, without
// sources, documents and the sections other workflows need. The full profile (about 9 kB) would be
// carried in every case's history and cached workflow; the slice is under 1 kB.

/** A profile section with each sourced figure reduced to its value. */
export type Unsourced<T> = T extends { value: infer V; source: string }
  ? { value: V }
  : T extends (infer U)[]
    ? Unsourced<U>[]
    : T extends object
      ? { [K in keyof T]: Unsourced<T[K]> }
      : T;

type Used = 'id' | 'version' | 'timeLimits' | 'publicNoticeDays' | 'appeal' | 'standards' | 'singlePerson' | 'tekun';

/** The slice of a profile the case workflow uses (a full profile is one too, as old histories pass). */
export type CaseProfile = Unsourced<Pick<PolicyProfile, Used>> & {
  /** Only which programs and classes are reviewed by class (分类管理): the decision asks for a class then. */
  benefit?: { reviewRules: { programs: ('dibao' | 'dibao_single' | 'tekun')[]; categories?: ('A' | 'B' | 'C')[] }[] };
};

const values = <T extends Record<string, { value: unknown } | undefined>>(o: T) =>
  Object.fromEntries(Object.entries(o).flatMap(([k, v]) => (v ? [[k, { value: v.value }]] : []))) as { [K in keyof T]: Unsourced<T[K]> };

/** Built from a profile already validated (policyProfileSchema) where it was loaded: the API or an activity. */
export function caseProfile(p: PolicyProfile): CaseProfile {
  return {
    id: p.id,
    version: p.version,
    timeLimits: values(p.timeLimits),
    publicNoticeDays: { value: p.publicNoticeDays.value },
    appeal: values(p.appeal),
    standards: {
      dibaoMonthlyFen: values(p.standards.dibaoMonthlyFen),
      tekunMultiplier: { value: p.standards.tekunMultiplier.value },
      lowIncomeMultiplier: { value: p.standards.lowIncomeMultiplier.value },
    },
    singlePerson: values(p.singlePerson),
    tekun: values(p.tekun),
    ...(p.benefit
      ? {
          benefit: {
            reviewRules: p.benefit.reviewRules.map((r) => ({
              programs: r.programs,
              ...(r.categories ? { categories: r.categories } : {}),
            })),
          },
        }
      : {}),
  };
}
