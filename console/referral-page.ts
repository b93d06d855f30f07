import { z } from 'zod';
import { getReferral, listReferralEvents, listReferrals } from '../db/referral-repo';
import type { ApiDeps } from '../api/deps';
import { listArea, requireArea, requireRole } from '../api/actor';
import { notFound, parseOr400 } from '../api/errors';
import { READERS } from '../api/routes/cases';
import { referralView } from '../api/use-cases/referrals';
import type { Actor } from '../domain/case';
import { referralStages } from '../domain/referral';
import { beijingTime, EVENT, label, ROLE, SLA, yuan } from './labels';
import { esc, page, qs, table } from './layout';

// 转办事项 (RF-…): the referrals the API lists and shows, with its role and area checks in its order;
// like the API's view, no ID numbers: the requester by name only.

const STAGE: Record<string, string> = { registered: '登记中', referred: '已转办，待反馈', answered: '已反馈' };
const OUTCOME: Record<string, string> = { accepted: '已受理', refused: '不予受理' };
const SLA_FILTER = ['on_time', 'warning', 'breached', 'met'] as const;

const referralId = z.string().regex(/^RF-\d{9}-\d{4}-\d{6}$/, 'a referral id like RF-430921101-2026-000001');
const listQuery = z.object({
  township: z
    .string()
    .regex(/^\d{9}$/)
    .optional(),
  stage: z.enum(referralStages).optional(),
  sla: z.enum(SLA_FILTER).optional(),
  page: z.coerce.number().int().min(1).max(500).default(1),
});
const PAGE_SIZE = 50;

const link = (id: string) => `<a href="/console/referrals/${esc(id)}">${esc(id)}</a>`;
const options = (name: string, map: Record<string, string>, keys: readonly string[], current?: string) =>
  `<select name="${name}" id="r-${name}"><option value="">全部</option>${keys
    .map((k) => `<option value="${k}"${k === current ? ' selected' : ''}>${map[k] ?? k}</option>`)
    .join('')}</select>`;

/** 转办事项 in one's area: GET /api/referrals (same filters; kind on top), newest first. */
export async function referralListPage(deps: ApiDeps, actor: Actor, raw: Record<string, unknown>): Promise<string> {
  requireRole(actor, READERS, 'GET /console/referrals');
  const q = parseOr400(listQuery, Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== '')), 'query');
  const res = await listReferrals(deps.db, { ...q, within: listArea(actor, q.township), pageSize: PAGE_SIZE });
  const rows = res.items
    .map(referralView)
    .map((r) => [
      link(r.referralId),
      esc(r.township),
      esc(r.householdId),
      r.caseId ? `<a href="/console/cases/${esc(r.caseId)}">${esc(r.caseId)}</a>` : '—',
      esc(r.kindName ?? r.kind),
      esc(r.department.name),
      label(STAGE, r.stage),
      `<span class="${esc(r.sla)}">${label(SLA, r.sla)}</span>`,
      esc(r.dueDate ?? '—'),
    ]);
  const keep = { township: q.township, stage: q.stage, sla: q.sla };
  const pages = Math.max(1, Math.ceil(res.total / PAGE_SIZE));
  const pager = `<p>共 ${res.total} 件（第 ${q.page}/${pages} 页）
${q.page > 1 ? `<a href="/console/referrals${qs({ ...keep, page: q.page - 1 })}" rel="prev">上一页</a>` : ''}
${q.page < pages ? `<a href="/console/referrals${qs({ ...keep, page: q.page + 1 })}" rel="next">下一页</a>` : ''}</p>`;
  const filters = `<form class="filters" method="get" action="/console/referrals">
<label for="r-township">乡镇代码<input id="r-township" name="township" value="${esc(q.township ?? '')}" pattern="\\d{9}" size="10"></label>
<label for="r-stage">环节${options('stage', STAGE, referralStages, q.stage)}</label>
<label for="r-sla">反馈时限${options('sla', SLA, SLA_FILTER, q.sla)}</label><button type="submit">查询</button></form>`;
  const title = q.sla === 'breached' ? '转办事项：逾期未按期反馈' : '转办事项';
  return page(
    title,
    `${filters}${pager}${table(['转办编号', '乡镇街道', '户编号', '关联案件', '救助类别', '承办部门', '环节', '反馈时限', '反馈期限'], rows)}`,
    actor,
  );
}

/** 转办详情: GET /api/referrals/:referralId and its events, for the same roles and area. */
export async function referralPage(deps: ApiDeps, actor: Actor, id: string): Promise<string> {
  requireRole(actor, READERS, `GET /console/referrals/${id}`);
  parseOr400(z.object({ referralId }), { referralId: id }, 'params');
  const row = await getReferral(deps.db, id);
  if (!row) throw notFound(`no referral ${id}`);
  requireArea(actor, row.township);
  const r = referralView(row);
  const f = row.state?.feedback ?? null;
  const feedback = f
    ? [
        ['反馈结果', label(OUTCOME, f.outcome)],
        ['反馈日期', `${esc(f.on)}${f.late ? '（逾期反馈）' : ''}`],
        ...(f.outcome === 'accepted'
          ? [
              ['救助金额', f.amountFen === undefined ? '—' : yuan(f.amountFen)],
              ['提供服务', esc(f.service ?? '—')],
              ['说明', esc(f.note ?? '—')],
            ]
          : [['不予受理理由', esc(f.reason)]]),
      ]
    : [['反馈结果', '尚未反馈']];
  const brief = table(
    ['项目', '内容'],
    [
      ['转办编号', esc(r.referralId)],
      ['乡镇街道', esc(r.township)],
      ['户编号', esc(r.householdId)],
      ['关联案件', r.caseId ? `<a href="/console/cases/${esc(r.caseId)}">${esc(r.caseId)}</a>` : '—'],
      ['申请人', esc(row.request.requester.name)],
      ['救助类别', esc(r.kindName ?? r.kind)],
      ['承办部门', esc(r.department.name)],
      ['需求说明', esc(row.request.description)],
      ['环节', label(STAGE, r.stage)],
      ['反馈时限状态', `<span class="${esc(r.sla)}">${label(SLA, r.sla)}</span>`],
      ['转办日期', esc(r.referredOn ?? '—')],
      ['反馈期限', `${esc(r.dueDate ?? '—')}${row.state?.provisional ? '（暂定：该年节假日安排未发布）' : ''}`],
      ['超时上报日期', esc(r.escalatedOn ?? '—')],
      ...feedback,
    ],
    undefined,
    'fields',
  );
  const events = await listReferralEvents(deps.db, id);
  const timeline = table(
    ['序号', '时间（北京时间）', '事项', '办理人', '角色', '理由/说明'],
    events.map((e) => [
      String(e.seq),
      esc(beijingTime(e.occurredAt)),
      label(EVENT, e.type),
      esc(e.actor.id),
      label(ROLE, e.actor.role),
      esc(e.reason ?? ''),
    ]),
  );
  return page(`转办 ${id}`, `<h2>转办摘要</h2>${brief}<h2>办理过程（审计记录）</h2>${timeline}`, actor);
}
