import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import type { AcceptedApplication, Member } from '../domain/application';
import type { BenefitState, ReviewResult } from '../domain/benefit';
import type { Actor, CaseState, HomeVisit } from '../domain/case';
import type { DibaoCategory } from '../domain/reviews';
import type { AcceptedAid, Deliberation, TemporaryState } from '../domain/temporary';
import type { ExtensionReason } from '../domain/policy';
import type { CaseProfile } from '../domain/profile-slice';

// Shared by the workflow, the API and the tests, so names and payload shapes cannot drift.

export interface CaseInput {
  caseId: string;
  application: AcceptedApplication;
  acceptedBy: Actor;
  /** The profile version bound to the township at acceptance (absent in cases started before bindings). */
  profileVersion?: number;
  /** Days pass this many times faster: demo and training sandboxes only (absent = real time). */
  demoSpeed?: number;
  /** The numbers of that profile version the case uses (absent in cases started before #11: loaded then). */
  profile?: CaseProfile;
}

/** Answers once acceptance is recorded (due date, data match): POST /api/cases sends it with the start. */
export const acceptance = defineUpdate<CaseState, []>('acceptance');

export interface CaseOutcome {
  caseId: string;
  stage: CaseState['stage'];
  monthlyAmountFen: number;
}

type WithActor<T> = T & { actor: Actor };

export type DataMatchObjection = WithActor<{ reason: string; evidence: string[] }>;
export type DataMatchRecheck = WithActor<{ outcome: 'cleared' | 'confirmed'; note: string }>;
export type HomeVisitInput = WithActor<Omit<HomeVisit, 'by'>>;
export type DemocraticReviewInput = WithActor<{ heldOn: string; participants: number; outcome: 'support' | 'oppose'; minutes: string }>;
export type NoticeObjectionInput = WithActor<{ objector: string; reason: string; route: 'reinvestigate' | 'democratic_review' }>;
export type ExtensionInput = WithActor<{ reason: ExtensionReason; note: string }>;
export type DecisionInput = WithActor<{ outcome: 'approve' | 'reject'; reasons: string[]; category?: DibaoCategory }>;
export type AssignmentInput = WithActor<{ clerkId: string; reason: string }>;

export const stateQuery = defineQuery<CaseState | BenefitState | TemporaryState | null>('state');

export interface TemporaryInput {
  caseId: string;
  aid: AcceptedAid;
  acceptedBy: Actor;
  /** The profile version bound to the township at acceptance (absent in cases started before bindings). */
  profileVersion?: number;
  demoSpeed?: number;
}
export type PaperworkInput = WithActor<{ circumstances: string; signatures: string[] }>;
export type ReferralInput = WithActor<{ caseId: string }>;
export type VerificationInput = WithActor<{ findings: string }>;
export type TemporaryDecision = WithActor<{
  outcome: 'approve' | 'refuse';
  reasons: string[];
  amountFen?: number;
  stages?: { dueOn: string; amountFen: number }[];
}>;
export type CancelStagesInput = WithActor<{ reason: string }>;
export type DeliberationDecision = WithActor<{
  meetingOn: string;
  participants: number;
  outcome: 'grant' | 'refuse';
  amountFen: number;
  reasons: string[];
}>;
export interface DeliberationInput {
  parentId: string;
  requestedFen: number;
  reasons: string;
  submittedOn: string;
  remindOn: string;
  dueDate: string;
  clockNow: number;
  demoSpeed?: number;
}
/** The mechanism's child tells the parent case what happened, so it lands in the case's audit trail. */
export const deliberationNotice = defineSignal<[{ kind: 'reminder' | 'escalation'; on: string }]>('deliberationNotice');

export const filePaperwork = defineUpdate<TemporaryState, [PaperworkInput]>('filePaperwork');
export const recordReferral = defineUpdate<TemporaryState, [ReferralInput]>('recordReferral');
export const recordVerification = defineUpdate<TemporaryState, [VerificationInput]>('recordVerification');
export const decideTemporary = defineUpdate<TemporaryState, [TemporaryDecision]>('decideTemporary');
export const cancelRemainingStages = defineUpdate<TemporaryState, [CancelStagesInput]>('cancelRemainingStages');
export const recordDeliberation = defineUpdate<Deliberation['decision'], [DeliberationDecision]>('recordDeliberation');

/** First run after approval (from the application phase) or a later review cycle. */
export type BenefitInput =
  | { kind: 'start'; approved: CaseState; category: DibaoCategory | null; demoSpeed?: number; clockNow: number }
  | { kind: 'continue'; state: BenefitState; demoSpeed?: number; clockNow: number };

export type ReviewInput = WithActor<{
  result: ReviewResult;
  reasons: string[];
  /** The household as found by the review (incomes in fen); required to adjust, exit or return. */
  members?: Member[];
  category?: DibaoCategory;
  /** 渐退期: the member whose new job lifted the household income. */
  employedMemberIdNumber?: string;
}>;
export type PostponeInput = WithActor<{ until: string; reason: string }>;
export type ChangeReport = WithActor<{ kind: 'death' | 'income' | 'household'; details: string }>;
export type TerminationObjection = WithActor<{ objector: string; reason: string }>;
export type TerminationDecision = WithActor<{ outcome: 'uphold' | 'revoke'; reasons: string[] }>;

export const recordReview = defineUpdate<BenefitState, [ReviewInput]>('recordReview');
export const postponeReview = defineUpdate<BenefitState, [PostponeInput]>('postponeReview');
export const reportChange = defineUpdate<BenefitState, [ChangeReport]>('reportChange');
export const fileTerminationObjection = defineUpdate<BenefitState, [TerminationObjection]>('fileTerminationObjection');
export const decideTerminationObjection = defineUpdate<BenefitState, [TerminationDecision]>('decideTerminationObjection');

export const objectToDataMatch = defineUpdate<CaseState, [DataMatchObjection]>('objectToDataMatch');
export const recordDataMatchRecheck = defineUpdate<CaseState, [DataMatchRecheck]>('recordDataMatchRecheck');
export const recordHomeVisit = defineUpdate<CaseState, [HomeVisitInput]>('recordHomeVisit');
export const recordDemocraticReview = defineUpdate<CaseState, [DemocraticReviewInput]>('recordDemocraticReview');
export const fileNoticeObjection = defineUpdate<CaseState, [NoticeObjectionInput]>('fileNoticeObjection');
export const extendTimeLimit = defineUpdate<CaseState, [ExtensionInput]>('extendTimeLimit');
export const decide = defineUpdate<CaseState, [DecisionInput]>('decide');
export const assignCase = defineUpdate<CaseState | BenefitState, [AssignmentInput]>('assignCase');

/**
 * Sent after a year's holiday schedule is loaded or corrected. Cases with a deadline ledger re-plan
 * every open entry the year touches (`years` and `by` are absent in signals sent before the ledger);
 * older cases recompute a provisional deadline.
 */
export const calendarUpdated = defineSignal<[CalendarChange]>('calendarUpdated');
export interface CalendarChange {
  year: number;
  years?: number[];
  /** Who loaded the schedule, for the audit reason. */
  by?: string;
}
/** The parent case moved the 一事一议 deadline (a calendar change): the child re-arms its timers. */
export const deliberationDeadlineMoved = defineSignal<[{ remindOn: string; dueDate: string }]>('deliberationDeadlineMoved');

export const SA = {
  stage: defineSearchAttributeKey('CaseStage', SearchAttributeType.KEYWORD),
  program: defineSearchAttributeKey('CaseProgram', SearchAttributeType.KEYWORD),
  township: defineSearchAttributeKey('CaseTownship', SearchAttributeType.KEYWORD),
  dueDate: defineSearchAttributeKey('CaseDueDate', SearchAttributeType.DATETIME),
  sla: defineSearchAttributeKey('CaseSlaStatus', SearchAttributeType.KEYWORD),
};

/** `--search-attribute` values for the dev server; production registers the same (docker-compose.yml). */
export const SEARCH_ATTRIBUTE_TYPES: Record<string, 'Keyword' | 'Datetime'> = {
  CaseStage: 'Keyword',
  CaseProgram: 'Keyword',
  CaseTownship: 'Keyword',
  CaseDueDate: 'Datetime',
  CaseSlaStatus: 'Keyword',
};

/** ApplicationFailure types the API maps to HTTP statuses. */
export const FailureTypes = {
  wrongStage: 'WrongStage',
  invalid: 'InvalidInput',
  notEligible: 'NotEligible',
  forbidden: 'Forbidden',
  /** An activity's database refusal no retry can cure (constraint or encoding error): the step is undone. */
  unstorable: 'UnstorableData',
  /** The audit chain cannot take the step (an event missing or changed): the case needs attention. */
  auditChainBroken: 'AuditChainBroken',
} as const;
