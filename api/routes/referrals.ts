import { z } from 'zod';
import { label } from '../../domain/text-fields';
import { toCaseRow } from '../../db/case-repo';
import { listDepartments, saveDepartments } from '../../db/department-repo';
import { getReferral, listReferralEvents, listReferrals, overdueReferralsPage } from '../../db/referral-repo';
import type { Actor } from '../../domain/case';
import { referralFeedbackSchema, referralKinds, referralRequestSchema, referralStages } from '../../domain/referral';
import { listArea, requireArea } from '../actor';
import { areaPageQuery, paged } from '../paging';
import type { ApiDeps } from '../deps';
import { forbidden, notFound } from '../errors';
import { defineRoute, RouteSpec } from '../route';
import { errorSchema } from '../schemas';
import { createReferral, recordFeedback, referralDetail, referralView } from '../use-cases/referrals';
import { caseSummary } from '../views';
import {
  departmentsResponse,
  householdReferralsResponse,
  referralDetailResponse,
  referralEventsResponse,
  referralItemsResponse,
  referralListResponse,
  referralStateResponse,
} from '../responses-referrals';
import { READERS } from './cases';

const referralParams = z.object({ referralId: z.string().regex(/^RF-\d{9}-\d{4}-\d{6}$/, 'a referral id like RF-430921101-2026-000001') });
const paging = { page: z.coerce.number().int().min(1).default(1), pageSize: z.coerce.number().int().min(1).max(200).default(50) };
const listQuery = z.object({
  township: z
    .string()
    .regex(/^\d{9}$/)
    .optional(),
  householdId: label(40).optional(),
  stage: z.enum(referralStages).optional(),
  sla: z.enum(['on_time', 'warning', 'breached', 'met']).optional(),
  ...paging,
});
const countyParams = z.object({ county: z.string().regex(/^\d{6}$/, 'a 6-digit county code') });
const departmentsBody = z.object({
  departments: z
    .array(
      z.object({
        code: z.string().regex(/^[a-z0-9-]{2,40}$/),
        name: label(50),
        kinds: z.array(z.enum(referralKinds)).min(1),
        source: label(300).pipe(z.string().min(4, 'name where the list comes from, or mark it a local setting')),
      }),
    )
    .min(1)
    .max(50)
    .refine((l) => new Set(l.map((d) => d.code)).size === l.length, 'department codes are unique'),
});
const errors = {
  400: { description: 'invalid input, with field-level messages', schema: errorSchema },
  403: { description: 'wrong role or area', schema: errorSchema },
  404: { description: 'no such referral', schema: errorSchema },
};
const responses = { 200: { description: 'the referral', schema: referralDetailResponse }, ...errors };
const answered = { 409: { description: 'already answered', schema: errorSchema } };

/** A referral is in the caller's area when its township is: looked up before any input is read. */
const referralInArea = (deps: ApiDeps) => async (actor: Actor, params: { referralId: string }) => {
  const row = await getReferral(deps.db, params.referralId);
  if (!row) throw notFound(`no referral ${params.referralId}`);
  requireArea(actor, row.township);
};

export function referralRoutes(deps: ApiDeps): RouteSpec[] {
  const guard = referralInArea(deps);
  return [
    defineRoute({
      method: 'post',
      path: '/api/referrals',
      tag: 'referrals',
      roles: ['clerk'],
      body: referralRequestSchema,
      summary:
        'Refer a request for special assistance to the department in charge (分办/转办); the same request again returns the same referral',
      responses: {
        ...responses,
        200: { description: 'the same request again: the referral already sent', schema: referralDetailResponse },
        201: { description: 'referred; the feedback deadline is computed', schema: referralDetailResponse },
        202: { description: 'registered; the deadline follows shortly', schema: referralDetailResponse },
        404: { description: 'no such case (caseId)', schema: errorSchema },
        409: {
          description: 'OPEN_REFERRAL_EXISTS: an unanswered referral of this kind to this department (referralId)',
          schema: errorSchema,
        },
      },
      handler: async ({ actor, body }) => createReferral(deps, actor, body),
    }),
    defineRoute({
      method: 'get',
      path: '/api/referrals',
      tag: 'referrals',
      roles: READERS,
      query: listQuery,
      summary: "List referrals in one's area by township, household, stage and SLA (paged)",
      responses: { 200: { description: 'a page of referrals', schema: referralListResponse } },
      handler: async ({ actor, query }) => {
        const page = await listReferrals(deps.db, { ...query, within: listArea(actor, query.township) });
        return { body: { ...page, items: page.items.map(referralView) } };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/referrals/:referralId',
      tag: 'referrals',
      roles: READERS,
      params: referralParams,
      guard,
      summary: 'One referral with its state, deadline and feedback',
      responses,
      handler: async ({ params }) => ({ body: referralDetail((await getReferral(deps.db, params.referralId))!) }),
    }),
    defineRoute({
      method: 'get',
      path: '/api/referrals/:referralId/events',
      tag: 'referrals',
      roles: READERS,
      params: referralParams,
      guard,
      summary: "The referral's audit trail: sent, reminded, escalated, answered",
      responses: { ...errors, 200: { description: 'events in order', schema: referralEventsResponse } },
      handler: async ({ params }) => ({
        body: { referralId: params.referralId, events: await listReferralEvents(deps.db, params.referralId) },
      }),
    }),
    defineRoute({
      method: 'post',
      path: '/api/referrals/:referralId/feedback',
      tag: 'referrals',
      roles: ['clerk'],
      params: referralParams,
      guard,
      body: referralFeedbackSchema,
      summary: "Record the department's feedback (反馈): accepted with an amount or a service, or refused with the reason",
      responses: {
        ...errors,
        ...answered,
        200: { description: "the referral workflow's state with the feedback", schema: referralStateResponse },
      },
      handler: async ({ actor, params, body }) => ({ body: await recordFeedback(deps, actor, params.referralId, body) }),
    }),
    defineRoute({
      method: 'get',
      path: '/api/households/:householdId/referrals',
      tag: 'referrals',
      roles: READERS,
      params: z.object({ householdId: label(40) }),
      query: z.object({
        township: z
          .string()
          .regex(/^\d{9}$/)
          .optional(),
        ...paging,
      }),
      summary: "A household's cases and referrals in one's area (paged referrals; the 50 latest cases)",
      responses: { 200: { description: 'cases and referrals', schema: householdReferralsResponse } },
      handler: async ({ actor, params, query }) => {
        const within = listArea(actor, query.township);
        const cases = await deps.db.query(
          "SELECT * FROM cases WHERE household_id = $1 AND township LIKE $2 || '%' ORDER BY created_at DESC LIMIT 50",
          [params.householdId, within],
        );
        const referrals = await listReferrals(deps.db, {
          within,
          householdId: params.householdId,
          page: query.page,
          pageSize: query.pageSize,
        });
        return {
          body: {
            householdId: params.householdId,
            cases: cases.rows.map(toCaseRow).map(caseSummary),
            referrals: { ...referrals, items: referrals.items.map(referralView) },
          },
        };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/supervision/referrals-overdue',
      tag: 'supervision',
      roles: ['supervisor', 'auditor'],
      query: areaPageQuery(50),
      summary: 'Referrals a department did not answer in time (逾期未反馈), answered since or not, earliest due first (keyset-paged)',
      responses: { 200: { description: 'one page of referrals', schema: referralItemsResponse } },
      handler: async ({ actor, query }) => {
        const page = await paged(() => overdueReferralsPage(deps.db, listArea(actor, query.township), query));
        return { body: { items: page.items.map(referralView), nextCursor: page.nextCursor } };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/referral-departments',
      tag: 'referrals',
      roles: READERS,
      summary: "The departments one's county refers to, with the kinds of request each handles and the list's source",
      responses: { 200: { description: 'departments', schema: departmentsResponse } },
      handler: async ({ actor }) => {
        if (!actor.jurisdiction) throw forbidden(`${actor.id} has no jurisdiction`);
        const county = actor.jurisdiction.slice(0, 6);
        return { body: { county, departments: await listDepartments(deps.db, county) } };
      },
    }),
    defineRoute({
      method: 'put',
      path: '/api/referral-departments/:county',
      tag: 'referrals',
      roles: ['supervisor'],
      params: countyParams,
      body: departmentsBody,
      guard: async (actor, params) => {
        if (actor.jurisdiction !== params.county)
          throw forbidden(`the referral departments of county ${params.county} are set by a supervisor of that county`);
      },
      summary: "Replace a county's list of referral departments (each with its source); referrals already sent keep their department",
      responses: {
        200: { description: 'the new list', schema: departmentsResponse },
        400: { description: 'invalid list', schema: errorSchema },
      },
      handler: async ({ actor, params, body }) => {
        await saveDepartments(deps.db, params.county, body.departments, actor.id);
        return { body: { county: params.county, departments: await listDepartments(deps.db, params.county) } };
      },
    }),
  ];
}
