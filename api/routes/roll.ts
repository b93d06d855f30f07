import { z } from 'zod';
import { label } from '../../domain/text-fields';
import { eventMonth } from '../../domain/bounded-fields';
import { rollFor } from '../../db/roll-repo';
import { requireArea } from '../actor';
import type { ApiDeps } from '../deps';
import { defineRoute, RouteSpec } from '../route';
import { rollCsv, rollHtml } from '../roll-page';
import { READERS } from './cases';
import { htmlResponse } from '../responses';
import { rollCsvResponse, rollResponse } from '../responses-referrals';

const rollQuery = z.object({
  township: z.string().regex(/^\d{9}$/, 'the 9-digit township code'),
  village: label(),
  month: eventMonth(),
});
const paged = rollQuery.extend({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
// A village's roll is a notice-board page, far below this; the bound keeps one export from reading without limit.
const EXPORT_MAX = 5000;

export function rollRoutes(deps: ApiDeps): RouteSpec[] {
  const whole = async (actor: Parameters<typeof requireArea>[0], q: z.infer<typeof rollQuery>) => {
    requireArea(actor, q.township);
    return { ...q, ...(await rollFor(deps.db, { ...q, page: 1, pageSize: EXPORT_MAX })) };
  };
  const file = (q: z.infer<typeof rollQuery>, ext: string) =>
    `attachment; filename="roll-${q.township}-${q.month}.${ext}"; filename*=UTF-8''${encodeURIComponent(`公示名册-${q.village}-${q.month}.${ext}`)}`;
  return [
    defineRoute({
      method: 'get',
      path: '/api/roll',
      tag: 'roll',
      roles: READERS,
      query: paged,
      summary:
        'The published roll (公示名册) of a village for a month: masked head of household, household size, program, monthly amount (paged)',
      responses: { 200: { description: 'a page of the roll, with the total count and amount', schema: rollResponse } },
      handler: async ({ actor, query }) => {
        requireArea(actor, query.township);
        const r = await rollFor(deps.db, query);
        return {
          body: { township: query.township, village: query.village, month: query.month, page: query.page, pageSize: query.pageSize, ...r },
        };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/roll/print.html',
      tag: 'roll',
      roles: READERS,
      query: rollQuery,
      summary: 'The roll as a printable page for the village notice board (Simplified Chinese, no scripts)',
      responses: { 200: { description: 'the roll page (Chinese)', schema: htmlResponse, contentType: 'text/html' } },
      handler: async ({ actor, query }) => ({ contentType: 'text/html; charset=utf-8', body: rollHtml(await whole(actor, query)) }),
    }),
    defineRoute({
      method: 'get',
      path: '/api/roll/export.csv',
      tag: 'roll',
      roles: READERS,
      query: rollQuery,
      summary: 'The roll as CSV (UTF-8, Chinese headers, no formulas)',
      responses: {
        200: {
          description: 'the roll as a CSV file',
          schema: rollCsvResponse,
          contentType: 'text/csv',
          headers: {
            'Content-Disposition': { description: 'attachment, named after the township, village and month', schema: z.string() },
          },
        },
      },
      handler: async ({ actor, query }) => ({
        contentType: 'text/csv; charset=utf-8',
        headers: { 'Content-Disposition': file(query, 'csv') },
        body: rollCsv(await whole(actor, query)),
      }),
    }),
  ];
}
