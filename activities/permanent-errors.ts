import { ApplicationFailure } from '@temporalio/common';
import { FailureTypes } from '../workflows/definitions';

/** The ApplicationFailure type of a database refusal no retry can cure (workflows roll the step back). */
export const UNSTORABLE = FailureTypes.unstorable;

/**
 * SQLSTATE classes that describe the data, not the moment: 22 data exception (NUL or invalid
 * UTF-8 22021, untranslatable character 22P05, invalid text or JSON 22P02, value too long, bad
 * date) and 23 integrity constraint violation. Retrying the same input gets the same answer, so
 * such an error fails at once instead of retrying the activity forever. Connection loss (08),
 * serialization failures (40), shutdown (57) and resource limits (53) stay retryable.
 */
export function isPermanentDbError(err: unknown): err is Error & { code: string } {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^2[23][0-9A-Z]{3}$/.test(code);
}

/** The message names the SQLSTATE and PostgreSQL's message, never `detail` (which may quote personal data). */
export function permanentFailure(err: Error & { code: string }): ApplicationFailure {
  return ApplicationFailure.create({
    type: UNSTORABLE,
    message: `PostgreSQL refused the data (SQLSTATE ${err.code}: ${err.message}); retrying cannot succeed`,
    nonRetryable: true,
  });
}

/** Wraps every activity of the factory: one place decides what is worth a retry. */
export function failFastOnPermanentDbErrors<T extends Record<string, (...args: any[]) => Promise<any>>>(activities: T): T {
  const wrapped: Record<string, (...args: any[]) => Promise<any>> = {};
  for (const [name, fn] of Object.entries(activities)) {
    wrapped[name] = async (...args: any[]) => {
      try {
        return await fn(...args);
      } catch (err) {
        throw isPermanentDbError(err) ? permanentFailure(err) : err;
      }
    };
  }
  return wrapped as T;
}
