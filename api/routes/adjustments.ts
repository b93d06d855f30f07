import { z } from 'zod';
import { getAdjustment, listAdjustments } from '../../db/adjustment-repo';
import { adjustmentDraftSchema } from '../../domain/adjustment-draft';
import type { ApiDeps } from '../deps';
import { notFound } from '../errors';
import { adjustmentListResponse, adjustmentResponse, previewResponse } from '../responses-adjustments';
import { csvResponse } from '../responses';
import { defineRoute, RouteSpec } from '../route';
import { errorSchema } from '../schemas';
import { previewCsv, previewCsvHeaders } from '../use-cases/adjustment-csv';
import { draftContext } from '../use-cases/adjustment-draft-context';
import { preview } from '../use-cases/adjustment-preview';
import { publishAdjustment } from '../use-cases/adjustment-publish';
import { withdrawableBy, withdrawAdjustment } from '../use-cases/adjustment-withdraw';
import { text } from '../../domain/text-fields';

// 调标: preview a draft over the live cases of one's area, publish it (issuing level only), read what was published.

export const PREVIEW_ROLES = ['supervisor', 'approver', 'auditor'] as const;
export const MAX_PREVIEW_ROWS = 500;

const rowsChoice = z.enum(['affected', 'all']).default('affected').meta({ description: 'affected: only cases the draft changes' });
const previewQuery = z.object({
  after: z
    .string()
    .regex(/^[A-Z]{2}-\d{9}-\d{4}-\d{6,}$/, 'a case id')
    .optional(),
  limit: z.coerce.number().int().min(1).max(MAX_PREVIEW_ROWS).default(100),
  rows: rowsChoice,
});
const idParams = z.object({ id: z.string().regex(/^ADJ-[a-z0-9-]+-v\d+$/, 'an adjustment id like ADJ-hunan-datonghu-2021-v5') });
const listQuery = z.object({
  profileId: z
    .string()
    .regex(/^[a-z0-9-]+$/)
    .optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
const refusals = {
  400: { description: 'bad draft: field errors', schema: errorSchema },
  403: { description: "the profile is not bound in the caller's area", schema: errorSchema },
  409: { description: 'baseVersion is not the latest version (STALE_BASE_VERSION)', schema: errorSchema },
};

export function adjustmentRoutes(deps: ApiDeps): RouteSpec[] {
  return [
    defineRoute({
      method: 'post',
      path: '/api/adjustments/preview',
      tag: 'adjustments',
      roles: PREVIEW_ROLES,
      query: previewQuery,
      body: adjustmentDraftSchema,
      summary: "Preview a 调标 draft over the live cases of one's area: amounts now and from the effective month, per township and program",
      responses: { 200: { description: 'summary (first page) and a page of per-case rows', schema: previewResponse }, ...refusals },
      handler: async ({ query, body, actor }) => ({ body: await preview(deps, await draftContext(deps, actor, body), query) }),
    }),
    defineRoute({
      method: 'post',
      path: '/api/adjustments/preview.csv',
      tag: 'adjustments',
      roles: PREVIEW_ROLES,
      query: z.object({ rows: rowsChoice }),
      body: adjustmentDraftSchema,
      summary: 'The preview as CSV (UTF-8, Chinese headers, amounts in 元): every affected case, or every live case with rows=all',
      responses: {
        200: {
          description: 'text/csv',
          schema: csvResponse,
          contentType: 'text/csv',
          headers: { 'Content-Disposition': { description: 'attachment; filename="adjustment-preview-….csv"', schema: z.string() } },
        },
        ...refusals,
      },
      handler: async ({ query, body, actor }) => {
        const ctx = await draftContext(deps, actor, body);
        return { contentType: 'text/csv; charset=utf-8', headers: previewCsvHeaders(ctx), body: await previewCsv(deps, ctx, query.rows) };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/adjustments',
      tag: 'adjustments',
      roles: ['supervisor'],
      body: adjustmentDraftSchema,
      summary:
        'Publish a 调标 draft as the next profile version (a supervisor of the level the profile is bound at); new acceptances follow it',
      responses: {
        201: { description: 'the published adjustment; the apply batch takes it from here', schema: adjustmentResponse },
        ...refusals,
        403: { description: 'not a supervisor of the issuing level (the region the profile is bound at)', schema: errorSchema },
      },
      handler: async ({ body, actor }) => ({ status: 201, body: await publishAdjustment(deps, actor, body) }),
    }),
    defineRoute({
      method: 'get',
      path: '/api/adjustments',
      tag: 'adjustments',
      roles: PREVIEW_ROLES,
      query: listQuery,
      summary: 'Published adjustments, newest first, a withdrawn one with its withdrawal (paged; optionally of one profile)',
      responses: { 200: { description: 'a page of adjustments', schema: adjustmentListResponse } },
      handler: async ({ query }) => ({
        body: { ...(await listAdjustments(deps.db, query)), page: query.page, pageSize: query.pageSize },
      }),
    }),
    defineRoute({
      method: 'get',
      path: '/api/adjustments/:id',
      tag: 'adjustments',
      roles: PREVIEW_ROLES,
      params: idParams,
      summary: 'One published adjustment: its draft, versions, effective month and publisher',
      responses: {
        200: { description: 'the adjustment', schema: adjustmentResponse },
        404: { description: 'no such adjustment', schema: errorSchema },
      },
      handler: async ({ params }) => {
        const a = await getAdjustment(deps.db, params.id);
        if (!a) throw notFound(`no adjustment ${params.id}`);
        return { body: a };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/adjustments/:id/withdraw',
      tag: 'adjustments',
      roles: ['supervisor'],
      params: idParams,
      guard: async (actor, params) => void (await withdrawableBy(deps, actor, params.id)),
      body: z.object({ reason: text(500) }),
      summary:
        'Withdraw (撤回) a published 调标 before it is applied: its version is no longer the latest and its bindings no longer take effect',
      responses: {
        200: { description: 'the adjustment, with its withdrawal', schema: adjustmentResponse },
        400: { description: 'no reason given', schema: errorSchema },
        403: { description: 'not a supervisor of the level that published it', schema: errorSchema },
        404: { description: 'no such adjustment', schema: errorSchema },
        409: {
          description: 'already withdrawn, its apply run started, a later adjustment built on it, or cases already run under its version',
          schema: errorSchema,
        },
      },
      handler: async ({ params, body, actor }) => ({ body: await withdrawAdjustment(deps, actor, params.id, body.reason) }),
    }),
  ];
}
