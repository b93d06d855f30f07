import { ActivityFailure, ApplicationFailure, condition } from '@temporalio/workflow';
import { FailureTypes } from '../definitions';

/** Takes a copy of what a step may change and returns how to put it back. */
export type Checkpoint = () => () => void;

/**
 * Serialises async update handlers and timer callbacks: each reads state, awaits activities and
 * writes state, and two interleaved would record audit events out of order.
 *
 * With a checkpoint, a step whose recording the database refused for good (a non-retryable
 * UnstorableData activity failure) is undone: the state goes back to what it was before the step,
 * so the workflow never runs ahead of its audit trail and read model, and the step fails with a
 * clear InvalidInput error (the API answers 400) instead of waiting forever.
 */
export class Lock {
  private held = false;

  constructor(private readonly checkpoint?: Checkpoint) {}

  async run<T>(fn: () => Promise<T>): Promise<T> {
    await condition(() => !this.held);
    this.held = true;
    const restore = this.checkpoint?.();
    try {
      return await fn();
    } catch (err) {
      if (restore && err instanceof ActivityFailure && err.cause instanceof ApplicationFailure && err.cause.type === FailureTypes.unstorable) {
        restore();
        throw ApplicationFailure.create({
          type: FailureTypes.invalid, nonRetryable: true,
          message: `the step could not be recorded and was undone; nothing changed: ${err.cause.message}`,
        });
      }
      throw err;
    } finally {
      this.held = false;
    }
  }
}

/**
 * A checkpoint of some fields of a context. An object value is restored in place (same
 * identity), because the workflow's main loop holds a reference to the state across awaits.
 * Copies go through JSON: workflow state is JSON by construction (it is persisted as jsonb).
 */
export function fieldsCheckpoint<C extends object>(ctx: C, fields: (keyof C)[]): Checkpoint {
  return () => {
    const saved = fields.map((f) => [f, ctx[f] === undefined ? undefined : JSON.parse(JSON.stringify(ctx[f]))] as const);
    return () => {
      for (const [f, copy] of saved) {
        const now = ctx[f] as unknown;
        if (copy && typeof copy === 'object' && now && typeof now === 'object' && !Array.isArray(now)) {
          for (const k of Object.keys(now)) delete (now as Record<string, unknown>)[k];
          Object.assign(now, copy);
        } else ctx[f] = copy as C[typeof f];
      }
    };
  };
}
