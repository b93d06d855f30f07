import type { Response } from 'express';
import { rosterLinePage, rosterLines, rosterTotals } from '../db/roster-repo';
import type { ApiDeps } from '../api/deps';
import { listArea, requireRole } from '../api/actor';
import { parseOr400 } from '../api/errors';
import { areaPageQuery, paged } from '../api/paging';
import { csvHeaders, toCsv } from '../api/routes/payroll';
import { breachedQuery, periodParams } from '../api/schemas';
import { shanghaiDate } from '../domain/calendar';
import type { Actor } from '../domain/case';
import { label, PROGRAM, yuan } from './labels';
import { esc, page, qs, table } from './layout';
import { SUPERVISION } from './overview';

const periodOf = (raw: unknown) => parseOr400(periodParams, { period: raw || shanghaiDate(Date.now()).slice(0, 7) }, 'query').period;

/** 发放花名册: the roster GET /api/payroll/:period returns, with totals per township and program, printable for signing. */
export async function payrollPage(deps: ApiDeps, actor: Actor, raw: Record<string, unknown>): Promise<string> {
  requireRole(actor, SUPERVISION, 'GET /console/payroll');
  const period = periodOf(raw.period);
  const { township, cursor, limit } = parseOr400(
    areaPageQuery(200),
    Object.fromEntries(Object.entries({ township: raw.township, cursor: raw.cursor, limit: raw.limit }).filter(([, v]) => v)),
    'query',
  );
  const within = listArea(actor, township);
  // Totals from one grouped index-only scan; the roster itself a page at a time (#11).
  const [totals, res] = await Promise.all([
    rosterTotals(deps.db, period, within),
    paged(() => rosterLinePage(deps.db, period, within, { cursor, limit })),
  ]);
  const items = res.items;
  const sum = totals.reduce((s, t) => s + t.fen, 0);
  const next = res.nextCursor
    ? `<p class="noprint"><a href="/console/payroll${qs({ period, township, cursor: res.nextCursor })}" rel="next">下一页</a></p>`
    : '';
  const body = `<form class="filters" method="get" action="/console/payroll">
<label for="p-period">所属月份<input id="p-period" name="period" value="${esc(period)}" pattern="\\d{4}-\\d{2}" size="8"></label>
<label for="p-township">乡镇代码（可不填）<input id="p-township" name="township" value="${esc(township ?? '')}" pattern="\\d{9}" size="10"></label>
<button type="submit">查询</button></form>
<p>辖区 ${esc(within)}，${esc(period)} 共发放 ${totals.reduce((s, t) => s + t.count, 0)} 笔，合计 ${yuan(sum)}。
<a class="noprint" id="csv" href="/console/payroll/${esc(period)}/export.csv${qs({ township })}">下载 CSV（银行/财政用）</a></p>
<h2>按乡镇、项目合计</h2>${table(
    ['乡镇街道', '项目', '笔数', '金额'],
    totals.map((t) => [esc(t.township), label(PROGRAM, t.program), String(t.count), yuan(t.fen)]),
  )}
<h2>花名册</h2>${table(
    ['案件编号', '项目', '乡镇街道', '收款人', '所属月份', '金额', '发放截止日', '备注'],
    items.map((p) => [
      `<a href="/console/cases/${esc(p.caseId)}">${esc(p.caseId)}</a>`,
      label(PROGRAM, p.program),
      esc(p.township),
      esc(p.payee),
      esc(p.months.join('、')),
      yuan(p.amountFen),
      esc(p.dueOn),
      esc(p.note),
    ]),
  )}${next}
<div class="signatures"><p>制表人：__________　审核人：__________　负责人：__________　日期：__________</p></div>`;
  return page(`发放花名册 ${period}`, body, actor);
}

/** The API's own CSV (same headers, same formula-injection guard), for the cookie-signed console. */
export async function payrollCsv(deps: ApiDeps, actor: Actor, period: string, raw: Record<string, unknown>, res: Response): Promise<void> {
  requireRole(actor, SUPERVISION, 'GET /console/payroll/:period/export.csv');
  const p = parseOr400(periodParams, { period }, 'params').period;
  const township = parseOr400(breachedQuery, raw.township ? { township: raw.township } : {}, 'query').township;
  const within = listArea(actor, township);
  res
    .set(csvHeaders(p, within))
    .type('text/csv; charset=utf-8')
    .send(toCsv(await rosterLines(deps.db, p, within)));
}
