import type { Application, Member } from './application';
import { isDateStr } from './calendar';

// The zod-free half of domain/application.ts: programs, the resident ID number rules and small
// helpers. Workflows import this file, never application.ts, so zod and the request schemas stay
// out of the workflow bundle (each cached workflow instantiates every module it imports).

export const programs = ['dibao', 'dibao_single', 'tekun'] as const;
export type Program = (typeof programs)[number];

export const disabilityKinds = ['physical', 'visual', 'hearing', 'speech', 'intellectual', 'mental', 'multiple'] as const;

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';
/**
 * GB/T 2260 province-level codes (the first two digits of the region): 11-15 North, 21-23
 * North-east, 31-37 East, 41-46 Central-South, 50-54 South-west, 61-65 North-west, 71 Taiwan,
 * 81-82 Hong Kong and Macao (residence permits use the same layout). Finer codes change with
 * every redistricting, so only the province is checked, plus a non-zero county part.
 */
const PROVINCES = new Set([
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82,
]);
const EARLIEST_BIRTH = '1900-01-01';

/**
 * GB 11643 resident ID: what is wrong with it, or null. 18 characters; a real province and a
 * non-zero region; a birth date that exists, not before 1900 and not after `today` (the caller's
 * Asia/Shanghai date, injected so tests and workflows never read the host clock); the ISO 7064
 * MOD 11-2 check character.
 */
export function idNumberProblem(id: string, today?: string): string | null {
  if (!/^\d{17}[\dX]$/.test(id)) return 'not a valid 18-character resident ID number (17 digits and a check digit or X)';
  if (!PROVINCES.has(Number(id.slice(0, 2))) || id.slice(2, 6) === '0000')
    return `not a valid resident ID number: region ${id.slice(0, 6)} is not an administrative division code (行政区划代码)`;
  const born = birthDateOf(id);
  if (!isDateStr(born)) return `not a valid resident ID number: birth date ${born} does not exist`;
  if (born < EARLIEST_BIRTH) return `not a valid resident ID number: birth date ${born} is before 1900`;
  if (today !== undefined && born > today) return `not a valid resident ID number: birth date ${born} is in the future`;
  const sum = ID_WEIGHTS.reduce((acc, w, i) => acc + w * Number(id[i]), 0);
  if (ID_CHECK[sum % 11] !== id[17]) return 'not a valid resident ID number: the check character (校验码) is wrong';
  return null;
}

export function isValidIdNumber(id: string, today?: string): boolean {
  return idNumberProblem(id, today) === null;
}

export function birthDateOf(id: string): string {
  return `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
}

/** Keeps the region prefix and the last four characters: enough for a clerk to tell people apart. */
export function maskIdNumber(id: string): string {
  return id.length < 8 ? '****' : `${id.slice(0, 4)}${'*'.repeat(id.length - 8)}${id.slice(-4)}`;
}

export function applicantOf(app: Application): Member {
  return app.members.find((m) => m.relation === 'applicant') ?? app.members[0];
}
