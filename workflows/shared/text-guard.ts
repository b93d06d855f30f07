import { ApplicationFailure } from '@temporalio/workflow';
import { findTextFault, MAX_TEXT } from '../../domain/text';
import { FailureTypes } from '../definitions';

/**
 * Defence in depth behind the API's schemas: an update whose text PostgreSQL could not store
 * (NUL, other control characters, an unpaired surrogate) or that is longer than any field may
 * be is refused before it is accepted, so it can never reach the recording activity and wedge
 * the case. Only in validators: they do not run on replay, so histories recorded before stay valid.
 */
export function refusingBadText<A>(validator: (a: A) => void): (a: A) => void {
  return (a: A) => {
    const fault = findTextFault(a, MAX_TEXT);
    if (fault)
      throw ApplicationFailure.create({ type: FailureTypes.invalid, message: `${fault.path} ${fault.message}`, nonRetryable: true });
    validator(a);
  };
}
