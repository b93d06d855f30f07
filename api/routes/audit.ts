import { listAttention } from '../../db/attention-repo';
import { verifyCaseChain } from '../use-cases/audit-verify';
import { caseHistory, replayCase } from '../use-cases/audit';
import { listDenials } from '../../db/access-repo';
import type { ApiDeps } from '../deps';
import { listArea } from '../actor';
import { defineRoute, RouteSpec } from '../route';
import { attentionQuery, caseIdParams, errorSchema } from '../schemas';
import { areaPageQuery, paged } from '../paging';
import { attentionResponse } from '../responses-deadlines';
import { denialsResponse, historyResponse, replayResponse, verifyResponse } from '../responses';

export function auditRoutes(deps: ApiDeps): RouteSpec[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/cases/:caseId/audit/verify',
      tag: 'audit',
      roles: ['auditor'],
      params: caseIdParams,
      scope: 'case',
      summary:
        "Verify a case's audit trail (hashes, keyed MACs, and the count and head its workflow recorded); reports the first broken event",
      responses: {
        200: { description: 'intact, or the first broken event (seq, kind, problem)', schema: verifyResponse },
        404: { description: 'no such case', schema: errorSchema },
      },
      handler: async ({ params }) => ({ body: await verifyCaseChain(deps, deps.auditKey, params.caseId) }),
    }),
    defineRoute({
      method: 'get',
      path: '/api/cases/:caseId/audit/history',
      tag: 'audit',
      roles: ['auditor'],
      params: caseIdParams,
      scope: 'case',
      summary: 'The complete history of a case across all its runs, with the deadlines in force at each step',
      responses: {
        200: { description: 'runs, events and notices in order', schema: historyResponse },
        404: { description: 'no such case', schema: errorSchema },
      },
      handler: async ({ params }) => ({ body: await caseHistory(deps, params.caseId) }),
    }),
    defineRoute({
      method: 'post',
      path: '/api/cases/:caseId/audit/replay',
      tag: 'audit',
      roles: ['auditor'],
      params: caseIdParams,
      scope: 'case',
      summary: 'Re-execute every run of the case against the deployed workflow code; report where it diverges',
      responses: {
        200: { description: 'per run: follows, or the divergence', schema: replayResponse },
        404: { description: 'no such case', schema: errorSchema },
      },
      handler: async ({ params }) => ({ body: await replayCase(deps, deps.replayer ?? deps.replayOptions, params.caseId) }),
    }),
    defineRoute({
      method: 'get',
      path: '/api/supervision/access-denials',
      tag: 'audit',
      roles: ['supervisor', 'auditor'],
      query: areaPageQuery(200),
      summary: "Refused attempts (wrong role or area) by staff in one's jurisdiction",
      responses: { 200: { description: 'newest first, one page', schema: denialsResponse } },
      handler: async ({ actor, query }) => ({ body: await paged(() => listDenials(deps.db, listArea(actor, query.township), query)) }),
    }),
    defineRoute({
      method: 'get',
      path: '/api/supervision/attention',
      tag: 'supervision',
      roles: ['supervisor', 'auditor'],
      query: attentionQuery,
      summary: 'Cases needing attention (e.g. a broken audit chain that refuses their steps), most recent first',
      responses: { 200: { description: "one page of flagged cases in one's jurisdiction", schema: attentionResponse } },
      handler: async ({ actor, query }) => ({
        body: await listAttention(deps.db, listArea(actor, query.township), query.page, query.pageSize),
      }),
    }),
  ];
}
