import type { TemporaryAid } from './temporary';

// The eligibility rules of domain/temporary.ts without its zod schema: the temporary-aid workflow
// imports this file so zod stays out of the workflow bundle. temporary.ts re-exports both rules.

/** 支出型: the household's per-capita income must be below last year's local average disposable income. */
export function expenseEligible(aid: TemporaryAid, averageFen: number): { ok: boolean; perCapitaFen: number } {
  const e = aid.expense!;
  const perCapita = Math.floor(e.annualIncomeFen / e.householdSize);
  return { ok: perCapita < averageFen, perCapitaFen: perCapita };
}

/** 未参保失业人员: three months without income, no unemployment insurance, not on 低保. */
export function unemployedEligible(aid: TemporaryAid): string[] {
  const u = aid.unemployment!;
  const reasons: string[] = [];
  if (u.monthsWithoutIncome < 3) reasons.push('连续无收入不足三个月');
  if (u.insured) reasons.push('已参加失业保险，应由失业保险保障');
  if (u.onDibao) reasons.push('已纳入低保');
  return reasons;
}
