import type { PolicyProfile } from '../policy';
import { benefitDeadlines, localTemporaryRules, receivedWindow, referralRules } from './shared';

const DIBAO_RULES = '民发〔2021〕57号《最低生活保障审核确认办法》';
const TEKUN_RULES = '民发〔2021〕43号《特困人员认定办法》';
const PLACEHOLDER =
  "LOCAL-TESTING VALUE, not a published standard: national rules set no amount (低保标准 is set locally); replace with the county's published 低保标准 before use";

export const national2021: PolicyProfile = {
  id: 'national-2021',
  // v2 added the benefit period (reviews, gradual exit, termination, payment); v3 temporary assistance.
  // v4 (#9): the feedback deadline for referrals to other departments (分办/转办) and the window for entering an
  // application with the day it was received (收件日期).
  version: 4,
  name: '全国 2021 年低保、特困审核确认规则',
  region: '全国',
  // Both 办法 take effect the same day (57号 第四十二条, 43号 第二十九条).
  effectiveFrom: '2021-07-01',
  documents: [
    { ref: '民发〔2021〕57号', title: '最低生活保障审核确认办法' },
    { ref: '民发〔2021〕43号', title: '特困人员认定办法' },
    { ref: '中办发〔2020〕18号', title: '关于改革完善社会救助制度的意见' },
    { ref: '行政复议法（2023年修订）', title: '中华人民共和国行政复议法' },
    { ref: '行政诉讼法', title: '中华人民共和国行政诉讼法' },
  ],
  timeLimits: {
    standardWorkingDays: {
      value: 30,
      source: `${DIBAO_RULES} 第二十二条: "应当自受理之日起30个工作日之内完成"`,
    },
    extendedWorkingDays: {
      value: 45,
      source: `${DIBAO_RULES} 第二十二条: "特殊情况下，可以延长至45个工作日"`,
    },
    // 57号 第二条 allows delegating approval to the township but sets no shorter limit for it.
    delegatedWorkingDays: {
      value: null,
      source:
        '民发〔2021〕57号 第二条 allows delegating approval to the township but sets no separate limit (第二十二条 gives only 30/45); the 20-day figure in the domain brief was not found in the text, so the standard limit applies',
    },
    warnWorkingDaysBefore: {
      value: 5,
      source: 'aidflow operational setting: supervisors warned 5 working days before due; not a policy figure',
    },
    receivedWindowWorkingDays: receivedWindow,
    investigationStartWorkingDays: {
      value: 3,
      source: `${DIBAO_RULES} 第十五条: "应当自受理最低生活保障申请之日起3个工作日内，启动家庭经济状况调查工作"`,
    },
    rejectionNoticeWorkingDays: {
      value: 3,
      source: `${DIBAO_RULES} 第二十一条: "对不符合条件的申请不予确认同意，并应当在作出决定3个工作日内……书面告知申请人并说明理由"`,
    },
  },
  publicNoticeDays: {
    value: 7,
    source: `${DIBAO_RULES} 第十九条: "公示期为7天"; ${TEKUN_RULES} 第十五条 likewise`,
  },
  appeal: {
    reconsiderationDays: {
      value: 60,
      source: '《行政复议法》（2023年修订）第二十条（修订前第九条）: "自知道或者应当知道该行政行为之日起六十日内提出行政复议申请"',
    },
    litigationMonths: {
      value: 6,
      source: '《行政诉讼法》第四十六条: "应当自知道或者应当知道作出行政行为之日起六个月内提出"',
    },
    reconsiderationBody: {
      value: '县级人民政府',
      source:
        '《行政复议法》（2023年修订）第二十四条: 县级以上地方人民政府管辖对本级政府工作部门（县民政局）和下一级人民政府（乡镇，权限下放时）行政行为的复议',
    },
    litigationBody: {
      value: '作出决定的行政机关所在地的基层人民法院',
      source: '《行政诉讼法》第十四条（基层人民法院管辖第一审行政案件）、第十八条（由最初作出行政行为的行政机关所在地人民法院管辖）',
    },
  },
  standards: {
    dibaoMonthlyFen: {
      urban: { value: 60000, source: PLACEHOLDER },
      rural: { value: 45000, source: PLACEHOLDER },
    },
    tekunMultiplier: {
      value: 1.3,
      source:
        'aidflow placeholder, not a national figure: 57号 and 43号 set no multiplier and 中办发〔2020〕18号 第6点 leaves it local ("合理制定低保标准和特困人员供养标准"); ' +
        '1.3 copied from Hunan seed 001 §(六): "不低于当地低保标准的1.3倍", pending the province\'s own figure',
    },
    lowIncomeMultiplier: {
      value: 1.5,
      source: `${DIBAO_RULES} 第八条: "最低生活保障边缘家庭一般指……家庭人均收入低于当地最低生活保障标准1.5倍"`,
    },
  },
  singlePerson: {
    severeDisabilityGrades: {
      value: [1, 2],
      source: `${DIBAO_RULES} 第八条（一）: "一级、二级重度残疾人"`,
    },
    intellectualOrMentalGrades: {
      value: [1, 2, 3],
      source: `${DIBAO_RULES} 第八条（一）: "三级智力残疾人、三级精神残疾人" (grades 1-2 already count as 重度)`,
    },
    seriousIllnesses: {
      // National rules name no diseases; the list is whatever the local authority recognises.
      value: ['当地有关部门认定的重特大疾病'],
      source: `${DIBAO_RULES} 第八条（二）: "患有当地有关部门认定的重特大疾病的人员"`,
    },
  },
  tekun: {
    elderlyAge: { value: 60, source: `${TEKUN_RULES} 第五条（一）: "60周岁以上的老年人"` },
    minorAgeBelow: {
      value: 16,
      source:
        `${TEKUN_RULES} 第五条（二）: "未满16周岁的未成年人"; 第二十四条 lets recognised minors keep support "至18周岁", ` +
        'which is how the ministry implements 中办发〔2020〕18号 "从16周岁延长至18周岁"',
    },
  },
  temporary: localTemporaryRules(
    '民发〔2021〕 rules leave the cap to the county; local-testing value, not a published figure: the county sets it (DOMAIN.md: caps and deadlines are set by the county); replace with the county figure',
    'local-testing value, not a published figure: the county sets it (DOMAIN.md: caps and deadlines are set by the county); replace with the county figure',
  ),
  benefit: {
    reviewRules: [
      {
        programs: ['dibao', 'dibao_single'],
        household: 'stable',
        schedule: { kind: 'every_months', months: 12 },
        source:
          '民发〔2021〕57号《最低生活保障审核确认办法》 第三十一条: "对短期内经济状况变化不大的最低生活保障家庭，乡镇人民政府（街道办事处）每年核查一次"',
      },
      {
        programs: ['dibao', 'dibao_single'],
        household: 'unstable',
        schedule: { kind: 'every_months', months: 6 },
        source:
          '民发〔2021〕57号《最低生活保障审核确认办法》 第三十一条: "对收入来源不固定、家庭成员有劳动能力的最低生活保障家庭，每半年核查一次"',
      },
      {
        programs: ['tekun'],
        schedule: { kind: 'every_months', months: 12 },
        source: '民发〔2021〕43号《特困人员认定办法》: annual review of 特困 (domain brief: national rule for stable cases, yearly)',
      },
    ],
    ...benefitDeadlines(30),
    gradualExitMonths: {
      value: 6,
      source:
        '民发〔2021〕57号《最低生活保障审核确认办法》 第三十三条 allows "一定时间的渐退期" without a figure; 6 months is the national figure in the domain brief (DOMAIN.md), to be confirmed against the ministry text',
    },
  },
  ...referralRules(),
};
