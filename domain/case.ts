import type { AuditAnchorState } from './audit-anchor';
import type { Assessment } from './amounts';
import type { Application, Program } from './application';
import type { DateStr } from './calendar';
import type { ExtensionReason, ProfileRef } from './policy';
import type { LedgerEntry } from './deadline-ledger';

export const stages = ['accepted', 'investigating', 'democratic_review', 'public_notice', 'deciding', 'approved', 'rejected'] as const;
export type Stage = (typeof stages)[number];
export const closedStages: readonly Stage[] = ['rejected'];

export const slaStatuses = ['on_time', 'warning', 'breached', 'met'] as const;
export type SlaStatus = (typeof slaStatuses)[number];

export const roles = ['clerk', 'approver', 'coordinator', 'supervisor', 'auditor', 'system'] as const;
export type Role = (typeof roles)[number];

/** Who did something, always taken from the verified token, never from a request body. */
export interface Actor {
  id: string;
  role: Role;
  /** 6-digit county or 9-digit township code; a county covers its townships. */
  jurisdiction?: string;
  name?: string;
}

export const SYSTEM: Actor = { id: 'aidflow', role: 'system' };

export interface Deadline {
  workingDays: number;
  dueDate: DateStr;
  warnOn: DateStr;
  provisional: boolean;
  provisionalYears: number[];
  extension: null | { reason: ExtensionReason; note: string; by: Actor; on: DateStr };
}

export interface DataMatchFinding {
  source: string;
  description: string;
  monthlyIncomeFen: number;
  disqualifying: boolean;
  idNumberMasked: string;
}

export interface DataMatch {
  status: 'pending' | 'passed' | 'failed' | 'objected' | 'cleared' | 'confirmed';
  checkedOn: DateStr | null;
  findings: DataMatchFinding[];
  objection: null | { reason: string; evidence: string[]; by: Actor; on: DateStr };
  recheck: null | { outcome: 'cleared' | 'confirmed'; note: string; by: Actor; on: DateStr };
}

export interface HomeVisit {
  investigators: [string, string];
  visitedOn: DateStr;
  findings: string;
  neighboursInterviewed: number;
  recommendation: 'eligible' | 'ineligible';
  disputed: boolean;
  disputeReason: string | null;
  by: Actor;
}

export interface DemocraticReview {
  /** undetermined until investigation ends; not_needed records why it was skipped. */
  status: 'undetermined' | 'not_needed' | 'pending' | 'held';
  reason: string;
  record: null | { heldOn: DateStr; participants: number; outcome: 'support' | 'oppose'; minutes: string; by: Actor };
}

export interface NoticeRound {
  noticeId: string;
  round: number;
  startsOn: DateStr;
  endsOn: DateStr;
  endsAtMs: number;
  monthlyAmountFen: number;
  status: 'posted' | 'completed' | 'objected';
  objection: null | { objector: string; reason: string; route: 'reinvestigate' | 'democratic_review'; by: Actor; on: DateStr };
}

export interface AppealRights {
  reconsideration: { body: string; days: number; deadline: DateStr };
  litigation: { body: string; months: number; deadline: DateStr };
}

export interface Decision {
  outcome: 'approve' | 'reject';
  reasons: string[];
  monthlyAmountFen: number;
  decidedOn: DateStr;
  paymentFrom: DateStr | null;
  by: Actor;
  appeal: AppealRights | null;
  noticeId: string;
  noticeDueBy: DateStr;
  /** 分类管理 class for 低保 where the profile reviews by class (A/B/C). */
  category?: 'A' | 'B' | 'C' | null;
}

/** Who and what a case is about: the same before and after approval. */
export interface CaseIdentity {
  caseId: string;
  program: Program;
  township: string;
  householdId: string;
  application: Application;
}

export interface CaseState extends CaseIdentity, AuditAnchorState {
  profile: ProfileRef;
  stage: Stage;
  acceptedOn: DateStr;
  /** 收件日期, when earlier than acceptance: the application time limit counts from it. */
  receivedOn?: DateStr;
  receivedReason?: string | null;
  acceptedBy: Actor;
  /** The clerk handling the case; a supervisor may reassign it. */
  assignee: string;
  /** 单独登记备案: the related staff member may not act on this case. */
  staffRelated: boolean;
  deadline: Deadline;
  sla: SlaStatus;
  warnedOn: DateStr | null;
  breachedOn: DateStr | null;
  disputed: boolean;
  disputeReasons: string[];
  dataMatch: DataMatch;
  homeVisits: HomeVisit[];
  reinvestigationPending: boolean;
  democraticReview: DemocraticReview;
  notices: NoticeRound[];
  assessment: Assessment | null;
  decision: Decision | null;
  /** 期限台账: every deadline the case holds (absent in cases started before the ledger). */
  ledger?: LedgerEntry[];
  /** Number of audit events recorded; also the next event's sequence number. */
  eventCount: number;
  version: number;
}

export function isOpen(stage: Stage): boolean {
  return !closedStages.includes(stage);
}
