import { z } from 'zod';
import { referralKinds } from '../domain/referral';
import { slaStatuses } from '../domain/case';
import { ROLL_PROGRAMS } from '../domain/roll';
import { caseSummaryResponse, eventResponse } from './responses';
import { nextCursorField } from './paging';

// Response bodies of the referral and published-roll routes (api/use-cases/referrals.ts referralView
// and referralDetail, db/roll-repo.ts), stated for the document and checked by the contract fuzz.

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);
const timestamp = z.string().meta({ format: 'date-time' });
const fen = z.number().int();
const referralStage = z
  .enum(['registered', 'referred', 'answered'])
  .meta({ description: 'registered: the workflow has not yet computed the deadline' });

/** The workflow's own state of a referral (ReferralState): named by id and stage, further fields as recorded. */
export const referralStateResponse = z
  .looseObject({ phase: z.literal('referral'), referralId: z.string(), stage: z.enum(['referred', 'answered']) })
  .meta({ description: "the referral workflow's state: request, department, profile, deadlines, reminders and feedback" });

/** referralView: what lists and the household view show (no ID numbers). */
export const referralViewResponse = z.object({
  referralId: z.string(),
  township: z.string(),
  householdId: z.string(),
  caseId: z.string().nullable(),
  kind: z.enum(referralKinds),
  kindName: z.string(),
  department: z.object({ code: z.string(), name: z.string() }),
  stage: referralStage,
  sla: z.enum(slaStatuses),
  referredOn: date.nullable(),
  dueDate: date.nullable(),
  escalatedOn: date.nullable(),
  outcome: z.enum(['accepted', 'refused']).nullable(),
  feedback: z
    .looseObject({ outcome: z.enum(['accepted', 'refused']), on: date })
    .nullable()
    .meta({ description: "the department's answer (反馈) with its date, who recorded it and whether it was late" }),
  updatedAt: timestamp,
});
export const referralDetailResponse = referralViewResponse.extend({ state: referralStateResponse.nullable() });
const referralPage = z.object({
  items: z.array(referralViewResponse),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export const referralListResponse = referralPage;
export const referralEventsResponse = z.object({ referralId: z.string(), events: z.array(eventResponse) });
export const householdReferralsResponse = z.object({
  householdId: z.string(),
  cases: z.array(caseSummaryResponse),
  referrals: referralPage,
});
export const referralItemsResponse = z.object({ items: z.array(referralViewResponse), nextCursor: nextCursorField });
export const departmentsResponse = z.object({
  county: z.string(),
  departments: z.array(
    z.object({ county: z.string(), code: z.string(), name: z.string(), kinds: z.array(z.enum(referralKinds)), source: z.string() }),
  ),
});

/** db/roll-repo.ts: one page of a village's roll for a month, with the totals of the whole roll. */
export const rollResponse = z.object({
  township: z.string(),
  village: z.string(),
  month,
  page: z.number().int(),
  pageSize: z.number().int(),
  total: z.number().int(),
  totalFen: fen,
  items: z.array(
    z.object({ headMasked: z.string(), householdSize: z.number().int(), program: z.enum(ROLL_PROGRAMS), monthlyAmountFen: fen }),
  ),
});
export const rollCsvResponse = z
  .string()
  .meta({ description: 'UTF-8 CSV with a BOM and Chinese headers; cells that could start a formula are quoted' });
