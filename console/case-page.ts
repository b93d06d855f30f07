import { listEvents } from '../db/audit-repo';
import { getCase } from '../db/case-repo';
import { paymentsOfCase } from '../db/console-queries';
import { listNotices } from '../db/notice-repo';
import { listReferrals } from '../db/referral-repo';
import type { ApiDeps } from '../api/deps';
import { requireArea, requireRole } from '../api/actor';
import { notFound, parseOr400 } from '../api/errors';
import { caseIdParams } from '../api/schemas';
import { READERS } from '../api/routes/cases';
import { runIds } from '../api/use-cases/audit';
import { caseDetail } from '../api/views';
import type { Actor } from '../domain/case';
import { REFERRAL_KIND_NAMES, type ReferralKind } from '../domain/referral-kinds';
import { beijingTime, EVENT, label, NOTICE_STATUS, periodLabel, PROGRAM, ROLE, SLA, STAGE, yuan } from './labels';
import { amountRows, dueLabel, type PhaseState } from './case-phase';
import { esc, page, table } from './layout';
import { csrfField } from './session';

const ledgerLabel = (l: string) => esc(l.split(' (')[0]);

/** The case the caller may read: the same role and area checks, in the same order, as GET /api/cases/:caseId. */
export async function readableCase(deps: ApiDeps, actor: Actor, caseId: string, roles: readonly Actor['role'][] = READERS) {
  requireRole(actor, roles, `GET /console/cases/${caseId}`);
  parseOr400(caseIdParams, { caseId }, 'params');
  const row = await getCase(deps.db, caseId);
  if (!row) throw notFound(`no case ${caseId}`);
  requireArea(actor, row.township);
  return row;
}

/** 案件详情: the application in brief (the masked summary the API lists), deadlines, timeline, notices, money, runs. */
export async function casePage(deps: ApiDeps, actor: Actor, caseId: string, result = ''): Promise<string> {
  const row = await readableCase(deps, actor, caseId);
  const c = caseDetail(row);
  const state = (c.state ?? {}) as PhaseState;
  const [events, notices, payments, referrals, runs] = await Promise.all([
    listEvents(deps.db, caseId),
    listNotices(deps.db, caseId),
    paymentsOfCase(deps.db, caseId),
    listReferrals(deps.db, { within: row.township, householdId: row.householdId, page: 1, pageSize: 20 }),
    // The runs are part of the audit history, which the API shows to auditors only.
    actor.role === 'auditor' ? runIds(deps, caseId).catch(() => null) : Promise.resolve(undefined),
  ]);
  const brief = table(
    ['项目', '内容'],
    [
      ['案件编号', esc(c.caseId)],
      ['项目', label(PROGRAM, c.program)],
      ['乡镇街道', esc(c.township)],
      ['户编号', esc(c.householdId)],
      ['申请人', `${esc(c.applicant.name)}（身份证号 ${esc(c.applicant.idNumberMasked)}）`],
      ['家庭人口', String(c.memberCount)],
      ['当前环节', label(STAGE, c.stage)],
      ['时限状态', `<span class="${esc(c.sla)}">${label(SLA, c.sla)}</span>`],
      ['受理日期', esc(c.acceptedOn ?? '—')],
      [
        dueLabel(state),
        `${esc(c.dueDate ?? '—')}${c.dueProvisional ? '（暂定：该年节假日安排未发布）' : ''}${c.extended ? '（已延期）' : ''}`,
      ],
      ...(state.phase === 'benefit' ? [] : [['预警日期', esc(c.warnOn ?? '—')]]),
      ['决定', c.decision === 'approve' ? '批准' : c.decision === 'reject' ? '不予批准' : '—'],
      ...amountRows(state, c.monthlyAmountFen),
      ['工作人员近亲属（单独登记备案）', c.staffRelated ? '是' : '否'],
    ],
    undefined,
    'fields',
  );
  const ledger = (state.ledger ?? []).map(
    (e) =>
      `<h3>${ledgerLabel(e.label)}：${esc(e.due)}${e.open ? '' : `（已结束 ${esc(e.closedOn ?? '')}）`}</h3>` +
      table(
        ['日期', '原期限', '新期限', '原因'],
        e.log.map((l) => [esc(l.at), esc(l.oldDue ?? '—'), esc(l.newDue), esc(l.reason)]),
      ),
  );
  const timeline = table(
    ['序号', '时间（北京时间）', '事项', '环节', '办理人', '角色', '理由/说明'],
    events.map((e) => [
      String(e.seq),
      esc(beijingTime(e.occurredAt)),
      label(EVENT, e.type),
      label(STAGE, e.stage),
      esc(e.actor.id),
      label(ROLE, e.actor.role),
      esc(e.reason ?? ''),
    ]),
  );
  const noticeRows = notices.map((n) => [esc(n.title), esc(n.startsOn ?? ''), esc(n.endsOn ?? ''), label(NOTICE_STATUS, n.status)]);
  const payRows = payments.map((p) => [
    esc(periodLabel(p.period)),
    esc(p.months.join('、') || '—'),
    yuan(p.amountFen),
    esc(p.dueOn),
    esc(p.payee),
  ]);
  const reviews = [...(state.reviews ?? []), ...(state.review && !(state.reviews ?? []).includes(state.review) ? [state.review] : [])];
  const reviewRows = reviews.map((r) => [
    String(r.cycle),
    r.kind === 'scheduled' ? '定期复核' : '临时复核',
    esc(r.opensOn),
    esc(r.dueDate),
    esc(r.completedOn ?? '未完成'),
    r.overdue ? '是' : '否',
  ]);
  const auditor =
    actor.role === 'auditor'
      ? `<h2>审计核验</h2><div class="noprint"><form method="post" action="/console/cases/${esc(caseId)}/verify" style="display:inline">${csrfField(actor)}<button type="submit">核验审计链</button></form>
<form method="post" action="/console/cases/${esc(caseId)}/replay" style="display:inline">${csrfField(actor)}<button type="submit">重放核验</button></form></div>${result}
<h3>工作流运行记录</h3>${
          runs === null
            ? '<p>暂时无法读取运行记录。</p>'
            : table(
                ['序号', '运行编号'],
                (runs ?? []).map((r, i) => [String(i + 1), `<code>${esc(r)}</code>`]),
              )
        }`
      : '';
  const body = `${auditor}<h2>申请摘要</h2>${brief}<h2>期限台账（含每次变更及原因）</h2>${ledger.join('') || '<p>本案件无期限台账（台账上线前受理）。</p>'}
<h2>办理过程（审计记录）</h2>${timeline}<h2>公示与告知</h2>${table(['标题', '起', '止', '状态'], noticeRows)}
<h2>发放记录</h2>${table(['所属期', '月份', '金额', '发放截止日', '收款人'], payRows)}
<h2>复核安排</h2>${table(['轮次', '类型', '开始', '期限', '完成', '逾期'], reviewRows)}
<h2>本户转办事项</h2>${table(
    ['转办编号', '救助类别', '承办部门', '反馈时限', '反馈期限'],
    referrals.items.map((r) => [
      `<a href="/console/referrals/${esc(r.referralId)}">${esc(r.referralId)}</a>`,
      esc(REFERRAL_KIND_NAMES[r.kind as ReferralKind] ?? r.kind),
      esc(r.department.name),
      label(SLA, r.sla),
      esc(r.dueDate ?? '—'),
    ]),
  )}`;
  return page(`案件 ${caseId}`, body, actor);
}
