import type { AuditAnchorState } from './audit-anchor';
import { z } from 'zod';
import { idNumberField } from './application';
import type { DateStr } from './calendar';
import { eventDate, fen } from './bounded-fields';
import type { Actor, AppealRights, SlaStatus } from './case';
import type { ProfileRef } from './policy';
import { address, label, personName, text } from './text-fields';
import type { LedgerEntry } from './deadline-ledger';

// 临时救助: emergency aid paid first (急难型), expense-driven aid in stages (支出型), and the
// one-time aid to uninsured unemployed people; 一事一议 at the county when a case needs more.

export const temporaryKinds = ['emergency', 'expense', 'unemployed'] as const;
export type TemporaryKind = (typeof temporaryKinds)[number];

export const temporaryAidSchema = z
  .object({
    kind: z.enum(temporaryKinds),
    /** The township granting aid: for an emergency, where it happened (急难发生地), not necessarily 户籍地. */
    township: z.string().regex(/^\d{9}$/, 'township code is the 9-digit statistical code (乡镇街道代码)'),
    /** Optional: the profile bound to the township is used; a different one is refused. */
    profileId: label(64).optional(),
    recipient: z.object({
      name: personName(),
      idNumber: idNumberField(),
      householdId: label(40),
      area: z.enum(['urban', 'rural']),
      registeredTownship: z
        .string()
        .regex(/^\d{9}$/)
        .optional(),
    }),
    amountFen: fen('temporaryAid'),
    /** A clerk marks a case special (特殊个案) to send it to the county mechanism whatever the amount. */
    special: z.boolean().default(false),
    specialReason: text().optional(),
    incident: z.object({ what: text(), where: address(), occurredOn: eventDate() }).optional(),
    expense: z
      .object({
        householdSize: z.number().int().min(1).max(30),
        annualIncomeFen: fen('annualIncome', 0),
        expenseFen: fen('expense'),
        description: text(),
      })
      .optional(),
    unemployment: z
      .object({ monthsWithoutIncome: z.number().int().min(0).max(120), insured: z.boolean(), onDibao: z.boolean() })
      .optional(),
  })
  .superRefine((a, ctx) => {
    const need = { emergency: 'incident', expense: 'expense', unemployed: 'unemployment' } as const;
    if (!a[need[a.kind]])
      ctx.addIssue({
        code: 'custom',
        path: [need[a.kind]],
        message: `${a.kind === 'emergency' || a.kind === 'expense' ? 'an' : 'a'} ${a.kind} case describes its ${need[a.kind]}`,
      });
    if (a.special && !a.specialReason) ctx.addIssue({ code: 'custom', path: ['specialReason'], message: 'say why the case is special' });
  });

export type TemporaryAid = z.infer<typeof temporaryAidSchema>;
/** Temporary aid once acceptance has settled its profile from the township's binding. */
export type AcceptedAid = TemporaryAid & { profileId: string };

export interface StagePayment {
  stage: number;
  dueOn: DateStr;
  amountFen: number;
  status: 'scheduled' | 'paid' | 'cancelled';
  paidOn: DateStr | null;
}

export interface Deliberation {
  workflowId: string;
  requestedFen: number;
  reasons: string;
  submittedOn: DateStr;
  dueDate: DateStr;
  remindedOn: DateStr | null;
  escalatedOn: DateStr | null;
  decision: null | {
    outcome: 'grant' | 'refuse';
    amountFen: number;
    reasons: string[];
    meetingOn: DateStr;
    participants: number;
    by: Actor;
  };
}

/** paperwork_due: an emergency was paid and its 事后补充说明 is outstanding. */
export const temporaryStages = ['paperwork_due', 'verifying', 'deciding', 'deliberating', 'paying', 'closed', 'refused'] as const;
export type TemporaryStage = (typeof temporaryStages)[number];

export interface TemporaryState extends AuditAnchorState {
  phase: 'temporary';
  caseId: string;
  kind: TemporaryKind;
  program: TemporaryKind;
  township: string;
  aid: TemporaryAid;
  profile: ProfileRef;
  stage: TemporaryStage;
  sla: SlaStatus;
  acceptedOn: DateStr;
  acceptedBy: Actor;
  grantedFen: number;
  payments: StagePayment[];
  paperwork: null | {
    dueDate: DateStr;
    remindOn: DateStr;
    remindedOn: DateStr | null;
    escalatedOn: DateStr | null;
    filed: null | { on: DateStr; circumstances: string; signatures: string[]; by: Actor };
  };
  verification: null | {
    perCapitaAnnualIncomeFen: number;
    thresholdFen: number;
    eligible: boolean;
    findings: string;
    by: Actor;
    on: DateStr;
  };
  deliberation: Deliberation | null;
  refusal: null | { reasons: string[]; appeal: AppealRights; on: DateStr };
  referral: null | { caseId: string; on: DateStr; by: Actor };
  cancellation: null | { reason: string; on: DateStr; by: Actor };
  /** 期限台账: every deadline the case holds (absent in cases started before the ledger). */
  ledger?: LedgerEntry[];
  eventCount: number;
  version: number;
}

export { expenseEligible, unemployedEligible } from './temporary-eligibility';
