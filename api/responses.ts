import { z } from 'zod';
import { programs } from '../domain/application';
import { benefitStages } from '../domain/benefit';
import { roles, slaStatuses, stages } from '../domain/case';
import { policyProfileSchema } from '../domain/policy';
import { temporaryKinds, temporaryStages } from '../domain/temporary';
import { nextCursorField } from './paging';

// Response bodies as the handlers build them (api/views.ts, db/*-repo.ts, the use cases): the
// OpenAPI document states them and the contract fuzz (npm run test:fuzz) checks every answer
// against them. Large, free-form parts (a workflow's state, an event's data) stay open objects
// with their identifying fields named.

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);
const timestamp = z.string().meta({ format: 'date-time' });
const fen = z.number().int();
const anyStage = z.enum([...new Set([...stages, ...benefitStages, ...temporaryStages])] as [string, ...string[]]);
const openObject = z.record(z.string(), z.unknown());
const actorRef = z.object({ id: z.string(), role: z.enum(roles) });

/** api/views.ts caseSummary: what lists show. */
export const caseSummaryResponse = z.object({
  caseId: z.string(),
  program: z.enum([...programs, ...temporaryKinds]),
  township: z.string(),
  householdId: z.string(),
  applicant: z.object({ name: z.string(), idNumberMasked: z.string() }),
  memberCount: z.number().int(),
  stage: anyStage,
  sla: z.enum(slaStatuses),
  acceptedOn: date.nullable(),
  dueDate: date.nullable(),
  dueProvisional: z.boolean(),
  warnOn: date.nullable(),
  extended: z.boolean(),
  decision: z.string().nullable(),
  decidedOn: date.nullable(),
  monthlyAmountFen: fen.nullable(),
  profile: z.object({ id: z.string(), version: z.number().int().nullable() }),
  staffRelated: z.boolean(),
  updatedAt: timestamp,
});

/** The workflow's own state (application, benefit period or temporary aid): named by case and stage. */
export const caseStateResponse = z.looseObject({ caseId: z.string(), stage: anyStage }).meta({
  description: 'the workflow state of the case (application, benefit period or temporary assistance); further fields depend on the phase',
});

/** api/views.ts caseDetail. */
export const caseDetailResponse = caseSummaryResponse.extend({ state: caseStateResponse.nullable() });

export const caseListResponse = z.object({
  items: z.array(caseSummaryResponse),
  total: z.number().int().meta({ description: 'matching cases, counted up to 10,000 (see totalCapped)' }),
  totalCapped: z.boolean().meta({ description: 'true: more than 10,000 cases match; total shows 10,000' }),
  page: z.number().int(),
  pageSize: z.number().int(),
  nextCursor: nextCursorField,
});
export const caseItemsResponse = z.object({ items: z.array(caseSummaryResponse), nextCursor: nextCursorField });
export const dueSoonResponse = caseItemsResponse.extend({ today: date, until: date, provisional: z.boolean() });

export const eventResponse = z.object({
  seq: z.number().int(),
  type: z.string(),
  stage: z.string(),
  actor: z.object({ id: z.string(), role: z.string() }),
  reason: z.string().nullable(),
  data: openObject,
  occurredAt: timestamp,
  dueDate: date.nullable(),
  prevHash: z.string().nullable(),
  hash: z.string(),
  runId: z.string().nullable(),
});
const noticeResponse = z.object({
  noticeId: z.string(),
  caseId: z.string(),
  kind: z.enum(['public_notice', 'decision_notice', 'termination_notice']),
  status: z.string(),
  startsOn: date.nullable(),
  endsOn: date.nullable(),
  title: z.string(),
  body: z.string(),
  data: openObject,
});
export const eventsResponse = z.object({ caseId: z.string(), events: z.array(eventResponse) });
export const noticesResponse = z.object({ caseId: z.string(), notices: z.array(noticeResponse) });
export const historyResponse = z.object({
  caseId: z.string(),
  runs: z.array(z.string()),
  events: z.array(eventResponse),
  notices: z.array(noticeResponse),
});

/** db/audit-verify.ts ChainReport. */
export const verifyResponse = z.object({
  caseId: z.string(),
  events: z.number().int(),
  intact: z.boolean(),
  firstBroken: z
    .object({
      seq: z.number().int(),
      kind: z.enum(['deleted', 'inserted', 'altered', 'relinked', 'rehashed', 'mac_removed']),
      problem: z.string(),
    })
    .nullable()
    .meta({ description: 'the first event whose content, hash, MAC, link or place does not hold' }),
  legacyEvents: z.number().int().meta({ description: 'events recorded before MACs existed, checked by the hash chain alone' }),
  anchor: z
    .object({ source: z.enum(['workflow', 'none']), eventCount: z.number().int().nullable(), headCount: z.number().int().nullable() })
    .meta({ description: "where the expected count and head came from: the case's workflow, or none when its history is no longer kept" }),
});
export const replayResponse = z.object({
  caseId: z.string(),
  runs: z.number().int(),
  allFollow: z.boolean(),
  reports: z.array(z.object({ runId: z.string(), ok: z.boolean(), error: z.string().nullable(), note: z.string().optional() })),
});
export const denialsResponse = z.object({
  items: z.array(
    z.object({
      at: timestamp,
      actor: z.object({ id: z.string(), role: z.string(), jurisdiction: z.string().nullable() }),
      method: z.string(),
      path: z.string(),
      reason: z.string(),
    }),
  ),
  nextCursor: nextCursorField,
});

export const calendarYearsResponse = z.object({
  years: z.array(z.object({ year: z.number().int(), source: z.string(), loadedBy: z.string(), loadedAt: timestamp })),
});
export const calendarYearResponse = z.object({
  year: z.number().int(),
  holidays: z.array(date),
  workdays: z.array(date),
  source: z.string(),
});
export const calendarLoadedResponse = z.object({
  year: z.number().int(),
  casesNotified: z.number().int(),
  fanOut: z
    .object({ workflowId: z.string(), done: z.boolean(), missed: z.number().int() })
    .meta({ description: 'the workflow telling open cases to re-plan; done: false while a large fan-out carries on' }),
});

export const profilesResponse = z.object({
  profiles: z.array(z.object({ id: z.string(), version: z.number().int(), name: z.string(), region: z.string() })),
});
export const profileResponse = policyProfileSchema;

/** activities/payroll.ts PayrollSummary; open, as the batched run reports more of what it did. */
export const payrollRunResponse = z.looseObject({
  period: month,
  paid: z.number().int().optional(),
  alreadyPaid: z.number().int().optional(),
  totalFen: fen.optional(),
});
const paymentResponse = z.object({
  caseId: z.string(),
  period: month,
  program: z.string(),
  township: z.string(),
  months: z.array(month),
  amountFen: fen,
  dueOn: date,
  payee: z.string(),
  kind: z
    .enum(['regular', 'back_pay'])
    .meta({ description: 'back_pay: a 补发 line (调标 with back pay) for months paid at the old amount' }),
  adjustmentId: z.string().optional(),
  note: z.string(),
});
export const payrollResponse = z.object({
  period: month,
  count: z.number().int().meta({ description: "payments in the whole roster of the area (every page's)" }),
  totalFen: fen.meta({ description: 'their sum' }),
  items: z.array(paymentResponse),
  nextCursor: nextCursorField,
});
export const csvResponse = z.string().meta({ description: 'UTF-8 CSV with a BOM and Chinese headers' });

/** The county mechanism's decision (一事一议), as recorded. */
export const deliberationResponse = z.object({
  outcome: z.enum(['grant', 'refuse']),
  amountFen: fen,
  reasons: z.array(z.string()),
  meetingOn: date,
  participants: z.number().int(),
  by: actorRef.loose(),
});

/** Temporal's JSON payloads (the Web UI's codec protocol). */
export const codecPayload = z.object({ metadata: z.record(z.string(), z.string()), data: z.string() });
export const codecResponse = z.object({ payloads: z.array(codecPayload) });
export const htmlResponse = z.string().meta({ description: 'an HTML page' });
