import type { Response } from 'express';
import { rosterLinePage, rosterLines, rosterMonths, rosterTotals } from '../db/roster-repo';
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
import { printView, ROSTER_HEAD, rosterRows, SIGNATURES } from './payroll-print';

/** The months with a roster to pick from; a month asked for that has none is listed too, said so. */
function monthPicker(months: string[], period: string): string {
  const all = months.includes(period) ? months : [period, ...months];
  return `<label for="p-period">所属月份<select id="p-period" name="period">${all
    .map(
      (m) => `<option value="${esc(m)}"${m === period ? ' selected' : ''}>${esc(m)}${months.includes(m) ? '' : '（无发放记录）'}</option>`,
    )
    .join('')}</select></label>`;
}

/** 发放花名册: the roster GET /api/payroll/:period returns, with totals per township and program; `print=all` prints the whole month. */
export async function payrollPage(deps: ApiDeps, actor: Actor, raw: Record<string, unknown>): Promise<string> {
  requireRole(actor, SUPERVISION, 'GET /console/payroll');
  const { township, cursor, limit } = parseOr400(
    areaPageQuery(200),
    Object.fromEntries(Object.entries({ township: raw.township, cursor: raw.cursor, limit: raw.limit }).filter(([, v]) => v)),
    'query',
  );
  const asked = raw.period ? parseOr400(periodParams, { period: raw.period }, 'query').period : undefined;
  const within = listArea(actor, township);
  const months = await rosterMonths(deps.db, within);
  // Opens on the latest month with a roster: the current month is often not paid yet.
  const period = asked ?? months[0] ?? shanghaiDate(Date.now()).slice(0, 7);
  const totals = await rosterTotals(deps.db, period, within);
  const count = totals.reduce((s, t) => s + t.count, 0);
  const sum = totals.reduce((s, t) => s + t.fen, 0);
  const form = `<form class="filters noprint" method="get" action="/console/payroll">${monthPicker(months, period)}
<label for="p-township">乡镇代码（可不填）<input id="p-township" name="township" value="${esc(township ?? '')}" pattern="\\d{9}" size="10"></label>
<button type="submit">查询</button></form>${months.length ? '' : '<p>辖区内尚无发放记录。</p>'}`;
  const head = `<p>辖区 ${esc(within)}，${esc(period)} 全月共发放 ${count} 笔，合计 ${yuan(sum)}。
<a class="noprint" id="csv" href="/console/payroll/${esc(period)}/export.csv${qs({ township })}">下载 CSV（银行/财政用）</a></p>
<h2>按乡镇、项目合计</h2>${table(
    ['乡镇街道', '项目', '笔数', '金额'],
    totals.map((t) => [esc(t.township), label(PROGRAM, t.program), String(t.count), yuan(t.fen)]),
  )}`;
  if (raw.print === 'all') {
    const body = await printView(deps, { period, within, township, count, sum, totals });
    return page(`发放花名册 ${period}（全月）`, `${form}${head}${body}`, actor, ['/console/assets/print.js']);
  }
  const res = await paged(() => rosterLinePage(deps.db, period, within, { cursor, limit }));
  const whole = !cursor && !res.nextCursor;
  const pageFen = res.items.reduce((s, p) => s + p.amountFen, 0);
  const printAll = `<a href="/console/payroll${qs({ period, township, print: 'all' })}">打印全月花名册（共 ${count} 笔）</a>`;
  // A page of several must never pass for the roster: it says so on screen and on paper, and carries no signature lines.
  const partial = whole
    ? ''
    : `<p class="notice" role="note">本页只列出全月 ${count} 笔中的 ${res.items.length} 笔（本页合计 ${yuan(pageFen)}），不是完整花名册。
签字发放请用<span class="noprint">「${printAll}」</span><span class="print-only">“打印全月花名册”</span>。</p>`;
  const next = res.nextCursor
    ? `<a href="/console/payroll${qs({ period, township, limit: raw.limit ? limit : undefined, cursor: res.nextCursor })}" rel="next">下一页</a>`
    : '';
  const first = cursor ? `<a href="/console/payroll${qs({ period, township, limit: raw.limit ? limit : undefined })}">第一页</a>` : '';
  const body = `${partial}<h2>花名册</h2>${table(ROSTER_HEAD, rosterRows(res.items))}
<p>本页 ${res.items.length} 笔，合计 ${yuan(pageFen)}。<span class="noprint">${first} ${next} ${whole ? '' : printAll}</span></p>${whole ? SIGNATURES : ''}`;
  return page(`发放花名册 ${period}`, `${form}${head}${body}`, actor);
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
