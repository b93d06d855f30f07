// Restart delays for supervised processes: 1 s, doubling to 30 s while a process keeps dying;
// back to 1 s once it has stayed up a minute. A missing dependency then costs a log line every
// 30 s, not a restart storm every second.

export interface BackoffOptions {
  initialMs?: number;
  maxMs?: number;
  /** Uptime after which the next failure counts as the first again. */
  resetAfterMs?: number;
}

export class Backoff {
  private delay: number;
  private startedAt: number | undefined;
  private readonly initial: number;
  private readonly max: number;
  private readonly resetAfter: number;

  constructor(
    o: BackoffOptions = {},
    private readonly now: () => number = Date.now,
  ) {
    this.initial = o.initialMs ?? 1_000;
    this.max = o.maxMs ?? 30_000;
    this.resetAfter = o.resetAfterMs ?? 60_000;
    this.delay = this.initial;
  }

  /** Call when the process (re)starts. */
  started(): void {
    this.startedAt = this.now();
  }

  /** Call when it died: how long to wait before the next start. */
  failed(): number {
    if (this.startedAt !== undefined && this.now() - this.startedAt >= this.resetAfter) this.delay = this.initial;
    const wait = this.delay;
    this.delay = Math.min(this.delay * 2, this.max);
    return wait;
  }
}
