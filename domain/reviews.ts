import type { Application, Program } from './application';
import { addMonths, DateStr } from './calendar';
import type { PolicyProfile, ReviewRule } from './policy';

// 复核 schedules. Interval rules stay aligned to the approval date (approved 03-02 → 09-02,
// 03-02, …) however late a review finished; quarter rules open on the quarter's first day.

export type DibaoCategory = 'A' | 'B' | 'C';

export interface ReviewSubject {
  program: Program;
  category: DibaoCategory | null;
  unstable: boolean;
}

export function isUnstable(app: Application): boolean {
  return app.household.incomeStable === false || app.members.some((m) => m.ableBodied);
}

export function applicableRules(rules: ReviewRule[], s: ReviewSubject): ReviewRule[] {
  return rules.filter(
    (r) =>
      r.programs.includes(s.program) &&
      (!r.categories || (s.category !== null && r.categories.includes(s.category))) &&
      (!r.household || r.household === (s.unstable ? 'unstable' : 'stable')),
  );
}

function nextForRule(rule: ReviewRule, anchor: DateStr, after: DateStr): DateStr {
  if (rule.schedule.kind === 'every_months') {
    for (let k = 1; ; k++) {
      const d = addMonths(anchor, k * rule.schedule.months);
      if (d > after) return d;
    }
  }
  const quarters = [...rule.schedule.quarters].sort();
  for (let year = Number(after.slice(0, 4)); ; year++) {
    for (const q of quarters) {
      const d = `${year}-${String(3 * q - 2).padStart(2, '0')}-01`;
      if (d > after) return d;
    }
  }
}

export interface ScheduledReview {
  opensOn: DateStr;
  basis: string;
}

/** The earliest review any applicable rule schedules after `after`; null when no rule applies. */
export function nextReview(profile: PolicyProfile, s: ReviewSubject, anchor: DateStr, after: DateStr): ScheduledReview | null {
  const rules = applicableRules(profile.benefit?.reviewRules ?? [], s);
  const candidates = rules.map((r) => ({ opensOn: nextForRule(r, anchor, after), basis: r.source }));
  candidates.sort((a, b) => a.opensOn.localeCompare(b.opensOn));
  return candidates[0] ?? null;
}
