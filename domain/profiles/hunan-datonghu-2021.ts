import type { PolicyProfile } from '../policy';
import { benefitDeadlines, localTemporaryRules, receivedWindow, referralRules } from './shared';

const SEED = '大办发〔2021〕30号《关于改革完善社会救助制度的实施方案》';
const DIBAO_RULES = '民发〔2021〕57号《最低生活保障审核确认办法》';
const TEKUN_RULES = '民发〔2021〕43号《特困人员认定办法》';
const PLACEHOLDER =
  'LOCAL-TESTING VALUE, not a published standard: replace with the 益阳市 standard in force; ' +
  'seed 001 §(七): "最低生活保障标准按市人民政府标准统一调整发布"';

export const hunanDatonghu2021: PolicyProfile = {
  id: 'hunan-datonghu-2021',
  // v2 added the benefit period (reviews, gradual exit, termination, payment); v3 temporary assistance.
  // v4 (#9): the feedback deadline for referrals to other departments (分办/转办) and the window for entering an
  // application with the day it was received (收件日期).
  version: 4,
  name: '大通湖区 2021 年社会救助实施方案',
  region: '湖南省益阳市大通湖区',
  effectiveFrom: '2021-11-19',
  documents: [
    { ref: '大办发〔2021〕30号', title: '关于改革完善社会救助制度的实施方案' },
    { ref: '民发〔2021〕57号', title: '最低生活保障审核确认办法' },
    { ref: '民发〔2021〕43号', title: '特困人员认定办法' },
    { ref: '行政复议法（2023年修订）', title: '中华人民共和国行政复议法' },
    { ref: '行政诉讼法', title: '中华人民共和国行政诉讼法' },
  ],
  timeLimits: {
    standardWorkingDays: {
      value: 25,
      source: `${SEED} seed 001 §(十八): "应当自受理之日起25个工作日之内完成"`,
    },
    extendedWorkingDays: {
      value: 40,
      source: `${SEED} seed 001 §(十八): "审核确认时限不得超过40个工作日"`,
    },
    // §(十八) delegates approval to townships but keeps the same 25/40 limit for it.
    delegatedWorkingDays: {
      value: null,
      source: '大办发〔2021〕30号 §(十八) delegates approval to the townships under the same 25/40 working-day limits; no separate limit',
    },
    warnWorkingDaysBefore: {
      value: 5,
      source: 'aidflow operational setting: supervisors warned 5 working days before due; not a policy figure',
    },
    receivedWindowWorkingDays: receivedWindow,
    investigationStartWorkingDays: {
      value: 3,
      source: `not set in 大办发〔2021〕30号; national rule ${DIBAO_RULES} 第十五条: "自受理最低生活保障申请之日起3个工作日内，启动家庭经济状况调查工作"`,
    },
    rejectionNoticeWorkingDays: {
      value: 3,
      source: `not set in 大办发〔2021〕30号; national rule ${DIBAO_RULES} 第二十一条: "在作出决定3个工作日内……书面告知申请人并说明理由"`,
    },
  },
  publicNoticeDays: {
    value: 7,
    source: `not set in 大办发〔2021〕30号; national rule ${DIBAO_RULES} 第十九条: "公示期为7天"`,
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
        '《行政复议法》（2023年修订）第二十四条: 县级地方人民政府管辖对本级工作部门（区民政人社局）和下一级政府（镇，权限下放时）行政行为的复议; ' +
        'which body exercises this for 大通湖区 (a 管理区 run by a 管委会) must be confirmed locally before notices name it',
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
      source: `${SEED} seed 001 §(六): "特困人员基本生活标准按照不低于当地低保标准的1.3倍确定"`,
    },
    lowIncomeMultiplier: {
      value: 1.5,
      source:
        `seed 001 §(二): "完善低保、特困和低收入家庭认定办法" (no multiple given); ` +
        `national rule ${DIBAO_RULES} 第八条: "家庭人均收入低于当地最低生活保障标准1.5倍"`,
    },
  },
  singlePerson: {
    severeDisabilityGrades: {
      value: [1, 2],
      source: `${SEED} seed 001 §(五): "重度残疾人（含三级智力〔精神〕残疾人）"; 重度 = grades 1-2 per ${DIBAO_RULES} 第八条（一）`,
    },
    intellectualOrMentalGrades: {
      value: [1, 2, 3],
      source: `${SEED} seed 001 §(五): "含三级智力〔精神〕残疾人"`,
    },
    seriousIllnesses: {
      value: ['儿童先天性心脏病', '儿童白血病', '乳腺癌', '宫颈癌', '肝移植', '肾移植', '恶性肿瘤', '重性精神病', '艾滋病机会性感染'],
      source: `${SEED} seed 001 §(五): "儿童先天性心脏病、儿童白血病、乳腺癌、宫颈癌、肝移植、肾移植、恶性肿瘤、重性精神病、艾滋病机会性感染等9种疾病"`,
    },
  },
  tekun: {
    elderlyAge: {
      value: 60,
      source: `not set in 大办发〔2021〕30号; national rule ${TEKUN_RULES} 第五条（一）: "60周岁以上的老年人"`,
    },
    minorAgeBelow: {
      value: 18,
      source: `${SEED} seed 001 §(六): "将政策覆盖的未成年人年龄从16周岁延长至18周岁"`,
    },
  },
  temporary: localTemporaryRules(
    'seed 001 §(十四): "加强急难型临时救助，可实行“小金额先行救助”，事后补充说明情况" (the small amount itself: local-testing value, not a published figure: the county sets it (DOMAIN.md: caps and deadlines are set by the county); replace with the county figure)',
    'seed 001: "必要时启动区级困难群众基本生活保障工作协调机制进行“一事一议”审批" (threshold: local-testing value, not a published figure: the county sets it (DOMAIN.md: caps and deadlines are set by the county); replace with the county figure)',
  ),
  benefit: {
    reviewRules: [
      {
        programs: ['dibao', 'dibao_single'],
        household: 'unstable',
        schedule: { kind: 'quarters', quarters: [2] },
        source: 'seed 001 §(五): "每年第二季度对收入来源不固定、家庭成员有劳动能力的低保家庭开展一次复核"',
      },
      {
        programs: ['dibao', 'dibao_single'],
        schedule: { kind: 'quarters', quarters: [4] },
        source: 'seed 001 §(五): "第四季度对所有低保家庭开展一次复核"',
      },
      {
        programs: ['tekun'],
        schedule: { kind: 'quarters', quarters: [4] },
        source: 'seed 001 §(六): "加强动态管理，每年第四季度开展一次复核"',
      },
    ],
    ...benefitDeadlines(25),
    gradualExitMonths: { value: 12, source: 'seed 001: "收入超过当地低保标准后给予不超过一年的渐退期"' },
  },
  ...referralRules(),
};
