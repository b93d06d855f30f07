import type { HistoryAndWorkflowId } from '@temporalio/client';
import { Worker, type ReplayResult, type ReplayWorkerOptions } from '@temporalio/worker';

// Auditors' replays through one long-lived replay worker. Worker.runReplayHistories builds a new
// replay worker per call: a new V8 context that evaluates and compiles the whole workflow bundle
// again (about a third of a warm 11-run replay on this machine). Here one replay worker is fed from a
// queue for the life of the process; calls take turns (it replays one history at a time anyway).

type Next = (item: HistoryAndWorkflowId | null) => void;

class Session {
  private waiting: Next | undefined;
  private pending: (HistoryAndWorkflowId | null)[] = [];
  private readonly results: AsyncIterator<ReplayResult>;
  /** A next() already asked for: the worker is built by the first next(), which then waits for a history. */
  private asked: Promise<IteratorResult<ReplayResult>> | undefined;

  constructor(options: ReplayWorkerOptions) {
    this.results = Worker.runReplayHistories(options, this.histories());
  }

  /** Builds the replay worker (V8 context, bundle evaluated) without a history to replay yet. */
  start(): void {
    if (this.asked) return;
    this.asked = this.results.next();
    this.asked.catch(() => undefined);
  }

  next(): Promise<IteratorResult<ReplayResult>> {
    const asked = this.asked ?? this.results.next();
    this.asked = undefined;
    return asked;
  }

  private async *histories(): AsyncGenerator<HistoryAndWorkflowId> {
    for (;;) {
      // null (close) is an item too: only an empty queue waits.
      const item = this.pending.length
        ? this.pending.shift()!
        : await new Promise<HistoryAndWorkflowId | null>((resolve) => (this.waiting = resolve));
      if (item === null) return;
      yield item;
    }
  }

  push(item: HistoryAndWorkflowId | null): void {
    const w = this.waiting;
    this.waiting = undefined;
    if (w) w(item);
    else this.pending.push(item);
  }
}

export class Replayer {
  private session: Session | undefined;
  private turn: Promise<unknown> = Promise.resolve();
  private closed = false;

  constructor(private readonly options: () => Promise<ReplayWorkerOptions>) {}

  /** Loads the bundle and starts the replay worker now (at process start), not on the first call. */
  warm(): Promise<void> {
    return this.take(async () => {
      (await this.open()).start();
    });
  }

  /** Replays each history in order; a history the worker cannot take ends the session (the next call opens a new one). */
  replay(items: HistoryAndWorkflowId[]): Promise<ReplayResult[]> {
    return this.take(async () => {
      const session = await this.open();
      const out: ReplayResult[] = [];
      for (const item of items) {
        session.push(item);
        const next = await session.next().catch((err: unknown) => {
          this.session = undefined;
          throw err;
        });
        if (next.done) {
          this.session = undefined;
          throw new Error('the replay worker stopped');
        }
        out.push(next.value);
      }
      return out;
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.take(async () => {
      const s = this.session;
      this.session = undefined;
      if (s) {
        s.push(null);
        await s.next().catch(() => undefined);
      }
    });
  }

  private async open(): Promise<Session> {
    if (this.closed) throw new Error('the replayer is closed');
    this.session ??= new Session(await this.options());
    return this.session;
  }

  private take<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.turn.then(fn, fn);
    this.turn = run.catch(() => undefined);
    return run;
  }
}
