import type { Department } from './referral';

// The departments a county's window refers special-assistance requests to (分办/转办). Reference
// data like the calendar: shipped here, loaded into the database, replaceable per county through
// the API (PUT /api/referral-departments/:county) when a county's own list differs.

const LOCAL_430921 =
  'local setting for county 430921 (aidflow test county), modelled on seed 001 §(十七) "转请区级相关职能部门办理"; ' +
  "replace with the county's own list of responsible departments";
const LOCAL_610112 =
  'local-testing list for county 610112, following seed 000 §(二十) "细化受理、分办、转办、反馈等工作流程"; replace with the district\'s own list';

const standard = (county: string, source: string): Department[] => [
  { county, code: 'medical-insurance', name: '医疗保障局', kinds: ['medical'], source },
  { county, code: 'education', name: '教育局', kinds: ['education'], source },
  { county, code: 'housing', name: '住房和城乡建设局', kinds: ['housing'], source },
  { county, code: 'human-resources', name: '人力资源和社会保障局', kinds: ['employment'], source },
  { county, code: 'emergency', name: '应急管理局', kinds: ['disaster'], source },
  { county, code: 'justice', name: '司法局', kinds: ['legal_aid'], source },
];

export const SHIPPED_DEPARTMENTS: Department[] = [...standard('430921', LOCAL_430921), ...standard('610112', LOCAL_610112)];

/** Whether a department takes this kind of request; 'other' goes to whichever department the clerk judges in charge. */
export function handles(d: Department, kind: Department['kinds'][number]): boolean {
  return kind === 'other' || d.kinds.includes(kind);
}
