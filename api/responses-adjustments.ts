import { z } from 'zod';
import { programs } from '../domain/application';
import { adjustmentDraftSchema } from '../domain/adjustment-draft';
import { benefitStages } from '../domain/benefit';

// Response bodies of the 调标 routes: the preview (api/use-cases/adjustment-preview.ts, domain/adjustment-
// preview.ts and adjustment-summary.ts) and the published adjustments (db/adjustment-repo.ts).

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);
const int = z.number().int();
const fen = int.meta({ description: 'fen (分)' });
const standing = z
  .enum([...programs, 'low_income', 'none'])
  .meta({ description: 'where the household stands: its program, 低收入 (low_income: below the low-income line only), or neither' });

const counts = {
  households: int,
  people: int,
  affectedHouseholds: int,
  affectedPeople: int,
  currentMonthlyFen: fen,
  newMonthlyFen: fen,
  monthlyDeltaFen: fen,
  twelveMonthDeltaFen: fen.meta({
    description: 'the monthly delta over the twelve months from the effective month, while the case is paid',
  }),
  rising: int,
  falling: int.meta({ description: 'households whose amount would fall' }),
  noLongerQualify: int,
  scheduleChanges: int.meta({ description: 'cases whose next review (复核) would open on another date or by another rule' }),
};

export const previewRowResponse = z.object({
  caseId: z.string(),
  township: z.string(),
  program: z.enum(programs),
  applicantName: z.string(),
  stage: z.enum(benefitStages),
  people: int,
  currentFen: fen,
  newFen: fen,
  deltaFen: fen,
  standingNow: standing,
  standingUnderDraft: standing,
  noLongerQualifies: z.boolean(),
  reviewNow: date.nullable(),
  reviewUnderDraft: date.nullable(),
  scheduleChanges: z.boolean(),
  affected: z.boolean(),
  note: z.string(),
});

export const previewResponse = z.object({
  profileId: z.string(),
  fromVersion: int,
  effectiveMonth: month,
  within: z.string().meta({ description: "the caller's jurisdiction: the cases previewed lie in it" }),
  summary: z
    .object({
      lines: z.array(z.object({ township: z.string(), program: z.enum(programs), ...counts })),
      total: z.object(counts),
      transitions: z.array(z.object({ from: standing, to: standing, households: int })),
    })
    .nullable()
    .meta({ description: 'on the first page only (no `after`); later pages carry rows alone' }),
  rows: z.object({
    items: z.array(previewRowResponse),
    nextAfter: z.string().nullable().meta({ description: 'pass as `after` for the next page; null on the last' }),
  }),
});

export const adjustmentResponse = z.object({
  id: z.string(),
  profileId: z.string(),
  fromVersion: int,
  toVersion: int,
  effectiveMonth: month,
  backPay: z.boolean(),
  draft: adjustmentDraftSchema,
  document: z.object({ ref: z.string(), title: z.string() }),
  areaCode: z.string(),
  publishedBy: z.string(),
  publishedAt: z.string().meta({ format: 'date-time' }),
  withdrawal: z
    .object({ reason: z.string(), withdrawnBy: z.string(), withdrawnAt: z.string().meta({ format: 'date-time' }) })
    .nullable()
    .meta({
      description: '撤回: set when a supervisor withdrew the adjustment before it was applied; its version and bindings no longer count',
    }),
});

export const adjustmentListResponse = z.object({ items: z.array(adjustmentResponse), total: int, page: int, pageSize: int });
