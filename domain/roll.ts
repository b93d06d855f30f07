// The published roll (公示名册): approved 低保 and 特困 households of a village for a month, as posted
// on the village notice board. Published lists protect privacy (DOMAIN.md, Privacy): the head of
// household's surname only, never an ID number, address or income.

export const ROLL_PROGRAMS = ['dibao', 'dibao_single', 'tekun'] as const;
export const ROLL_PROGRAM_NAMES: Record<string, string> = {
  dibao: '最低生活保障',
  dibao_single: '最低生活保障（单人户）',
  tekun: '特困人员救助供养',
};

export interface RollEntry {
  /** 户主, masked: 张* (the surname and one star, so the length of the given name shows nothing either). */
  headMasked: string;
  householdSize: number;
  program: string;
  monthlyAmountFen: number;
}

/** 张建国 → 张*, 欧阳 → 欧*: keeps the first character only. */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  return chars.length ? `${chars[0]}*` : '*';
}

/** Fen to yuan with two decimals, for people reading the roll. */
export const yuan = (fen: number): string => `${Math.trunc(fen / 100)}.${String(Math.abs(fen) % 100).padStart(2, '0')}`;

/**
 * One CSV cell: text a spreadsheet would run as a formula (= + - @, tab, carriage return) gets a
 * leading apostrophe; commas, quotes and line breaks are quoted.
 */
export function csvCell(v: string | number): string {
  let s = String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
