import { condition, currentUpdateInfo } from '@temporalio/workflow';
import { chainBrokenFailure, isChainBrokenFailure } from './audit-guard';

type Guarded = { eventCount: number; auditBlocked?: string };

/**
 * Serialises async update handlers and timer callbacks: each reads state, awaits activities and
 * writes state, and two interleaved would record audit events out of order.
 *
 * With the state at hand it also keeps a broken audit chain from wedging the case: an update
 * arriving while a timer step waits for the chain to be restored is refused at once, and an
 * update whose step the chain refused leaves the state as it found it (nothing was recorded).
 */
export class Lock {
  private held = false;

  constructor(private readonly state: () => Guarded | undefined = () => undefined) {}

  async run<T>(fn: () => Promise<T>): Promise<T> {
    const inUpdate = currentUpdateInfo() !== undefined;
    await condition(() => !this.held || (inUpdate && !!this.state()?.auditBlocked));
    if (this.held) throw chainBrokenFailure(this.state()!.auditBlocked!);
    this.held = true;
    const before = inUpdate && this.state() ? JSON.stringify(this.state()) : undefined;
    try {
      return await fn();
    } catch (err) {
      if (before && isChainBrokenFailure(err)) restoreUnrecorded(this.state()!, before);
      throw err;
    } finally {
      this.held = false;
    }
  }
}

/** In place, so references to the state object stay valid; only when the step recorded no event at all. */
function restoreUnrecorded(current: Guarded, before: string): void {
  const prev = JSON.parse(before) as Guarded & Record<string, unknown>;
  if (prev.eventCount !== current.eventCount) return;
  const cur = current as unknown as Record<string, unknown>;
  for (const k of Object.keys(cur)) if (!(k in prev)) delete cur[k];
  Object.assign(cur, prev);
}
