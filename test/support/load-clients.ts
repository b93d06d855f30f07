import type { Application } from '../../domain/application';
import type { Actor } from '../../domain/case';
import { clerk, dibaoApplication, homeVisit } from './fixtures';
import { tokenFor } from './trust';

// Clients that keep reading and writing through the API while something breaks underneath, and
// keep every answer with its timing. After a 503 they send the same request again at once (not
// after Retry-After): the run measures when the system can answer, not how patient a client is.

export interface Sample {
  client: string;
  what: string;
  start: number;
  end: number;
  status: number;
  retryAfter: string | null;
  /** A 409 that answers a resend after a 503: the first request had been carried out. */
  resend?: boolean;
}

export interface Accepted {
  application: Application;
  caseId?: string;
}

export class LoadRun {
  readonly samples: Sample[] = [];
  /** Every application an acceptance client sent, and the case it finally got. */
  readonly accepted: Accepted[] = [];
  private running = true;
  private readonly loops: Promise<void>[] = [];

  constructor(private readonly url: string) {}

  async call(client: string, method: string, path: string, body?: unknown, actor: Actor = clerk) {
    const start = Date.now();
    let status = 0;
    let json: any = null;
    let retryAfter: string | null = null;
    try {
      const res = await fetch(this.url + path, {
        method,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(30_000),
        headers: { 'content-type': 'application/json', authorization: `Bearer ${await tokenFor(actor, '1h')}` },
      });
      status = res.status;
      retryAfter = res.headers.get('retry-after');
      json = await res.json().catch(() => null);
    } catch {
      // no answer at all: status 0
    }
    const sample: Sample = {
      client,
      what: `${method} ${path.replace(/[A-Z]{2}-\d+-\d+-\d+/, ':id')}`,
      start,
      end: Date.now(),
      status,
      retryAfter,
    };
    this.samples.push(sample);
    return { status, body: json, sample };
  }

  /** Sends until the answer is not a 503 (a short pause between), while the run goes on or for `ms`; the last answer. */
  async send(client: string, method: string, path: string, body?: unknown, ms?: number) {
    const until = ms === undefined ? undefined : Date.now() + ms;
    for (let resent = false; ; resent = true) {
      const a = await this.call(client, method, path, body);
      if (resent && a.status === 409) a.sample.resend = true;
      if (a.status !== 503 || (until === undefined ? !this.running : Date.now() > until)) return a;
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  /** Reads one case again and again. */
  reader(client: string, caseId: string): void {
    this.loop(async () => void (await this.send(client, 'GET', `/api/cases/${caseId}`)));
  }

  /** Accepts one new household after another. */
  acceptor(client: string): void {
    this.loop(async () => {
      const entry: Accepted = { application: dibaoApplication() };
      this.accepted.push(entry);
      const a = await this.send(client, 'POST', '/api/cases', entry.application);
      entry.caseId = a.body?.caseId;
    });
  }

  /** Accepts a household, waits until its case is investigated, records the home visit. */
  visitor(client: string): void {
    this.loop(async () => {
      const entry: Accepted = { application: dibaoApplication() };
      this.accepted.push(entry);
      const accepted = await this.send(client, 'POST', '/api/cases', entry.application);
      if (!(entry.caseId = accepted.body?.caseId)) return;
      for (let c = accepted; this.running; c = await this.send(client, 'GET', `/api/cases/${entry.caseId}`)) {
        if (c.body?.stage === 'investigating') break;
        await new Promise((r) => setTimeout(r, 200));
      }
      await this.send(client, 'POST', `/api/cases/${entry.caseId}/home-visit`, homeVisit({ visitedOn: accepted.body.acceptedOn }));
    });
  }

  private loop(step: () => Promise<void>): void {
    this.loops.push(
      (async () => {
        while (this.running) await step();
      })(),
    );
  }

  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.loops);
  }
}
