import { formatYuan } from './amounts';
import type { Application, Program } from './application';
import { applicantOf } from './application-core';
import type { DateStr } from './calendar';
import type { AppealRights } from './case';

// Texts applicants and villagers read. Published notices protect privacy: the given name is
// masked and no ID number, income or illness appears.

export const PROGRAM_NAMES: Record<Program, string> = {
  dibao: '最低生活保障',
  dibao_single: '最低生活保障（单人户）',
  tekun: '特困人员救助供养',
};

export function maskName(name: string): string {
  return name.length <= 1 ? name : `${name[0]}${'*'.repeat(Math.min(name.length - 1, 2))}`;
}

export function publicNoticeText(a: {
  caseId: string;
  app: Application;
  round: number;
  startsOn: DateStr;
  endsOn: DateStr;
  monthlyAmountFen: number;
}): { title: string; body: string } {
  const applicant = applicantOf(a.app);
  const title = `${PROGRAM_NAMES[a.app.program]}初审公示（第${a.round}次）`;
  const body = [
    `经家庭经济状况调查，拟将以下家庭纳入${PROGRAM_NAMES[a.app.program]}，现予公示：`,
    `户主：${maskName(applicant.name)}；村（社区）：${a.app.household.village}；保障人口：${a.app.members.length}人；拟月保障金额：${formatYuan(a.monthlyAmountFen)}。`,
    `公示期：${a.startsOn}至${a.endsOn}。如有异议，请于公示期内向乡镇（街道）社会救助经办机构实名反映。`,
    `案件编号：${a.caseId}`,
  ].join('\n');
  return { title, body };
}

/**
 * How and when the money comes (seed 003 §(四)): 低保 monthly by the payment day, 特困 quarterly by the
 * payment day of each quarter's first month, three months at a time (domain/payments.ts pays it so).
 */
export function paymentScheduleText(program: Program, paymentFrom: DateStr, paymentDay = 10): string {
  return program === 'tekun'
    ? `自${paymentFrom}起享受，按季发放：每季度第一个月（1月、4月、7月、10月）${paymentDay}日前发放当季三个月的救助供养金。`
    : `自${paymentFrom}起按月发放，每月${paymentDay}日前发放到户。`;
}

export function approvalNoticeText(a: {
  caseId: string;
  app: Application;
  decidedOn: DateStr;
  monthlyAmountFen: number;
  paymentFrom: DateStr;
  /** The profile's payment day; 10 where the profile names none. */
  paymentDay?: number;
}): { title: string; body: string } {
  const applicant = applicantOf(a.app);
  const amount = a.app.program === 'tekun' ? '月救助供养金额' : '月保障金额';
  return {
    title: `${PROGRAM_NAMES[a.app.program]}审核确认通知书`,
    body: [
      `${applicant.name}：`,
      `您于本机关申请的${PROGRAM_NAMES[a.app.program]}（案件编号${a.caseId}），经审核确认，符合条件，决定予以批准。`,
      `保障人口${a.app.members.length}人，${amount}${formatYuan(a.monthlyAmountFen)}，${paymentScheduleText(a.app.program, a.paymentFrom, a.paymentDay)}`,
      `家庭人口、收入、财产状况发生变化的，请及时主动报告。`,
      `决定日期：${a.decidedOn}`,
    ].join('\n'),
  };
}

export function rejectionNoticeText(a: { caseId: string; app: Application; decidedOn: DateStr; reasons: string[]; appeal: AppealRights }): {
  title: string;
  body: string;
} {
  const applicant = applicantOf(a.app);
  const reasons = a.reasons.map((r, i) => `${i + 1}. ${r}`).join('\n');
  return {
    title: `${PROGRAM_NAMES[a.app.program]}不予批准决定书`,
    body: [
      `${applicant.name}：`,
      `您申请的${PROGRAM_NAMES[a.app.program]}（案件编号${a.caseId}），经审核，决定不予批准。理由如下：`,
      reasons,
      `如对本决定不服，可自收到本决定书之日起${a.appeal.reconsideration.days}日内（${a.appeal.reconsideration.deadline}前）向${a.appeal.reconsideration.body}申请行政复议，` +
        `或者自收到本决定书之日起${a.appeal.litigation.months}个月内（${a.appeal.litigation.deadline}前）向${a.appeal.litigation.body}提起行政诉讼。`,
      `决定日期：${a.decidedOn}`,
    ].join('\n'),
  };
}

export function terminationNoticeText(a: {
  caseId: string;
  app: Application;
  reasons: string[];
  startsOn: DateStr;
  endsOn: DateStr;
  appeal: AppealRights;
}): { title: string; body: string } {
  const applicant = applicantOf(a.app);
  const reasons = a.reasons.map((r, i) => `${i + 1}. ${r}`).join('\n');
  return {
    title: `${PROGRAM_NAMES[a.app.program]}拟终止告知书`,
    body: [
      `${applicant.name}：`,
      `经复核，您家庭（案件编号${a.caseId}）拟终止${PROGRAM_NAMES[a.app.program]}，理由如下：`,
      reasons,
      `告知期：${a.startsOn}至${a.endsOn}。如有异议，请在告知期内提出，我们将在规定时限内作出决定；无异议的，自次月起停发。`,
      `对终止决定不服的，可于${a.appeal.reconsideration.deadline}前向${a.appeal.reconsideration.body}申请行政复议，` +
        `或于${a.appeal.litigation.deadline}前向${a.appeal.litigation.body}提起行政诉讼。`,
    ].join('\n'),
  };
}
