import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { Actor } from '../../domain/case';
import type { ReferralFeedback, ReferralRequest, ReferralState } from '../../domain/referral';

// Shared by the referral workflow, the API and the tests (kept apart from workflows/definitions.ts).

export interface ReferralInput {
  referralId: string;
  request: ReferralRequest;
  /** Looked up by the API from the county's list when the clerk referred it; fixed from then on. */
  department: { code: string; name: string };
  referredBy: Actor;
  /** Days pass this many times faster: demo and training sandboxes only. */
  demoSpeed?: number;
}

export interface ReferralOutcome {
  referralId: string;
  stage: ReferralState['stage'];
  outcome: ReferralFeedback['outcome'] | null;
}

export type FeedbackInput = ReferralFeedback & { actor: Actor };

export const referralStateQuery = defineQuery<ReferralState | null>('state');
export const recordReferralFeedback = defineUpdate<ReferralState, [FeedbackInput]>('recordReferralFeedback');
