/**
 * The case's sense of time. Normally real workflow time. In a demo or training sandbox
 * (`speed` > 1, fixed in the workflow input so replay agrees) days pass faster, so a clerk can
 * watch a 7-day public notice end in a minute. Dates shown are this clock's dates.
 */
export class CaseClock {
  private readonly origin = Date.now();

  constructor(private readonly speed = 1) {}

  now(): number {
    return this.origin + (Date.now() - this.origin) * this.speed;
  }

  /** Real milliseconds until the clock reads `at` (0 when it already has). */
  msUntil(at: number): number {
    return Math.max(0, Math.ceil((at - this.now()) / this.speed));
  }
}
