import type { DataMatchFinding } from './case';

export interface DataMatchSubject {
  idNumber: string;
  declaredMonthlyIncomeFen: number;
}

export interface DataMatchResult {
  passed: boolean;
  findings: DataMatchFinding[];
}

/**
 * 家庭经济状况核对 against shared departmental data (household register, tax, social insurance,
 * real estate, vehicles...). Production plugs in the provincial checking platform here.
 */
export interface DataMatchProvider {
  check(subjects: DataMatchSubject[]): Promise<DataMatchResult>;
}

/** A match fails when a record disqualifies or registered income exceeds what was declared. */
export function judgeFindings(subjects: DataMatchSubject[], findings: DataMatchFinding[], incomeById: Map<string, number>): boolean {
  if (findings.some((f) => f.disqualifying)) return false;
  return subjects.every((s) => (incomeById.get(s.idNumber) ?? 0) <= s.declaredMonthlyIncomeFen);
}
