import type { ReviewRecord } from '../../domain/benefit';
import { addMonths, DateStr } from '../../domain/calendar';
import { isUnstable, nextReview } from '../../domain/reviews';
import { acts } from '../shared/activities';
import type { BenefitContext } from './context';

/** Puts the next scheduled review (复核) on the case, with its working-day deadline. */
export async function scheduleNext(ctx: BenefitContext, after: DateStr): Promise<void> {
  const s = ctx.state;
  const b = ctx.profile.benefit!;
  const next = nextReview(
    ctx.profile,
    { program: s.program, category: s.category, unstable: isUnstable(s.application) },
    s.approvedOn,
    after,
  );
  if (!next) {
    s.review = null;
    return;
  }
  const dl = await acts.computeDeadline({ from: next.opensOn, workingDays: b.reviewWorkingDays.value, warnWorkingDaysBefore: 1 });
  s.review = newReview(s.reviews.length + 1, 'scheduled', next.basis, next.opensOn, dl.dueDate);
}

/** A reported change opens a review now; a death gives the profile's months, anything else its working days. */
export async function openAdHocReview(ctx: BenefitContext, kind: 'death' | 'income' | 'household', details: string): Promise<ReviewRecord> {
  const b = ctx.profile.benefit!;
  const today = ctx.today();
  const dueDate =
    kind === 'death'
      ? addMonths(today, b.deathReviewMonths.value)
      : (await acts.computeDeadline({ from: today, workingDays: b.reviewWorkingDays.value, warnWorkingDaysBefore: 1 })).dueDate;
  return newReview(ctx.state.reviews.length + 1, 'ad_hoc', `${kind}: ${details}`, today, dueDate);
}

export function newReview(cycle: number, kind: ReviewRecord['kind'], basis: string, opensOn: DateStr, dueDate: DateStr): ReviewRecord {
  return { cycle, kind, basis, opensOn, dueDate, postponed: [], completedOn: null, result: null, reasons: [], by: null, overdue: false };
}
