import { listEvents } from '../../db/audit-repo';
import { listCases } from '../../db/case-queries';
import { listNotices } from '../../db/notice-repo';
import { applicationSchema } from '../../domain/application';
import { acceptCase } from '../use-cases/accept-case';
import { caseDetailJson } from '../use-cases/read-case';
import type { ApiDeps } from '../deps';
import { listArea } from '../actor';
import { paged } from '../paging';
import { defineRoute, RouteSpec } from '../route';
import { caseIdParams, errorSchema, listQuery } from '../schemas';
import { caseSummary } from '../views';
import { caseDetailResponse, caseListResponse, eventsResponse, noticesResponse } from '../responses';
import { ledgerResponse } from '../responses-deadlines';

export const READERS = ['clerk', 'approver', 'coordinator', 'supervisor', 'auditor'] as const;

export function caseRoutes(deps: ApiDeps): RouteSpec[] {
  return [
    defineRoute({
      method: 'post',
      path: '/api/cases',
      tag: 'cases',
      roles: ['clerk'],
      summary: 'Accept an application (受理申请); the same request again returns the same case',
      body: applicationSchema,
      responses: {
        201: { description: 'case accepted; the workflow has computed its due date', schema: caseDetailResponse },
        200: { description: 'the same request was accepted before: that case', schema: caseDetailResponse },
        202: { description: 'registered; the worker has not yet computed the due date (GET the case shortly)', schema: caseDetailResponse },
        400: { description: 'invalid or incomplete (一次性告知: every missing item at once)', schema: errorSchema },
        409: { description: 'the household already has another open case of this program', schema: errorSchema },
      },
      handler: async ({ actor, body }) => {
        const r = await acceptCase(deps, actor, body);
        return { status: r.status, body: r.body };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/cases',
      tag: 'cases',
      roles: READERS,
      query: listQuery,
      summary: 'List cases by stage, program, township and SLA status, newest first (keyset-paged: follow nextCursor)',
      responses: { 200: { description: 'a page of case summaries', schema: caseListResponse } },
      handler: async ({ query, actor }) => {
        const { cursor, limit = query.pageSize, page: pageNo, ...filter } = query;
        const page = await paged(() =>
          listCases(deps.db, { ...filter, cursor, limit, page: pageNo, within: listArea(actor, query.township) }),
        );
        return { body: { ...page, items: page.items.map(caseSummary), page: cursor ? 1 : pageNo, pageSize: limit } };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/cases/:caseId',
      tag: 'cases',
      roles: READERS,
      params: caseIdParams,
      scope: 'case',
      summary: 'One case with its full state',
      responses: {
        200: { description: 'the case', schema: caseDetailResponse },
        404: { description: 'no such case', schema: errorSchema },
      },
      handler: async ({ caseRow }) => ({ body: caseDetailJson(caseRow), contentType: 'application/json; charset=utf-8' }),
    }),
    defineRoute({
      method: 'get',
      path: '/api/cases/:caseId/events',
      tag: 'cases',
      roles: READERS,
      params: caseIdParams,
      scope: 'case',
      summary: 'The audit trail of a case: who did what, in what role, when and why',
      responses: {
        200: { description: 'events in order', schema: eventsResponse },
        404: { description: 'no such case', schema: errorSchema },
      },
      handler: async ({ params }) => ({ body: { caseId: params.caseId, events: await listEvents(deps.db, params.caseId) } }),
    }),
    defineRoute({
      method: 'get',
      path: '/api/cases/:caseId/notices',
      tag: 'cases',
      roles: READERS,
      params: caseIdParams,
      scope: 'case',
      summary: 'Public notices (公示) and decision notices of a case',
      responses: { 200: { description: 'notices', schema: noticesResponse }, 404: { description: 'no such case', schema: errorSchema } },
      handler: async ({ params }) => ({ body: { caseId: params.caseId, notices: await listNotices(deps.db, params.caseId) } }),
    }),
    defineRoute({
      method: 'get',
      path: '/api/cases/:caseId/deadlines',
      tag: 'cases',
      roles: READERS,
      params: caseIdParams,
      scope: 'case',
      summary: 'The deadline ledger (期限台账) of a case: every time limit with its start, budget, due date and log of changes',
      responses: {
        200: { description: 'ledger entries; legacy: true for cases started before the ledger', schema: ledgerResponse },
        404: { description: 'no such case', schema: errorSchema },
      },
      handler: async ({ params, caseRow }) => {
        const ledger = (caseRow.state as { ledger?: unknown[] } | null)?.ledger;
        return { body: { caseId: params.caseId, legacy: ledger === undefined, entries: ledger ?? [] } };
      },
    }),
  ];
}
