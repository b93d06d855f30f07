// Verifying a bearer token (signature, claims schema) costs more than the rest of a case read. A
// token verified once is the same token the next time: it is remembered by its exact text until
// it expires, and never longer than MAX_AGE_MS (a key withdrawn from the identity provider's JWKS
// stops working within that time, as jose's own JWKS cache already allows). Failures are never
// remembered: a bad token is checked (and refused) every time. Bounded: the least recently used
// entry goes first.

const MAX_ENTRIES = 10_000;
const MAX_AGE_MS = 5 * 60_000;

export class VerifiedTokens<T extends object> {
  private readonly entries = new Map<string, { value: T; until: number }>();

  constructor(
    private readonly max = MAX_ENTRIES,
    private readonly maxAgeMs = MAX_AGE_MS,
    private readonly now: () => number = Date.now,
  ) {}

  /** A copy of what `token` verified to, while it is still valid. */
  get(token: string): T | undefined {
    const e = this.entries.get(token);
    if (!e) return undefined;
    if (this.now() >= e.until) {
      this.entries.delete(token);
      return undefined;
    }
    // Most recently used last: Map keeps insertion order.
    this.entries.delete(token);
    this.entries.set(token, e);
    return { ...e.value };
  }

  /** `expSeconds`: the token's exp claim (jose refuses a token once now >= exp). */
  set(token: string, value: T, expSeconds: number): void {
    const until = Math.min(expSeconds * 1000, this.now() + this.maxAgeMs);
    if (!(until > this.now())) return;
    this.entries.delete(token);
    this.entries.set(token, { value: { ...value }, until });
    if (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value as string);
  }

  get size(): number {
    return this.entries.size;
  }
}
