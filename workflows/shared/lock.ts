import { ApplicationFailure, condition, currentUpdateInfo } from '@temporalio/workflow';
import { FailureTypes } from '../definitions';
import { activityCause, chainBrokenFailure, isChainBrokenFailure } from './audit-guard';

/** Takes a copy of what a step may change and returns how to put it back. */
export type Checkpoint = () => () => void;

/** What the lock reads of the state to keep a broken audit chain from wedging the case. */
export type AuditGuarded = () => { eventCount: number; auditBlocked?: string } | undefined;

/**
 * Serialises async update handlers and timer callbacks: each reads state, awaits activities and
 * writes state, and two interleaved would record audit events out of order.
 *
 * With a checkpoint, a step whose recording the database refused for good (a non-retryable
 * UnstorableData activity failure) is undone: the state goes back to what it was before the step,
 * so the workflow never runs ahead of its audit trail and read model, and the step fails with a
 * clear InvalidInput error (the API answers 400) instead of waiting forever.
 *
 * With the audit state at hand it also keeps a broken audit chain from wedging the case: an update
 * arriving while a timer step waits for the chain to be restored is refused at once, and an update
 * whose step the chain refused (AuditChainBroken, before any of its events was recorded) is undone.
 */
export class Lock {
  private held = false;

  constructor(
    private readonly checkpoint?: Checkpoint,
    private readonly audit?: AuditGuarded,
  ) {}

  async run<T>(fn: () => Promise<T>): Promise<T> {
    const inUpdate = currentUpdateInfo() !== undefined;
    // Two steps waiting wake together when the lock frees: the one that finds it taken again waits on.
    for (;;) {
      await condition(() => !this.held || (inUpdate && !!this.audit?.()?.auditBlocked));
      if (!this.held) break;
      const blocked = this.audit?.()?.auditBlocked;
      if (inUpdate && blocked) throw chainBrokenFailure(blocked);
    }
    this.held = true;
    const restore = this.checkpoint?.();
    const eventsBefore = this.audit?.()?.eventCount;
    try {
      return await fn();
    } catch (err) {
      const cause = activityCause(err);
      if (restore && cause?.type === FailureTypes.unstorable) {
        restore();
        throw ApplicationFailure.create({
          type: FailureTypes.invalid,
          nonRetryable: true,
          message: `the step could not be recorded and was undone; nothing changed: ${cause.message}`,
        });
      }
      if (restore && isChainBrokenFailure(err) && this.audit?.()?.eventCount === eventsBefore) restore();
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
