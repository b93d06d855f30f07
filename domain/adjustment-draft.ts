import { z } from 'zod';
import { effectiveMonth, fen } from './bounded-fields';
import { reviewRuleSchema, type PolicyProfile } from './policy';

// 调标: a draft names only the numbers that change, the month they take effect from and the document
// that decides them; the published profile version is the base with those numbers replaced, each
// carrying the draft's document as its source, so an auditor traces the new figure like any other.

export const adjustmentChangesSchema = z
  .object({
    /** 低保标准 per person per month, in fen. */
    dibaoMonthlyFen: z
      .object({ urban: fen('monthlyStandard').optional(), rural: fen('monthlyStandard').optional() })
      .strict()
      .optional(),
    tekunMultiplier: z.number().positive().max(10).optional(),
    lowIncomeMultiplier: z.number().positive().max(10).optional(),
    gradualExitMonths: z.number().int().min(1).max(36).optional(),
    /** 复核 schedule replaced whole (review intervals by program, class and household); each rule takes the draft's document as source. */
    reviewRules: z
      .array(reviewRuleSchema.omit({ source: true }).strict())
      .min(1)
      .max(20)
      .optional(),
  })
  .strict()
  .refine((c) => Object.keys(c).length > 0, '至少需要调整一项');

export const adjustmentDraftSchema = z
  .object({
    profileId: z.string().regex(/^[a-z0-9-]+$/),
    /** The version the draft changes; publishing refuses when a newer one appeared meanwhile. */
    baseVersion: z.number().int().min(1).max(1_000_000),
    /** 自某月起执行: the first month paid at the new amounts. */
    effectiveMonth: effectiveMonth(),
    /** 补发: whether months already paid before publication are topped up in the next payroll. */
    backPay: z.boolean(),
    document: z.object({ ref: z.string().min(1).max(200), title: z.string().min(1).max(200) }).strict(),
    changes: adjustmentChangesSchema,
  })
  .strict();

export type AdjustmentDraft = z.infer<typeof adjustmentDraftSchema>;
export type AdjustmentChanges = AdjustmentDraft['changes'];

/** The profile as it would read under the draft (version given by the caller: the next free one when publishing). */
export function applyDraft(base: PolicyProfile, draft: AdjustmentDraft, version: number): PolicyProfile {
  const source = `${draft.document.title}（${draft.document.ref}），自${draft.effectiveMonth}起执行`;
  const c = draft.changes;
  const p: PolicyProfile = structuredClone(base);
  p.version = version;
  p.effectiveFrom = `${draft.effectiveMonth}-01`;
  p.documents = [...p.documents, { ref: draft.document.ref, title: draft.document.title }];
  if (c.dibaoMonthlyFen?.urban !== undefined) p.standards.dibaoMonthlyFen.urban = { value: c.dibaoMonthlyFen.urban, source };
  if (c.dibaoMonthlyFen?.rural !== undefined) p.standards.dibaoMonthlyFen.rural = { value: c.dibaoMonthlyFen.rural, source };
  if (c.tekunMultiplier !== undefined) p.standards.tekunMultiplier = { value: c.tekunMultiplier, source };
  if (c.lowIncomeMultiplier !== undefined) p.standards.lowIncomeMultiplier = { value: c.lowIncomeMultiplier, source };
  if (c.gradualExitMonths !== undefined && p.benefit) p.benefit.gradualExitMonths = { value: c.gradualExitMonths, source };
  if (c.reviewRules !== undefined && p.benefit) p.benefit.reviewRules = c.reviewRules.map((r) => ({ ...r, source }));
  return p;
}
