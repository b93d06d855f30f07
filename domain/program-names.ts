// The programs' names as staff read them on screens and in spreadsheets (notices use the formal
// names in notices.ts). Temporary-assistance cases carry their kind as their program.
export const PROGRAM_LABELS: Record<string, string> = {
  dibao: '最低生活保障',
  dibao_single: '单人保',
  tekun: '特困供养',
  emergency: '急难型临时救助',
  expense: '支出型临时救助',
  unemployed: '失业人员临时救助',
};

/** The name of a program code; an unknown code as it is. */
export const programLabel = (code: string): string => PROGRAM_LABELS[code] ?? code;
