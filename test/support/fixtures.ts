import type { Application } from '../../domain/application';
import { shanghaiDate } from '../../domain/calendar';
import type { Actor, HomeVisit } from '../../domain/case';
import type { TemporaryAid } from '../../domain/temporary';

export const clerk: Actor = { id: 'clerk-001', role: 'clerk', jurisdiction: '430921101' };
export const approver: Actor = { id: 'approver-001', role: 'approver', jurisdiction: '430921' };
export const supervisor: Actor = { id: 'sup-001', role: 'supervisor', jurisdiction: '430921' };
export const auditor: Actor = { id: 'aud-001', role: 'auditor', jurisdiction: '430921' };

/** Valid resident IDs (check characters computed by GB 11643). */
export const IDS = {
  father: '430921196503122017',
  mother: '430921196811052022',
  child: '430921201007012031',
  elder: '430921194002152040',
  shaanxi: '610112195001013012',
};

let households = 0;

/** A complete three-person rural 低保 application under the Datong Lake profile; a new household each call. */
export function dibaoApplication(over: Partial<Application> = {}): Application {
  households += 1;
  return {
    program: 'dibao',
    township: '430921101',
    profileId: 'hunan-datonghu-2021',
    approvalLevel: 'county',
    household: {
      householdId: `HH-T-${process.pid}-${households}`,
      area: 'rural',
      village: '北洲子村',
      address: '北洲子镇北洲子村3组12号',
      incomeStable: true,
    },
    members: [
      {
        name: '张建国',
        idNumber: IDS.father,
        relation: 'applicant',
        monthlyIncomeFen: 30000,
        ableBodied: true,
        disability: null,
        seriousIllness: null,
      },
      {
        name: '李秀英',
        idNumber: IDS.mother,
        relation: 'spouse',
        monthlyIncomeFen: 0,
        ableBodied: false,
        disability: { grade: 2, kind: 'physical' },
        seriousIllness: null,
      },
      {
        name: '张小明',
        idNumber: IDS.child,
        relation: 'child',
        monthlyIncomeFen: 0,
        ableBodied: false,
        disability: null,
        seriousIllness: null,
      },
    ],
    materials: [
      'application_form',
      'id_documents',
      'household_register',
      'economic_statement',
      'data_check_authorization',
      'disability_certificate',
    ],
    staffRelation: null,
    ...over,
  };
}

export const homeVisit = (over: Partial<Omit<HomeVisit, 'by'>> & { visitedOn: string }): Omit<HomeVisit, 'by'> => ({
  investigators: ['王芳', '刘强'],
  findings: '家中无大额财产，配偶二级肢体残疾，收入与申报一致',
  neighboursInterviewed: 2,
  recommendation: 'eligible',
  disputed: false,
  disputeReason: null,
  ...over,
});

/** An emergency (急难型) for a fresh household: a fire, 800 yuan, within the township cap. */
export function emergencyAid(over: Partial<TemporaryAid> = {}): TemporaryAid {
  households += 1;
  return {
    kind: 'emergency',
    township: '430921101',
    profileId: 'hunan-datonghu-2021',
    amountFen: 80_000,
    special: false,
    recipient: {
      name: '李明',
      idNumber: IDS.elder,
      householdId: `HH-E-${process.pid}-${households}`,
      area: 'rural',
      registeredTownship: '430921102',
    },
    // Today: a fixed date would lie in the future on some run days and years in the past on others.
    incident: { what: '住房失火，生活用品烧毁', where: '北洲子镇北洲子村3组', occurredOn: shanghaiDate(Date.now()) },
    ...over,
  };
}

/** A 调标 draft raising the rural 低保 standard of hunan-datonghu-2021 (v4) from `effectiveMonth`. */
export const ruralRiseDraft = (effectiveMonth: string) => ({
  profileId: 'hunan-datonghu-2021',
  baseVersion: 4,
  effectiveMonth,
  backPay: false,
  document: { ref: '益民发〔2026〕8号', title: '关于提高城乡低保标准的通知' },
  changes: { dibaoMonthlyFen: { rural: 48_000 } },
});
