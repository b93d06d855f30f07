import type { PolicyProfile } from '../policy';
import { benefitDeadlines, localTemporaryRules, receivedWindow, referralRules } from './shared';

const SEED = '陕办字〔2021〕32号《关于改革完善社会救助制度的若干措施》';
const DIBAO_RULES = '民发〔2021〕57号《最低生活保障审核确认办法》';
const TEKUN_RULES = '民发〔2021〕43号《特困人员认定办法》';
// Seed 000 sets no time limits; it only speeds up delegation, so the national limits apply.
const DEFERS =
  '陕办字〔2021〕32号 states no time limit; on approval it says only seed 000 §(二十一): "加快推进低保对象、特困人员、低收入家庭等审核确认权限下放乡镇(街道)"; national rule applies';
const PLACEHOLDER =
  "LOCAL-TESTING VALUE, not a published standard: replace with the county's published 低保标准; " +
  'seed 000 §(五) gives no amount: "确保低保、特困人员供养标准与当地经济社会发展水平相适应"';

export const shaanxi2021: PolicyProfile = {
  id: 'shaanxi-2021',
  // v2 added the benefit period (reviews, gradual exit, termination, payment); v3 temporary assistance.
  // v4 (#9): the feedback deadline for referrals to other departments (分办/转办) and the window for entering an
  // application with the day it was received (收件日期).
  version: 4,
  name: '陕西省 2021 年改革完善社会救助制度若干措施',
  region: '陕西省',
  effectiveFrom: '2021-04-23',
  documents: [
    { ref: '陕办字〔2021〕32号', title: '关于改革完善社会救助制度的若干措施' },
    { ref: '民发〔2021〕57号', title: '最低生活保障审核确认办法' },
    { ref: '民发〔2021〕43号', title: '特困人员认定办法' },
    { ref: '行政复议法（2023年修订）', title: '中华人民共和国行政复议法' },
    { ref: '行政诉讼法', title: '中华人民共和国行政诉讼法' },
  ],
  timeLimits: {
    standardWorkingDays: {
      value: 30,
      source: `${DEFERS}: ${DIBAO_RULES} 第二十二条 "应当自受理之日起30个工作日之内完成"`,
    },
    extendedWorkingDays: {
      value: 45,
      source: `${DEFERS}: ${DIBAO_RULES} 第二十二条 "特殊情况下，可以延长至45个工作日"`,
    },
    // Neither seed 000 nor the national 办法 sets a separate limit for delegated approval.
    delegatedWorkingDays: {
      value: null,
      source:
        '陕办字〔2021〕32号 §(二十一) speeds up delegation to townships without a separate limit; the national rule (no separate limit) applies',
    },
    warnWorkingDaysBefore: {
      value: 5,
      source: 'aidflow operational setting: supervisors warned 5 working days before due; not a policy figure',
    },
    receivedWindowWorkingDays: receivedWindow,
    investigationStartWorkingDays: {
      value: 3,
      source: `not set in 陕办字〔2021〕32号; national rule ${DIBAO_RULES} 第十五条: "自受理最低生活保障申请之日起3个工作日内，启动家庭经济状况调查工作"`,
    },
    rejectionNoticeWorkingDays: {
      value: 3,
      source: `not set in 陕办字〔2021〕32号; national rule ${DIBAO_RULES} 第二十一条: "在作出决定3个工作日内……书面告知申请人并说明理由"`,
    },
  },
  publicNoticeDays: {
    value: 7,
    source: `not set in 陕办字〔2021〕32号; national rule ${DIBAO_RULES} 第十九条: "公示期为7天"`,
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
        'aidflow placeholder, not a Shaanxi figure: seed 000 §(五) sets no multiplier: "确保低保、特困人员供养标准与当地经济社会发展水平相适应"; ' +
        '1.3 copied from Hunan seed 001 §(六): "不低于当地低保标准的1.3倍", pending Shaanxi\'s own figure',
    },
    lowIncomeMultiplier: {
      value: 1.5,
      source:
        'seed 000 §(四): "开展低收入家庭认定" (no multiple given); ' +
        `national rule ${DIBAO_RULES} 第八条: "家庭人均收入低于当地最低生活保障标准1.5倍"`,
    },
  },
  singlePerson: {
    severeDisabilityGrades: {
      value: [1, 2],
      source:
        'seed 000 §(四): "将低收入家庭中的重度残疾人、重病患者等特殊困难人员" (no grades given); ' +
        `national rule ${DIBAO_RULES} 第八条（一）: "一级、二级重度残疾人"`,
    },
    intellectualOrMentalGrades: {
      value: [1, 2, 3],
      source: `no grades in 陕办字〔2021〕32号; national rule ${DIBAO_RULES} 第八条（一）: "三级智力残疾人、三级精神残疾人"`,
    },
    seriousIllnesses: {
      // Seed 000 names no diseases; the national rule leaves the list to local authorities.
      value: ['当地有关部门认定的重特大疾病'],
      source:
        'seed 000 §(四): "参照“单人户”纳入低保范围" (no disease list); ' +
        `national rule ${DIBAO_RULES} 第八条（二）: "患有当地有关部门认定的重特大疾病的人员"`,
    },
  },
  tekun: {
    elderlyAge: {
      value: 60,
      source: `not set in 陕办字〔2021〕32号; national rule ${TEKUN_RULES} 第五条（一）: "60周岁以上的老年人"`,
    },
    minorAgeBelow: {
      value: 18,
      source: `${SEED} seed 000 §(四): "将特困人员救助供养覆盖的未成年人年龄从16周岁延长至18周岁"`,
    },
  },
  temporary: localTemporaryRules(
    'seed 000 §(十三): "对于急难型临时救助,可先行给予救助,事后补充说明情况" (cap: local-testing value, not a published figure: the county sets it (DOMAIN.md: caps and deadlines are set by the county); replace with the county figure)',
    'seed 000: "对于特殊个案,可由县级困难群众基本生活保障工作协调机制进行“一事一议”审批" (threshold: local-testing value, not a published figure: the county sets it (DOMAIN.md: caps and deadlines are set by the county); replace with the county figure)',
  ),
  benefit: {
    reviewRules: [
      {
        programs: ['dibao', 'dibao_single'],
        categories: ['A', 'B'],
        schedule: { kind: 'every_months', months: 12 },
        source: 'seed 000 §(四): "按照特困人员和A、B类低保对象一年一次、C类低保对象半年一次开展核查"',
      },
      {
        programs: ['dibao', 'dibao_single'],
        categories: ['C'],
        schedule: { kind: 'every_months', months: 6 },
        source: 'seed 000 §(四): "按照特困人员和A、B类低保对象一年一次、C类低保对象半年一次开展核查"',
      },
      {
        programs: ['tekun'],
        schedule: { kind: 'every_months', months: 12 },
        source: 'seed 000 §(四): "按照特困人员和A、B类低保对象一年一次、C类低保对象半年一次开展核查"',
      },
    ],
    ...benefitDeadlines(30),
    gradualExitMonths: {
      value: 6,
      source:
        '陕办字〔2021〕32号 sets no figure; the national figure applies (民发〔2021〕57号《最低生活保障审核确认办法》 第三十三条 "一定时间的渐退期"; 6 months per the domain brief)',
    },
  },
  ...referralRules(),
};
