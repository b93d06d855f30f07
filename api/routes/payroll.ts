import { z } from 'zod';
import type { payrollWorkflow } from '../../workflows';
import type { PaymentRow } from '../../db/payroll-repo';
import { rosterLinePage, rosterLines, rosterTotals } from '../../db/roster-repo';
import { listArea } from '../actor';
import { areaPageQuery, paged } from '../paging';
import { shanghaiDate } from '../../domain/calendar';
import { programLabel } from '../../domain/program-names';
import { badRequest } from '../errors';
import type { ApiDeps } from '../deps';
import { defineRoute, RouteSpec } from '../route';
import { breachedQuery, errorSchema, periodParams } from '../schemas';
import { csvResponse, payrollResponse, payrollRunResponse } from '../responses';

// A text cell a spreadsheet would read as a formula (= + - @, tab, CR) is prefixed with ' (OWASP CSV injection); numbers stay numbers.
export const csvCell = (v: string | number) => {
  const s = typeof v === 'string' && /^[=+\-@\t\r]/.test(v) ? `'${v}` : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** The download's headers: a file name with the period and area, so saved rosters do not overwrite each other. */
export const csvHeaders = (period: string, within: string) => ({
  'Content-Disposition': `attachment; filename="payroll-${period}-${within}.csv"`,
});

export function toCsv(rows: (PaymentRow & { note?: string })[]): string {
  const head = ['案件编号', '项目', '乡镇街道', '收款人', '所属月份', '金额（元）', '发放截止日', '备注'];
  const lines = rows.map((r) =>
    [r.caseId, programLabel(r.program), r.township, r.payee, r.months.join(' '), (r.amountFen / 100).toFixed(2), r.dueOn, r.note ?? '']
      .map(csvCell)
      .join(','),
  );
  // A BOM so spreadsheet programs read the Chinese headers as UTF-8.
  return `\uFEFF${[head.join(','), ...lines].join('\r\n')}\r\n`;
}

export function payrollRoutes(deps: ApiDeps): RouteSpec[] {
  return [
    defineRoute({
      method: 'post',
      path: '/api/payroll/:period/run',
      tag: 'payroll',
      roles: ['supervisor'],
      params: periodParams,
      summary: "Run the payroll of one's area for a month now (the schedule runs all areas on the 1st); a re-run pays nobody twice",
      responses: {
        200: { description: 'paid now, already paid, total in fen', schema: payrollRunResponse },
        400: { description: 'bad period', schema: errorSchema },
      },
      handler: async ({ params, actor }) => {
        // Demo sandboxes run case time ahead of the clock: their months may lie in the real future.
        if (!deps.demoSpeed && params.period > shanghaiDate(Date.now()).slice(0, 7))
          throw badRequest('no payroll for a future month', [{ path: 'params.period', message: `${params.period} has not begun` }]);
        const within = listArea(actor);
        return {
          body: await deps.temporal.workflow.execute<typeof payrollWorkflow>('payrollWorkflow', {
            workflowId: `payroll-${params.period}-${within}`,
            taskQueue: deps.taskQueue,
            args: [{ period: params.period, within }],
            workflowIdConflictPolicy: 'USE_EXISTING',
          }),
        };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/payroll/:period',
      tag: 'payroll',
      roles: ['supervisor', 'auditor'],
      params: periodParams,
      query: areaPageQuery(200),
      summary:
        "The payment roster of a month (发放花名册), per township in one's area, one page at a time; count and total of the whole roster",
      responses: { 200: { description: 'one page of payments, with the count and total of the whole roster', schema: payrollResponse } },
      handler: async ({ params, query, actor }) => {
        const within = listArea(actor, query.township);
        const [page, totals] = await Promise.all([
          paged(() => rosterLinePage(deps.db, params.period, within, query)),
          rosterTotals(deps.db, params.period, within),
        ]);
        const count = totals.reduce((s, t) => s + t.count, 0);
        return { body: { period: params.period, count, totalFen: totals.reduce((s, t) => s + t.fen, 0), ...page } };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/payroll/:period/export.csv',
      tag: 'payroll',
      roles: ['supervisor', 'auditor'],
      params: periodParams,
      query: breachedQuery,
      summary: 'The roster as CSV (UTF-8, Chinese headers), for the bank or the finance office',
      responses: {
        200: {
          description: 'text/csv',
          schema: csvResponse,
          contentType: 'text/csv',
          headers: { 'Content-Disposition': { description: 'attachment; filename="payroll-<period>-<area>.csv"', schema: z.string() } },
        },
      },
      handler: async ({ params, query, actor }) => {
        const within = listArea(actor, query.township);
        return {
          contentType: 'text/csv; charset=utf-8',
          headers: csvHeaders(params.period, within),
          body: toCsv(await rosterLines(deps.db, params.period, within)),
        };
      },
    }),
  ];
}
