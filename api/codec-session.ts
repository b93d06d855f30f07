import { randomBytes } from 'node:crypto';
import type { Actor } from '../domain/case';

// The Temporal Web UI sends no bearer token of its own; it sends a cookie instead. That cookie
// holds a random session id, never the bearer token: the id is useless anywhere but /codec on
// this API process, lives at most SESSION_TTL_MS (and never past the token it was issued for),
// and the map is bounded so nobody can grow it without limit.

export const SESSION_TTL_MS = 30 * 60_000;
const MAX_SESSIONS = 10_000;

interface Session {
  actor: Actor;
  expiresAt: number;
}

export class CodecSessions {
  private readonly sessions = new Map<string, Session>();

  constructor(private readonly now: () => number = Date.now) {}

  /** A new session for an authenticated actor; `tokenExpiresAt` in ms caps its lifetime. */
  open(actor: Actor, tokenExpiresAt?: number): { id: string; maxAgeMs: number } {
    this.sweep();
    if (this.sessions.size >= MAX_SESSIONS) this.sessions.delete(this.sessions.keys().next().value!);
    const expiresAt = Math.min(this.now() + SESSION_TTL_MS, tokenExpiresAt ?? Infinity);
    const id = randomBytes(32).toString('base64url');
    this.sessions.set(id, { actor, expiresAt });
    return { id, maxAgeMs: Math.max(0, expiresAt - this.now()) };
  }

  /** The actor of a live session; expired and unknown ids give nothing. */
  actor(id: string | undefined): Actor | undefined {
    if (!id) return undefined;
    const s = this.sessions.get(id);
    if (!s) return undefined;
    if (s.expiresAt <= this.now()) {
      this.sessions.delete(id);
      return undefined;
    }
    return s.actor;
  }

  private sweep(): void {
    const t = this.now();
    for (const [id, s] of this.sessions) if (s.expiresAt <= t) this.sessions.delete(id);
  }
}
