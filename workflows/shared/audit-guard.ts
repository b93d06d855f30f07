import { ActivityFailure, ApplicationFailure } from '@temporalio/workflow';
import { FailureTypes } from '../definitions';

/** Behind this patch: a broken audit chain fails the step fast instead of retrying forever. */
export const CHAIN_BROKEN_PATCH = 'audit-chain-broken';

/**
 * The ApplicationFailure an activity threw: the cause of an ActivityFailure, or (a local
 * activity's failure may reach the workflow unwrapped) the failure itself.
 */
export function activityCause(err: unknown): ApplicationFailure | undefined {
  const cause = err instanceof ActivityFailure ? err.cause : err;
  return cause instanceof ApplicationFailure ? cause : undefined;
}

/** The recording activity's typed, non-retryable failure, as the workflow sees it. */
export function chainBrokenMessage(err: unknown): string | undefined {
  const cause = activityCause(err);
  return cause?.type === FailureTypes.auditChainBroken ? cause.message : undefined;
}

export function isChainBrokenFailure(err: unknown): boolean {
  return err instanceof ApplicationFailure && err.type === FailureTypes.auditChainBroken;
}

export function chainBrokenFailure(message: string): ApplicationFailure {
  return ApplicationFailure.create({
    type: FailureTypes.auditChainBroken,
    nonRetryable: true,
    message: `${message}; the step was not recorded and the case is listed for supervisors (cases needing attention)`,
  });
}
