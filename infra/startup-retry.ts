import { isDatabaseOutage } from '../db/outage';
import { Backoff } from './backoff';
import { processLogger } from './logger';

// A worker or API started while PostgreSQL or Temporal is still coming up (or restarting) waits
// for it, saying what it waits for, instead of exiting and being restarted from scratch.

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Temporal's connect fails with a transport error while nothing listens at the address. */
const temporalUnreachable = (err: unknown) => /connect|transport|unavailable|refused|dns/i.test(String((err as Error)?.message ?? err));

export async function whenReachable<T>(who: string, what: string, fn: () => Promise<T>, kind: 'postgres' | 'temporal'): Promise<T> {
  const backoff = new Backoff({ maxMs: 10_000 });
  for (;;) {
    try {
      return await fn();
    } catch (err) {
      const outage = kind === 'postgres' ? isDatabaseOutage(err) : temporalUnreachable(err);
      if (!outage) throw err;
      const wait = backoff.failed();
      processLogger(who).warn(`waiting for ${what} (${(err as Error).message.split('\n')[0]}); next try in ${wait / 1000} s`);
      await sleep(wait);
    }
  }
}
