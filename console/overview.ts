import { listDenials } from '../db/access-repo';
import { listAttention } from '../db/attention-repo';
import { openCaseCounts, overdueReferralCount, overviewCounts, slaEventsPerWeek } from '../db/console-queries';
import type { ApiDeps } from '../api/deps';
import { listArea, requireRole } from '../api/actor';
import type { Actor } from '../domain/case';
import { shanghaiDate } from '../domain/calendar';
import { beijingTime, label, PROGRAM, SLA, STAGE } from './labels';
import { esc, page, qs, table } from './layout';

export const SUPERVISION = ['supervisor', 'auditor'] as const;
const SLA_SHOWN = ['on_time', 'warning', 'breached'] as const;

const num = (n: number, href: string) => `<a href="${esc(href)}">${n}</a>`;
const list = (f: Record<string, string | number | undefined>) => `/console/cases${qs(f)}`;

/** 督办总览: the same role and area rules as GET /api/supervision/* (supervisors and auditors, their own area). */
export async function overviewPage(deps: ApiDeps, actor: Actor): Promise<string> {
  requireRole(actor, SUPERVISION, 'GET /console/');
  const within = listArea(actor);
  const [towns, weeks, cards, attention, denials, referrals] = await Promise.all([
    openCaseCounts(deps.db, within),
    slaEventsPerWeek(deps.db, within, shanghaiDate(Date.now())),
    overviewCounts(deps.db, within),
    listAttention(deps.db, within, 1, 20),
    listDenials(deps.db, within, { limit: 200 }),
    overdueReferralCount(deps.db, within),
  ]);
  const stages = [...new Set(towns.flatMap((t) => Object.keys(t.byStage)))].sort();
  const total = (f: (t: (typeof towns)[number]) => number) => towns.reduce((s, t) => s + f(t), 0);
  const chartData = {
    townships: towns.map((t) => t.township),
    sla: SLA_SHOWN.map((s) => ({ code: s, name: SLA[s], values: towns.map((t) => t.bySla[s] ?? 0) })),
    stages: stages.map((s) => ({ code: s, name: label(STAGE, s), values: towns.map((t) => t.byStage[s] ?? 0) })),
    weeks: weeks.map((w) => w.week),
    warnings: weeks.map((w) => w.warnings),
    breaches: weeks.map((w) => w.breaches),
  };
  const cardsHtml = `<div class="cards">
<div class="card">在办案件<div class="n">${num(
    total((t) => t.open),
    list({ open: 1 }),
  )}</div></div>
<div class="card">已超期（在办）<div class="n breached">${num(
    total((t) => t.bySla.breached ?? 0),
    list({ open: 1, sla: 'breached', sort: 'due' }),
  )}</div></div>
<div class="card">临期预警<div class="n warning">${num(
    total((t) => t.bySla.warning ?? 0),
    list({ open: 1, sla: 'warning', sort: 'due' }),
  )}</div></div>
<div class="card">临时救助补充说明逾期<div class="n">${num(cards.overduePaperwork, list({ stage: 'paperwork_due', sla: 'breached' }))}</div></div>
<div class="card">一事一议超时<div class="n">${num(cards.stalledDeliberations, list({ stage: 'deliberating', sla: 'breached' }))}</div></div>
<div class="card">工作人员近亲属案件（单独登记备案）<div class="n">${num(cards.staffRelated, list({ staff: 1 }))}</div></div>
<div class="card">被拒绝的访问<div class="n">${num(denials.items.length, '/console/denials')}${denials.nextCursor ? '+' : ''}</div></div>
<div class="card">需关注案件<div class="n">${num(attention.total, '/console/attention')}</div></div>
<div class="card">转办逾期（未按期反馈）<div class="n breached">${num(referrals.n, '/console/referrals?sla=breached')}${referrals.capped ? '+' : ''}</div></div></div>`;
  const slaRows = towns.map((t) => [
    esc(t.township),
    num(t.open, list({ township: t.township, open: 1 })),
    ...SLA_SHOWN.map((s) => num(t.bySla[s] ?? 0, list({ township: t.township, open: 1, sla: s, sort: 'due' }))),
  ]);
  const stageRows = towns.map((t) => [
    esc(t.township),
    ...stages.map((s) => num(t.byStage[s] ?? 0, list({ township: t.township, open: 1, stage: s }))),
  ]);
  const weekRows = weeks.map((w) => [esc(w.week), String(w.warnings), String(w.breaches)]);
  const attentionRows = attention.items.map((a) => [
    `<a href="/console/cases/${esc(a.caseId)}">${esc(a.caseId)}</a>`,
    esc(a.township),
    label(PROGRAM, a.program),
    label(STAGE, a.stage),
    a.kind === 'audit_chain_broken' ? '审计链异常' : esc(a.kind),
    String(a.occurrences),
    esc(beijingTime(a.lastSeenAt).slice(0, 10)),
  ]);
  const body = `<p>辖区 ${esc(within)} 的在办案件与办理时限情况。点击任一数字查看对应案件清单。</p>${cardsHtml}
<div class="charts"><div><h2>各乡镇办理时限状态</h2><div class="chart" id="chart-sla" role="img" aria-label="各乡镇按期、临期预警、已超期案件数柱状图"></div></div>
<div><h2>各乡镇办理环节</h2><div class="chart" id="chart-stage" role="img" aria-label="各乡镇各办理环节在办案件数柱状图"></div></div>
<div><h2>每周预警与超期（近12周）</h2><div class="chart" id="chart-weeks" role="img" aria-label="每周预警与超期次数折线图"></div></div></div>
<script type="application/json" id="chart-data">${JSON.stringify(chartData).replace(/</g, '\\u003c')}</script>
<h2>各乡镇办理时限状态（在办）</h2>${table(['乡镇街道', '在办', ...SLA_SHOWN.map((s) => SLA[s])], slaRows)}
<h2>各乡镇办理环节（在办）</h2>${table(['乡镇街道', ...stages.map((s) => label(STAGE, s))], stageRows)}
<h2>每周预警与超期</h2>${table(['周（起始日）', '预警', '超期'], weekRows)}
<h2>需关注案件</h2>${table(['案件编号', '乡镇街道', '项目', '环节', '原因', '次数', '最近'], attentionRows)}`;
  return page('督办总览', body, actor, ['/console/assets/echarts.min.js', '/console/assets/overview.js']);
}
