import { z } from 'zod';
import type { DateStr } from './calendar';
import type { Actor, SlaStatus } from './case';
import type { ProfileRef } from './policy';
import { referralKinds, type ReferralKind } from './referral-kinds';
import { fen } from './bounded-fields';
import { label, personName, text } from './text-fields';

// 一门受理、协同办理 (seed 000 §二十, seed 001 §十七): the township window takes requests for special
// assistance and refers them (分办/转办) to the department in charge, which answers (反馈).

export { referralKinds, REFERRAL_KIND_NAMES, type ReferralKind } from './referral-kinds';

export const referralStages = ['referred', 'answered'] as const;
export type ReferralStage = (typeof referralStages)[number];

const township = z.string().regex(/^\d{9}$/, 'township code is the 9-digit statistical code (乡镇街道代码)');

/** What the clerk records at the window. The department must be on the county's list. */
export const referralRequestSchema = z.object({
  township,
  householdId: label(40),
  /** The 低保/特困/临时救助 case the request came up in, when there is one. */
  caseId: z
    .string()
    .regex(/^[A-Z]{2}-\d{9}-\d{4}-\d{6}$/, 'a case id like DB-430921101-2026-000001')
    .optional(),
  profileId: label(),
  kind: z.enum(referralKinds),
  departmentCode: z.string().regex(/^[a-z0-9-]{2,40}$/, 'a department code from GET /api/referral-departments'),
  requester: z.object({ name: personName() }),
  /** The need, in the clerk's words (综合救助意见). */
  description: text(),
});
export type ReferralRequest = z.infer<typeof referralRequestSchema>;

/** The department's answer: accepted (an amount in fen, or a service), or refused with the reason. */
export const referralFeedbackSchema = z.discriminatedUnion('outcome', [
  z
    .object({
      outcome: z.literal('accepted'),
      amountFen: fen('referralAward').optional(),
      service: text().optional(),
      note: text().optional(),
    })
    .refine((f) => f.amountFen !== undefined || f.service !== undefined, {
      path: ['amountFen'],
      message: 'an accepted referral names the amount (fen) or the service given',
    }),
  z.object({ outcome: z.literal('refused'), reason: text() }),
]);
export type ReferralFeedback = z.infer<typeof referralFeedbackSchema>;

export interface Department {
  county: string;
  code: string;
  name: string;
  kinds: ReferralKind[];
  source: string;
}

export interface ReferralState {
  phase: 'referral';
  /** RF-<township>-<year>-<seq>: also the workflow id; the township in it scopes codec and area checks. */
  referralId: string;
  request: ReferralRequest;
  department: { code: string; name: string };
  township: string;
  profile: ProfileRef;
  stage: ReferralStage;
  sla: SlaStatus;
  referredOn: DateStr;
  referredBy: Actor;
  dueDate: DateStr;
  remindOn: DateStr;
  provisional: boolean;
  remindedOn: DateStr | null;
  escalatedOn: DateStr | null;
  feedback: null | (ReferralFeedback & { on: DateStr; by: Actor; late: boolean });
  eventCount: number;
  version: number;
}
