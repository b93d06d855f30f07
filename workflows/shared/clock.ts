/**
 * The case's sense of time. Normally real workflow time. In a demo or training sandbox
 * (`speed` > 1, fixed in the workflow input so replay agrees) days pass faster, so a clerk can
 * watch a 7-day public notice end in a minute. Dates shown are this clock's dates.
 */
export class CaseClock {
  private readonly origin = Date.now();
  private readonly virtualOrigin: number;

  /** `startAt`: where a continued run's clock picks up (the previous run's reading). */
  constructor(
    readonly speed = 1,
    startAt?: number,
  ) {
    this.virtualOrigin = startAt ?? this.origin;
  }

  now(): number {
    return this.virtualOrigin + (Date.now() - this.origin) * this.speed;
  }

  /** Real milliseconds until the clock reads `at` (0 when it already has). */
  msUntil(at: number): number {
    return Math.max(0, Math.ceil((at - this.now()) / this.speed));
  }
}
