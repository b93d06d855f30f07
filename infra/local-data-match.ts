import type { Pool } from 'pg';
import { maskIdNumber } from '../domain/application';
import type { DataMatchFinding } from '../domain/case';
import { DataMatchProvider, DataMatchResult, DataMatchSubject, judgeFindings } from '../domain/data-match';

/**
 * Deterministic provider for development and tests: it checks the `datamatch_records` table,
 * which stands in for the departments' shared data. No record for a person means nothing found.
 */
export function localDataMatchProvider(db: Pool): DataMatchProvider {
  return {
    async check(subjects: DataMatchSubject[]): Promise<DataMatchResult> {
      const ids = subjects.map((s) => s.idNumber);
      const r = await db.query(
        'SELECT id_number, source, description, monthly_income_fen, disqualifying FROM datamatch_records WHERE id_number = ANY($1) ORDER BY id_number, source',
        [ids],
      );
      const incomeById = new Map<string, number>();
      const findings: DataMatchFinding[] = r.rows.map((row) => {
        incomeById.set(row.id_number, (incomeById.get(row.id_number) ?? 0) + Number(row.monthly_income_fen));
        return {
          source: row.source,
          description: row.description,
          monthlyIncomeFen: Number(row.monthly_income_fen),
          disqualifying: row.disqualifying,
          idNumberMasked: maskIdNumber(row.id_number),
        };
      });
      return { passed: judgeFindings(subjects, findings, incomeById), findings };
    },
  };
}
