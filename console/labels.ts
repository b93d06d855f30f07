// Chinese names for the codes the read model stores; an unknown code is shown as it is (an identifier).
import { SHANGHAI_OFFSET_MS, shanghaiDate } from '../domain/calendar';
import { PROGRAM_LABELS } from '../domain/program-names';

export const STAGE: Record<string, string> = {
  accepted: '已受理',
  investigating: '调查核实',
  democratic_review: '民主评议',
  public_notice: '公示',
  deciding: '审核确认',
  approved: '已批准',
  rejected: '不予批准',
  in_benefit: '保障中',
  reviewing: '复核中',
  gradual_exit: '渐退期',
  terminating: '拟终止',
  termination_objection: '终止异议',
  terminated: '已终止',
  exited: '已退出',
  paperwork_due: '待补充说明',
  verifying: '支出核查',
  deliberating: '一事一议',
  paying: '分阶段发放',
  closed: '已办结',
  refused: '不予救助',
};
export const SLA: Record<string, string> = { on_time: '按期', warning: '临期预警', breached: '已超期', met: '已办结' };
export const PROGRAM = PROGRAM_LABELS;
export const ROLE: Record<string, string> = {
  clerk: '经办人员',
  approver: '审核确认人员',
  coordinator: '协调机制',
  supervisor: '督办人员',
  auditor: '审计人员',
  system: '系统',
};
export const EVENT: Record<string, string> = {
  case_accepted: '受理申请',
  temporary_accepted: '登记临时救助',
  home_visit_recorded: '入户调查',
  data_match_completed: '信息核对',
  data_match_objected: '核对异议',
  data_match_rechecked: '异议复核',
  democratic_review_held: '民主评议',
  democratic_review_required: '须民主评议',
  democratic_review_skipped: '免于民主评议',
  preliminary_opinion: '初审意见',
  public_notice_posted: '张榜公示',
  public_notice_completed: '公示期满',
  notice_objection_filed: '公示异议',
  decision_approved: '批准',
  decision_rejected: '不予批准',
  benefit_started: '开始保障',
  review_opened: '开始复核',
  review_completed: '复核完成',
  review_postponed: '复核延期',
  change_reported: '报告变化',
  case_reassigned: '改派',
  time_limit_extended: '延长时限',
  deadline_recomputed: '重算期限',
  deadlines_replanned: '日历变更重排期限',
  ledger_started: '建立期限台账',
  sla_warning: '时限预警',
  sla_breached: '超过时限',
  paperwork_reminder: '补充说明提醒',
  paperwork_overdue: '补充说明逾期',
  paperwork_filed: '提交补充说明',
  expense_verified: '支出核查完成',
  temporary_approved: '批准临时救助',
  temporary_refused: '不予临时救助',
  temporary_closed: '临时救助办结',
  stage_paid: '分阶段发放',
  stages_planned: '安排分阶段发放',
  stages_cancelled: '取消剩余发放',
  deliberation_submitted: '提交一事一议',
  deliberation_reminder: '一事一议提醒',
  deliberation_escalated: '一事一议超时上报',
  deliberation_decided: '一事一议决定',
  referred: '转介',
  referral_sent: '转办',
  referral_reminder: '转办提醒',
  referral_escalated: '转办超时',
  referral_answered: '转办答复',
  termination_notice_posted: '终止公示',
  termination_objection_filed: '终止异议',
  emergency_paid: '先行支付',
  temporary_paid: '发放临时救助',
  objection_decision_overdue: '异议处理逾期',
  review_overdue: '复核逾期',
  termination_revoked: '撤销终止',
  case_terminated: '终止保障',
  gradual_exit_ended: '渐退结束',
};

export const NOTICE_STATUS: Record<string, string> = {
  posted: '公示中',
  held: '暂停',
  issued: '已送达',
  completed: '已结束',
  pending: '待发出',
  not_needed: '无需发出',
  undetermined: '待定',
};

/** Temporary aid pays in stages (period T1, T2…); benefit payments by month. */
export const periodLabel = (p: string): string => (/^T\d+$/.test(p) ? `第${p.slice(1)}阶段` : p);

export const label = (map: Record<string, string>, code: string | null | undefined): string => (code ? (map[code] ?? code) : '—');

export const yuan = (fen: number | null | undefined): string => (fen === null || fen === undefined ? '—' : `${(fen / 100).toFixed(2)} 元`);

/** An instant as Beijing wall time, `YYYY-MM-DD HH:MM:SS` (the console never shows UTC). */
export const beijingTime = (iso: string): string => {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? iso : `${shanghaiDate(ms)} ${new Date(ms + SHANGHAI_OFFSET_MS).toISOString().slice(11, 19)}`;
};

/** A recorded refusal in Chinese where its form is known (api/actor.ts words them); other reasons as recorded. */
export function denialReason(reason: string): string {
  const role = /needs role (.+); .+ acts as (\w+)$/.exec(reason);
  if (role)
    return `角色不符：需要${role[1]
      .split(' or ')
      .map((r) => label(ROLE, r))
      .join('或')}，当前为${label(ROLE, role[2])}`;
  const area = /(?:township|area) (\d+) is outside .+'s jurisdiction \((\w+)\)/.exec(reason);
  if (area) return `超出辖区：${area[1]} 不在辖区 ${area[2] === 'none' ? '（无）' : area[2]} 内`;
  if (/ has no jurisdiction$/.test(reason)) return '未设辖区';
  return reason;
}
