// One deadline for a whole chaos run. Each wait (a request retried through an outage, a case
// waiting for its stage, a check, the payroll) used to have its own 4–5 minute limit, so a run
// whose API never came up sat through one after another; now every wait ends by the run's
// deadline, and the first to hit it ends the run with what it was waiting for.

export class DeadlineExceeded extends Error {}

export class Deadline {
  private end: number;

  constructor(
    budgetMs: number,
    private readonly what = 'the chaos run',
  ) {
    this.end = Date.now() + budgetMs;
  }

  get at(): number {
    return this.end;
  }

  left(): number {
    return this.end - Date.now();
  }

  /** Ends the run now: the waits still going on (clients of a run that already failed) stop at their next check. */
  abort(): void {
    this.end = Math.min(this.end, Date.now());
  }

  passed(): boolean {
    return this.left() <= 0;
  }

  /** The sooner of `ms` from now and the deadline, as a time stamp for a wait's own loop. */
  until(ms: number): number {
    return Math.min(Date.now() + ms, this.end);
  }

  /** Throws when the deadline has passed, naming what was being waited for. */
  check(waitingFor: string): void {
    if (this.passed()) throw new DeadlineExceeded(`${this.what} passed its deadline while waiting for ${waitingFor}`);
  }

  /** `p`, or a rejection at the deadline (the promise itself runs on; the run is over). */
  race<T>(p: Promise<T>, waitingFor: string): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new DeadlineExceeded(`${this.what} passed its deadline while waiting for ${waitingFor}`)),
        Math.max(0, this.left()),
      );
    });
    return Promise.race([p, expired]).finally(() => clearTimeout(timer));
  }
}

/** No deadline (a long run driven by hand). */
export const NO_DEADLINE = new Deadline(365 * 86_400_000);
