import { z } from 'zod';
import { isDateStr } from './calendar';

export const programs = ['dibao', 'dibao_single', 'tekun'] as const;
export type Program = (typeof programs)[number];

export const disabilityKinds = ['physical', 'visual', 'hearing', 'speech', 'intellectual', 'mental', 'multiple'] as const;

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** GB 11643 resident ID: 18 characters, a valid birth date, and the ISO 7064 check character. */
export function isValidIdNumber(id: string): boolean {
  if (!/^\d{17}[\dX]$/.test(id)) return false;
  if (!isDateStr(`${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`)) return false;
  const sum = ID_WEIGHTS.reduce((acc, w, i) => acc + w * Number(id[i]), 0);
  return ID_CHECK[sum % 11] === id[17];
}

export function birthDateOf(id: string): string {
  return `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
}

/** Keeps the region prefix and the last four characters: enough for a clerk to tell people apart. */
export function maskIdNumber(id: string): string {
  return id.length < 8 ? '****' : `${id.slice(0, 4)}${'*'.repeat(id.length - 8)}${id.slice(-4)}`;
}

const fen = z.number().int('amounts are integers in fen (分)').min(0);

export const memberSchema = z.object({
  name: z.string().trim().min(1).max(50),
  idNumber: z
    .string()
    .transform((s) => s.trim().toUpperCase())
    .refine(isValidIdNumber, 'not a valid 18-character resident ID number (check character or birth date wrong)'),
  relation: z.enum(['applicant', 'spouse', 'child', 'parent', 'sibling', 'grandparent', 'grandchild', 'other']),
  monthlyIncomeFen: fen,
  ableBodied: z.boolean().default(false),
  disability: z.object({ grade: z.number().int().min(1).max(4), kind: z.enum(disabilityKinds) }).nullable().default(null),
  seriousIllness: z.string().trim().min(1).nullable().default(null),
});

export const applicationSchema = z
  .object({
    program: z.enum(programs),
    township: z.string().regex(/^\d{9}$/, 'township code is the 9-digit statistical code (乡镇街道代码)'),
    /** Optional: the profile bound to the township is used; a different one is refused (profile bindings). */
    profileId: z.string().min(1).optional(),
    /** 收件日期: the day the township, or the village on its behalf, received it (absent: today). */
    receivedOn: z.string().refine(isDateStr, 'a date as YYYY-MM-DD').optional(),
    /** Why the application is entered after the day it was received. */
    receivedReason: z.string().trim().min(1).max(500).optional(),
    approvalLevel: z.enum(['township', 'county']).default('county'),
    household: z.object({
      householdId: z.string().trim().min(4).max(40),
      area: z.enum(['urban', 'rural']),
      village: z.string().trim().min(1).max(100),
      address: z.string().trim().min(1).max(200),
      /** 收入来源是否稳定: unstable households are reviewed more often. */
      incomeStable: z.boolean().default(true),
    }),
    members: z.array(memberSchema).min(1).max(30),
    /** For 单人户 (dibao_single): the member included on their own. */
    singlePersonIdNumber: z.string().trim().toUpperCase().optional(),
    materials: z.array(z.string().min(1)).default([]),
    /** 摆渡: the temporary-assistance case this application was referred from. */
    referredFrom: z.string().regex(/^[A-Z]{2}-\d{9}-\d{4}-\d{6}$/).optional(),
    /** 单独登记备案: the applicant is a relative of a case worker or village cadre. */
    staffRelation: z
      .object({
        staffId: z.string().trim().min(1).max(64),
        staffName: z.string().trim().min(1).max(50),
        staffRole: z.enum(['case_worker', 'village_cadre']),
        relation: z.string().trim().min(1).max(50),
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
        message: 'a 单人户 application names the member included alone (one of the members\' ID numbers)',
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
