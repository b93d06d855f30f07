import { z } from 'zod';
import { benefitStages } from '../domain/benefit';
import { slaStatuses, stages } from '../domain/case';
import { temporaryKinds, temporaryStages } from '../domain/temporary';
import { memberSchema, programs } from '../domain/application';
import { extensionReasons } from '../domain/policy';
import { label, personName, text } from '../domain/text-fields';
import { TEXT_LIMITS } from '../domain/text';
import { eventDate, eventMonth } from '../domain/bounded-fields';
import { CALENDAR_YEARS } from '../domain/bounds';
import { cursorParam, limitParam, MAX_PAGE_SIZE } from './paging';

// Money and dates: one type each with its bounds (domain/bounds.ts, domain/bounded-fields.ts).
export const dateStr = eventDate();
// Free text and names: one rule for every field (domain/text.ts), limits in TEXT_LIMITS.

export const caseIdParams = z.object({
  caseId: z.string().regex(/^[A-Z]{2}-\d{9}-\d{4}-\d{6}$/, 'a case id like DB-430921101-2026-000001'),
});

export const listQuery = z.object({
  // Application, benefit-period and temporary-assistance stages all live in one read model.
  stage: z.enum([...new Set([...stages, ...benefitStages, ...temporaryStages])] as [string, ...string[]]).optional(),
  // Temporary-assistance cases carry their kind as their program (急难型, 支出型, 失业人员).
  program: z.enum([...programs, ...temporaryKinds]).optional(),
  township: z
    .string()
    .regex(/^\d{9}$/)
    .optional(),
  sla: z.enum(slaStatuses).optional(),
  // Offset paging is bounded (page × pageSize ≤ 10,000 rows); beyond that, and cheaper everywhere: cursor.
  page: z.coerce.number().int().min(1).max(50).default(1),
  pageSize: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(50),
  cursor: cursorParam,
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(MAX_PAGE_SIZE)
    .optional()
    .meta({ description: `rows per page, instead of pageSize (at most ${MAX_PAGE_SIZE}); follow nextCursor for more` }),
});

export const attentionQuery = z.object({
  township: z
    .string()
    .regex(/^\d{9}$/)
    .optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export const dataMatchObjectionBody = z.object({ reason: text(), evidence: z.array(text(500)).default([]) });
export const dataMatchRecheckBody = z.object({ outcome: z.enum(['cleared', 'confirmed']), note: text() });
export const homeVisitBody = z
  .object({
    investigators: z.tuple([personName(), personName()]),
    visitedOn: dateStr,
    findings: text(),
    neighboursInterviewed: z.number().int().min(0).max(100).default(0),
    recommendation: z.enum(['eligible', 'ineligible']),
    disputed: z.boolean().default(false),
    disputeReason: text().nullable().default(null),
  })
  .refine((v) => !v.disputed || v.disputeReason !== null, { path: ['disputeReason'], message: 'a disputed visit says what is disputed' });
export const democraticReviewBody = z.object({
  heldOn: dateStr,
  participants: z.number().int().min(3, 'a democratic review has at least 3 participants').max(500),
  outcome: z.enum(['support', 'oppose']),
  minutes: text(TEXT_LIMITS.minutes),
});
export const noticeObjectionBody = z.object({
  objector: personName(TEXT_LIMITS.label),
  reason: text(),
  route: z.enum(['reinvestigate', 'democratic_review']),
});
export const extensionBody = z.object({ reason: z.enum(extensionReasons), note: text() });
export const assignmentBody = z.object({ clerkId: label(64), reason: text(500) });
export const decisionBody = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('approve'), reasons: z.array(text(500)).default([]), category: z.enum(['A', 'B', 'C']).optional() }),
  z.object({
    outcome: z.literal('reject'),
    reasons: z
      .array(text(500), { error: 'a rejection needs at least one written reason' })
      .min(1, 'a rejection needs at least one written reason'),
  }),
]);

export const reviewBody = z.object({
  result: z.enum(['continue', 'adjust', 'gradual_exit', 'terminate']),
  reasons: z.array(text(500)).default([]),
  members: z.array(memberSchema).min(1).max(30).optional(),
  category: z.enum(['A', 'B', 'C']).optional(),
  employedMemberIdNumber: label(18).toUpperCase().optional(),
});
export const postponeBody = z.object({ until: dateStr, reason: text(500) });
export const changeBody = z.object({ kind: z.enum(['death', 'income', 'household']), details: text(2000) });
export const terminationObjectionBody = z.object({ objector: personName(TEXT_LIMITS.label), reason: text() });
export const terminationDecisionBody = z.object({
  outcome: z.enum(['uphold', 'revoke']),
  reasons: z.array(text(500)).min(1, 'give the reasons for the decision'),
});
export const periodParams = z.object({ period: eventMonth() });

export const dueSoonQuery = z.object({
  withinWorkingDays: z.coerce.number().int().min(0).max(60).default(5),
  township: z
    .string()
    .regex(/^\d{9}$/)
    .optional(),
  cursor: cursorParam,
  limit: limitParam(50),
});
export const breachedQuery = z.object({
  township: z
    .string()
    .regex(/^\d{9}$/)
    .optional(),
});

export const yearParams = z.object({ year: z.coerce.number().int().min(CALENDAR_YEARS.first).max(CALENDAR_YEARS.last) });
export const calendarBody = z.object({
  source: text(TEXT_LIMITS.item).min(4, 'name the State Council notice this schedule comes from'),
  holidays: z.array(dateStr).min(1),
  workdays: z.array(dateStr).default([]),
});

// The error body (with `fields` and the other details): api/openapi-errors.ts.
export { errorSchema } from './openapi-errors';
