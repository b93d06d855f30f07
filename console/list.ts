import { z } from 'zod';
import { listDenials } from '../db/access-repo';
import { listAttention } from '../db/attention-repo';
import { listCases } from '../db/case-queries';
import type { ApiDeps } from '../api/deps';
import { listArea, requireRole } from '../api/actor';
import { parseOr400 } from '../api/errors';
import { areaPageQuery, paged } from '../api/paging';
import { READERS } from '../api/routes/cases';
import { attentionQuery, listQuery } from '../api/schemas';
import { workingDaysFromToday } from '../api/use-cases/calendar';
import { caseSummary } from '../api/views';
import type { Actor } from '../domain/case';
import { beijingTime, denialReason, label, PROGRAM, ROLE, SLA, STAGE } from './labels';
import { esc, page, qs, table } from './layout';
import { SUPERVISION } from './overview';

// The API's list query (same filters, same max page size) plus the console's own: due within N working days, sort, staff, open.
const consoleListQuery = listQuery.extend({
  dueWithin: z.coerce.number().int().min(0).max(60).optional(),
  sort: z.enum(['due', 'due_desc']).optional(),
  staff: z.literal('1').optional(),
  open: z.literal('1').optional(),
});

const empty = (raw: Record<string, unknown>) => Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== ''));

function options(name: string, map: Record<string, string>, current?: string): string {
  return `<select name="${name}" id="f-${name}"><option value="">全部</option>${Object.entries(map)
    .map(([k, v]) => `<option value="${k}"${k === current ? ' selected' : ''}>${v}</option>`)
    .join('')}</select>`;
}

export async function listPage(deps: ApiDeps, actor: Actor, raw: Record<string, unknown>): Promise<string> {
  requireRole(actor, READERS, 'GET /console/cases');
  const q = parseOr400(consoleListQuery, empty(raw), 'query');
  const within = listArea(actor, q.township);
  const dueBy = q.dueWithin !== undefined ? (await workingDaysFromToday(deps, q.dueWithin)).until : undefined;
  const res = await paged(() =>
    listCases(deps.db, {
      within,
      stage: q.stage,
      program: q.program,
      township: q.township,
      sla: q.sla,
      dueBy,
      staffRelated: !!q.staff,
      openOnly: !!q.open,
      sort: q.sort,
      cursor: q.cursor,
      limit: q.limit ?? q.pageSize,
    }),
  );
  const keep = {
    township: q.township,
    program: q.program,
    stage: q.stage,
    sla: q.sla,
    dueWithin: q.dueWithin,
    staff: q.staff,
    open: q.open,
    pageSize: q.pageSize,
  };
  const sortLink = `<a href="/console/cases${qs({ ...keep, sort: q.sort === 'due' ? 'due_desc' : 'due' })}">期限${q.sort === 'due' ? ' ↑' : q.sort === 'due_desc' ? ' ↓' : ''}</a>`;
  const rows = res.items
    .map(caseSummary)
    .map((c) => [
      `<a href="/console/cases/${esc(c.caseId)}">${esc(c.caseId)}</a>`,
      esc(c.township),
      label(PROGRAM, c.program),
      `${esc(c.applicant.name)}（${esc(c.applicant.idNumberMasked)}）`,
      label(STAGE, c.stage),
      `<span class="${esc(c.sla)}">${label(SLA, c.sla)}</span>`,
      `${esc(c.dueDate ?? '—')}${c.dueProvisional ? '（暂定）' : ''}`,
      c.staffRelated ? '是' : '',
    ]);
  // Keyset paging (#11): "next" follows the cursor; "first page" starts over. Counts stop at 10,000.
  const pager = `<p class="noprint">${res.totalCapped ? `超过 ${res.total} 件` : `共 ${res.total} 件`}
${q.cursor ? `<a href="/console/cases${qs({ ...keep, sort: q.sort })}">第一页</a>` : ''}
${res.nextCursor ? `<a href="/console/cases${qs({ ...keep, sort: q.sort, cursor: res.nextCursor })}" rel="next">下一页</a>` : ''}</p>`;
  const filters = `<form class="filters" method="get" action="/console/cases">
<label for="f-township">乡镇代码<input id="f-township" name="township" value="${esc(q.township ?? '')}" pattern="\\d{9}" size="10"></label>
<label for="f-program">项目${options('program', PROGRAM, q.program)}</label><label for="f-stage">环节${options('stage', STAGE, q.stage)}</label>
<label for="f-sla">时限状态${options('sla', SLA, q.sla)}</label>
<label for="f-due">几个工作日内到期<input id="f-due" name="dueWithin" type="number" min="0" max="60" value="${esc(q.dueWithin ?? '')}"></label>
<label for="f-open">仅在办${options('open', { 1: '是' }, q.open)}</label><label for="f-staff">单独登记备案${options('staff', { 1: '是' }, q.staff)}</label>
<input type="hidden" name="sort" value="${esc(q.sort ?? '')}"><button type="submit">查询</button></form>`;
  const body = `${filters}${pager}${table(['案件编号', '乡镇街道', '项目', '申请人', '环节', '时限状态', sortLink, '近亲属备案'], rows)}`;
  return page('案件列表', body, actor);
}

/** Refused requests in one's area: the same rule and data as GET /api/supervision/access-denials. */
export async function denialsPage(deps: ApiDeps, actor: Actor, raw: Record<string, unknown>): Promise<string> {
  requireRole(actor, SUPERVISION, 'GET /console/denials');
  const q = parseOr400(areaPageQuery(200), empty(raw), 'query');
  const res = await paged(() => listDenials(deps.db, listArea(actor, q.township), q));
  const rows = res.items.map((d) => [
    esc(beijingTime(d.at)),
    esc(d.actor.id),
    label(ROLE, d.actor.role),
    esc(d.actor.jurisdiction ?? ''),
    `${esc(d.method)} <code>${esc(d.path)}</code>`,
    esc(denialReason(d.reason ?? '')),
  ]);
  const next = res.nextCursor
    ? `<p class="noprint"><a href="/console/denials${qs({ township: q.township, cursor: res.nextCursor })}" rel="next">更早的记录</a></p>`
    : '';
  return page('被拒绝的访问（最近的在前）', `${table(['时间（北京时间）', '人员', '角色', '辖区', '请求', '原因'], rows)}${next}`, actor);
}

/** Cases flagged for attention: GET /api/supervision/attention. */
export async function attentionPage(deps: ApiDeps, actor: Actor, raw: Record<string, unknown>): Promise<string> {
  requireRole(actor, SUPERVISION, 'GET /console/attention');
  const q = parseOr400(attentionQuery, empty(raw), 'query');
  const res = await listAttention(deps.db, listArea(actor, q.township), q.page, q.pageSize);
  const rows = res.items.map((a) => [
    `<a href="/console/cases/${esc(a.caseId)}">${esc(a.caseId)}</a>`,
    esc(a.township),
    label(STAGE, a.stage),
    a.kind === 'audit_chain_broken' ? '审计链异常，办理被拒' : esc(a.kind),
    a.seq === null ? '—' : String(a.seq),
    String(a.occurrences),
    esc(beijingTime(a.lastSeenAt).slice(0, 10)),
  ]);
  return page(
    '需关注案件',
    `<p>共 ${res.total} 件（第 ${res.page} 页）</p>${table(['案件编号', '乡镇街道', '环节', '原因', '事件序号', '次数', '最近'], rows)}`,
    actor,
  );
}
