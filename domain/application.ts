import { z } from 'zod';
import { eventDate, fen, requestToday } from './bounded-fields';
import { disabilityKinds, idNumberProblem, programs } from './application-core';
import { address, label, personName, text } from './text-fields';

// The request schemas (zod). The pure rules live in application-core.ts and are re-exported here
// for the API; workflows must import application-core.ts instead (test/workflow-bundle.test.ts).
export * from './application-core';

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
      const p = idNumberProblem(id, requestToday());
      if (p) ctx.addIssue({ code: 'custom', message: p });
    });

export const memberSchema = z.object({
  name: personName(),
  idNumber: idNumberField(),
  relation: z.enum(['applicant', 'spouse', 'child', 'parent', 'sibling', 'grandparent', 'grandchild', 'other']),
  monthlyIncomeFen: fen('monthlyIncome', 0),
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
    receivedOn: eventDate().optional(),
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
