import type { Application } from './application';

// 一次性告知: an incomplete file gets one list of everything missing, never one item at a time.

export const MATERIALS = {
  application_form: '救助申请书',
  id_documents: '家庭成员身份证件',
  household_register: '户口簿或居住证',
  economic_statement: '家庭经济状况声明（或告知承诺书）',
  data_check_authorization: '家庭经济状况核对授权书',
  disability_certificate: '残疾人证',
  diagnosis_certificate: '二级以上医院诊断证明',
} as const;

export type MaterialCode = keyof typeof MATERIALS;

export interface MissingMaterial {
  code: MaterialCode;
  name: string;
  why: string;
}

export function requiredMaterials(app: Application): { code: MaterialCode; why: string }[] {
  const req: { code: MaterialCode; why: string }[] = [
    { code: 'application_form', why: '所有申请' },
    { code: 'id_documents', why: '所有申请' },
    { code: 'household_register', why: '所有申请' },
    { code: 'economic_statement', why: '所有申请' },
    { code: 'data_check_authorization', why: '家庭经济状况核对需本人授权' },
  ];
  const focus = app.program === 'dibao_single' ? app.members.filter((m) => m.idNumber === app.singlePersonIdNumber) : app.members;
  if (focus.some((m) => m.disability)) req.push({ code: 'disability_certificate', why: '申报了残疾情况' });
  if (focus.some((m) => m.seriousIllness)) req.push({ code: 'diagnosis_certificate', why: '申报了重病情况' });
  return req;
}

export function missingMaterials(app: Application): MissingMaterial[] {
  const have = new Set(app.materials);
  return requiredMaterials(app)
    .filter((r) => !have.has(r.code))
    .map((r) => ({ code: r.code, name: MATERIALS[r.code], why: r.why }));
}

export function missingMaterialsNotice(missing: MissingMaterial[]): string {
  const lines = missing.map((m, i) => `${i + 1}. ${m.name}（${m.why}）`);
  return `一次性告知书：您的申请材料尚不齐全，请一次性补齐以下材料后再行受理：\n${lines.join('\n')}`;
}
