import type { Application, Member } from './application';
import { birthDateOf } from './application-core';
import type { DateStr } from './calendar';
import type { CaseProfile } from './profile-slice';

export interface Assessment {
  eligible: boolean;
  reasons: string[];
  /** Monthly amount in fen (分) the household would receive; 0 when not eligible. */
  monthlyAmountFen: number;
  standardFen: number;
  perCapitaIncomeFen: number;
  basis: string;
}

export function ageOn(member: Member, date: DateStr): number {
  const birth = birthDateOf(member.idNumber);
  const years = Number(date.slice(0, 4)) - Number(birth.slice(0, 4));
  return date.slice(5) >= birth.slice(5) ? years : years - 1;
}

export function isSeverelyDisabled(m: Member, p: CaseProfile): boolean {
  if (!m.disability) return false;
  const grades =
    m.disability.kind === 'intellectual' || m.disability.kind === 'mental'
      ? p.singlePerson.intellectualOrMentalGrades.value
      : p.singlePerson.severeDisabilityGrades.value;
  return grades.includes(m.disability.grade);
}

function dibaoStandard(app: Application, p: CaseProfile): number {
  return p.standards.dibaoMonthlyFen[app.household.area].value;
}

/** 特困人员基本生活标准: not below the multiplier × local 低保 standard, rounded up to whole fen. */
export function tekunStandard(app: Application, p: CaseProfile): number {
  return Math.ceil(dibaoStandard(app, p) * p.standards.tekunMultiplier.value);
}

function householdIncome(members: Member[]): number {
  return members.reduce((sum, m) => sum + m.monthlyIncomeFen, 0);
}

// 差额: (standard − per-capita income) × members equals standard × members − total income, exact in fen.
function assessDibao(app: Application, p: CaseProfile): Assessment {
  const standard = dibaoStandard(app, p);
  const n = app.members.length;
  const total = householdIncome(app.members);
  const amount = standard * n - total;
  const perCapita = Math.floor(total / n);
  const eligible = amount > 0;
  const reasons = eligible ? [] : ['家庭人均收入不低于当地低保标准'];
  return {
    eligible,
    reasons,
    monthlyAmountFen: eligible ? amount : 0,
    standardFen: standard,
    perCapitaIncomeFen: perCapita,
    basis: '（低保标准 − 家庭人均收入）× 家庭人口',
  };
}

function assessSingle(app: Application, p: CaseProfile): Assessment {
  const standard = dibaoStandard(app, p);
  const person = app.members.find((m) => m.idNumber === app.singlePersonIdNumber) ?? app.members[0];
  const perCapita = Math.floor(householdIncome(app.members) / app.members.length);
  const reasons: string[] = [];
  const illnesses = p.singlePerson.seriousIllnesses.value;
  if (!isSeverelyDisabled(person, p) && !(person.seriousIllness && illnesses.includes(person.seriousIllness))) {
    reasons.push('单人户纳入须为重度残疾人或所列重病患者');
  }
  if (perCapita >= standard * p.standards.lowIncomeMultiplier.value) reasons.push('家庭人均收入不低于低收入家庭认定标准');
  const amount = standard - person.monthlyIncomeFen;
  if (amount <= 0) reasons.push('本人收入不低于当地低保标准');
  const eligible = reasons.length === 0;
  return {
    eligible,
    reasons,
    monthlyAmountFen: eligible ? amount : 0,
    standardFen: standard,
    perCapitaIncomeFen: perCapita,
    basis: '单人户：低保标准 − 本人收入',
  };
}

function assessTekun(app: Application, p: CaseProfile, on: DateStr): Assessment {
  const standard = tekunStandard(app, p);
  const reasons: string[] = [];
  for (const m of app.members) {
    const age = ageOn(m, on);
    const qualifies = age >= p.tekun.elderlyAge.value || age < p.tekun.minorAgeBelow.value || isSeverelyDisabled(m, p);
    if (!qualifies) reasons.push(`${m.name}：不属于老年人、未成年人或重度残疾人`);
    if (m.monthlyIncomeFen >= dibaoStandard(app, p)) reasons.push(`${m.name}：收入不低于当地低保标准`);
  }
  const eligible = reasons.length === 0;
  const perCapita = Math.floor(householdIncome(app.members) / app.members.length);
  return {
    eligible,
    reasons,
    monthlyAmountFen: eligible ? standard * app.members.length : 0,
    standardFen: standard,
    perCapitaIncomeFen: perCapita,
    basis: '特困人员基本生活标准 × 供养人数',
  };
}

export function assess(app: Application, profile: CaseProfile, on: DateStr): Assessment {
  if (app.program === 'tekun') return assessTekun(app, profile, on);
  if (app.program === 'dibao_single') return assessSingle(app, profile);
  return assessDibao(app, profile);
}

export function formatYuan(fen: number): string {
  return `${(fen / 100).toFixed(2)}元`;
}
