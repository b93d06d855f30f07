import type { AuditAnchorState } from './audit-anchor';
import type { DateStr } from './calendar';
import type { Actor, CaseIdentity, SlaStatus } from './case';
import type { AmountChange, Month } from './payments';
import type { ProfileRef } from './policy';
import type { DibaoCategory } from './reviews';
import type { LedgerEntry } from './deadline-ledger';

export const benefitStages = [
  'in_benefit',
  'reviewing',
  'gradual_exit',
  'terminating',
  'termination_objection',
  'terminated',
  'exited',
] as const;
export type BenefitStage = (typeof benefitStages)[number];
export const endedStages: readonly BenefitStage[] = ['terminated', 'exited'];

export type ReviewResult = 'continue' | 'adjust' | 'gradual_exit' | 'terminate';

export interface ReviewRecord {
  cycle: number;
  kind: 'scheduled' | 'ad_hoc';
  /** Why it was held: the schedule rule's source, or the reported change. */
  basis: string;
  opensOn: DateStr;
  dueDate: DateStr;
  postponed: { to: DateStr; reason: string; by: Actor }[];
  completedOn: DateStr | null;
  result: ReviewResult | null;
  reasons: string[];
  by: Actor | null;
  overdue: boolean;
}

export interface Termination {
  reasons: string[];
  noticeStartsOn: DateStr;
  noticeEndsAtMs: number;
  noticeEndsOn: DateStr;
  objection: null | { objector: string; reason: string; on: DateStr; decisionDue: DateStr; by: Actor };
  decision: null | { outcome: 'uphold' | 'revoke'; reasons: string[]; on: DateStr; by: Actor };
  appeal: { reconsiderationDeadline: DateStr; litigationDeadline: DateStr; body: string } | null;
}

/** The case after approval, carried from run to run by continue-as-new. */
export interface BenefitState extends CaseIdentity, AuditAnchorState {
  phase: 'benefit';
  /** The profile version whose benefit rules apply (the latest at approval). */
  profile: ProfileRef;
  acceptedProfile: ProfileRef;
  stage: BenefitStage;
  sla: SlaStatus;
  assignee: string;
  category: DibaoCategory | null;
  approvedOn: DateStr;
  monthlyAmountFen: number;
  amounts: AmountChange[];
  paidFrom: Month;
  paidThrough: Month | null;
  paymentDay: number;
  cycle: number;
  /** The next review: scheduled, or opened early by a reported change. */
  review: ReviewRecord | null;
  reviews: ReviewRecord[];
  gradualExit: null | { startedOn: DateStr; endsOn: DateStr; months: number; returnedOn: DateStr | null };
  termination: Termination | null;
  endedOn: DateStr | null;
  endReason: string | null;
  /** 调标: the standard adjustments this case has applied, so a repeated one answers 'already' (absent before any). */
  adjustments?: {
    id: string;
    outcome: 'changed' | 'unchanged' | 'flagged';
    on: DateStr;
    fromMonth: Month;
    oldAmountFen: number;
    newAmountFen: number;
  }[];
  /** 期限台账: every deadline the case holds (absent in cases started before the ledger). */
  ledger?: LedgerEntry[];
  eventCount: number;
  version: number;
}
