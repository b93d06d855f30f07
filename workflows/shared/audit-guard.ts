import { ActivityFailure, ApplicationFailure } from '@temporalio/workflow';
import { FailureTypes } from '../definitions';

/** Behind this patch: a broken audit chain fails the step fast instead of retrying forever. */
export const CHAIN_BROKEN_PATCH = 'audit-chain-broken';

/** The recording activity's typed, non-retryable failure, as the workflow sees it. */
export function chainBrokenMessage(err: unknown): string | undefined {
  const cause = err instanceof ActivityFailure ? err.cause : undefined;
  return cause instanceof ApplicationFailure && cause.type === FailureTypes.auditChainBroken ? cause.message : undefined;
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
