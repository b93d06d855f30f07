import { z } from 'zod';
import { isDateStr, shanghaiDate } from './calendar';
import { address, label, personName, text } from './text-fields';

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

/** The raw string of every ID number field: the API's OpenAPI document gives it the ID number's pattern. */
export const idNumberInputs = new WeakSet<z.ZodType>();
const idNumberInput = () => {
  const s = z.string();
  idNumberInputs.add(s);
  return s;
};

/** The refinement request schemas use: today is the API's Asia/Shanghai date at parse time. */
export const idNumberField = () =>
  idNumberInput()
    .transform((s) => s.trim().toUpperCase())
    .superRefine((id, ctx) => {
      const p = idNumberProblem(id, shanghaiDate(Date.now()));
      if (p) ctx.addIssue({ code: 'custom', message: p });
    });

export function birthDateOf(id: string): string {
  return `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
}

/** Keeps the region prefix and the last four characters: enough for a clerk to tell people apart. */
export function maskIdNumber(id: string): string {
  return id.length < 8 ? '****' : `${id.slice(0, 4)}${'*'.repeat(id.length - 8)}${id.slice(-4)}`;
}

const fen = z.number().int('amounts are integers in fen (分)').min(0);

export const memberSchema = z.object({
  name: personName(),
  idNumber: idNumberField(),
  relation: z.enum(['applicant', 'spouse', 'child', 'parent', 'sibling', 'grandparent', 'grandchild', 'other']),
  monthlyIncomeFen: fen,
  ableBodied: z.boolean().default(false),
  disability: z
    .object({ grade: z.number().int().min(1).max(4), kind: z.enum(disabilityKinds) })
    .nullable()
    .default(null),
  seriousIllness: label().nullable().default(null),
});

export const applicationSchema = z
  .object({
    program: z.enum(programs),
    township: z.string().regex(/^\d{9}$/, 'township code is the 9-digit statistical code (乡镇街道代码)'),
    /** Optional: the profile bound to the township is used; a different one is refused (profile bindings). */
    profileId: label(64).optional(),
    /** 收件日期: the day the township, or the village on its behalf, received it (absent: today). */
    receivedOn: z.string().refine(isDateStr, 'a date as YYYY-MM-DD').optional(),
    /** Why the application is entered after the day it was received. */
    receivedReason: text(500).optional(),
    approvalLevel: z.enum(['township', 'county']).default('county'),
    household: z.object({
      householdId: label(40).min(4),
      area: z.enum(['urban', 'rural']),
      village: label(),
      address: address(),
      /** 收入来源是否稳定: unstable households are reviewed more often. */
      incomeStable: z.boolean().default(true),
    }),
    members: z.array(memberSchema).min(1).max(30),
    /** For 单人户 (dibao_single): the member included on their own. */
    singlePersonIdNumber: label(18).toUpperCase().optional(),
    materials: z.array(label()).max(50).default([]),
    /** 摆渡: the temporary-assistance case this application was referred from. */
    referredFrom: z
      .string()
      .regex(/^[A-Z]{2}-\d{9}-\d{4}-\d{6}$/)
      .optional(),
    /** 单独登记备案: the applicant is a relative of a case worker or village cadre. */
    staffRelation: z
      .object({
        staffId: label(64),
        staffName: personName(),
        staffRole: z.enum(['case_worker', 'village_cadre']),
        relation: label(50),
      })
      .nullable()
      .default(null),
  })
  .superRefine((app, ctx) => {
    const applicants = app.members.filter((m) => m.relation === 'applicant');
    if (applicants.length !== 1) {
      ctx.addIssue({ code: 'custom', path: ['members'], message: 'exactly one member must have relation "applicant"' });
    }
    const seen = new Set<string>();
    app.members.forEach((m, i) => {
      if (seen.has(m.idNumber)) ctx.addIssue({ code: 'custom', path: ['members', i, 'idNumber'], message: 'duplicate ID number' });
      seen.add(m.idNumber);
    });
    if (app.program === 'dibao_single' && !app.members.some((m) => m.idNumber === app.singlePersonIdNumber)) {
      ctx.addIssue({
        code: 'custom',
        path: ['singlePersonIdNumber'],
        message: "a 单人户 application names the member included alone (one of the members' ID numbers)",
      });
    }
  });

export type Application = z.infer<typeof applicationSchema>;
/** An application once acceptance has settled its profile from the township's binding. */
export type AcceptedApplication = Application & { profileId: string };
export type Member = z.infer<typeof memberSchema>;

export function applicantOf(app: Application): Member {
  return app.members.find((m) => m.relation === 'applicant') ?? app.members[0];
}
