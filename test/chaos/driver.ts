// Clients of the chaos run: each case driven through accept → home visit → public notice →
// approval over HTTP, as a clerk and an approver would, sending a request again after a 503 (as
// Retry-After asks) and counting every answer.
import type { Actor } from '../../domain/case';
import { approver, clerk, dibaoApplication, homeVisit } from '../support/fixtures';
import { tokenFor } from '../support/trust';
import type { Deadline } from './deadline';

export interface Tally {
  byStatus: Record<string, number>;
  /** 503 answers without a Retry-After header (should be none). */
  without503RetryAfter: number;
}

export const newTally = (): Tally => ({ byStatus: {}, without503RetryAfter: 0 });

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const tokens = new Map<string, Promise<string>>();
const token = (a: Actor) => {
  if (!tokens.has(a.id)) tokens.set(a.id, tokenFor(a, '8h'));
  return tokens.get(a.id)!;
};

export interface Answer {
  status: number;
  body: any;
  retryAfter: string | null;
}

/** One request; a refused connection or a timeout is status 0. */
export async function call(
  url: string,
  tally: Tally,
  method: string,
  p: string,
  actor: Actor | null,
  body?: unknown,
  timeoutMs = 90_000,
): Promise<Answer> {
  let a: Answer;
  try {
    const res = await fetch(url + p, {
      method,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(Math.max(1_000, timeoutMs)),
      headers: { 'content-type': 'application/json', ...(actor ? { authorization: `Bearer ${await token(actor)}` } : {}) },
    });
    const text = await res.text();
    a = { status: res.status, body: text ? JSON.parse(text) : null, retryAfter: res.headers.get('retry-after') };
  } catch {
    a = { status: 0, body: null, retryAfter: null };
  }
  tally.byStatus[a.status] = (tally.byStatus[a.status] ?? 0) + 1;
  if (a.status === 503 && !a.retryAfter) tally.without503RetryAfter += 1;
  return a;
}

/**
 * Sends until the answer is not an outage (503, 5xx, no answer); those are retried after a pause,
 * for up to 4 minutes and never past the run's deadline.
 */
async function send(url: string, tally: Tally, d: Deadline, method: string, p: string, actor: Actor, body?: unknown): Promise<Answer> {
  const until = d.until(240_000);
  for (;;) {
    d.check(`${method} ${p}`);
    const a = await call(url, tally, method, p, actor, body, Math.min(90_000, until - Date.now()));
    if (a.status !== 0 && a.status < 500) return a;
    if (Date.now() > until) throw new Error(`${method} ${p}: still ${a.status} after ${d.passed() ? "the run's deadline" : '4 minutes'}`);
    await sleep(a.status === 503 ? 1_000 : 2_000);
  }
}

async function waitForStage(
  url: string,
  tally: Tally,
  d: Deadline,
  id: string,
  ok: (stage: string) => boolean,
  timeoutMs = 300_000,
): Promise<any> {
  const until = d.until(timeoutMs);
  for (;;) {
    const a = await send(url, tally, d, 'GET', `/api/cases/${id}`, clerk);
    if (a.status === 200 && ok(a.body.stage)) return a.body;
    if (Date.now() > until) throw new Error(`case ${id} stayed at ${a.body?.stage} (${a.status})`);
    await sleep(1_000);
  }
}

const APPROVED = ['in_benefit', 'reviewing', 'approved'];

/** Accepts a new household's application and takes it to approval; returns the case id. */
export async function driveCase(url: string, tally: Tally, d: Deadline, onAccepted: (id: string) => void): Promise<string> {
  const application = dibaoApplication();
  // Sending the same application again is idempotent (same household, same request): it returns the case.
  const accepted = await send(url, tally, d, 'POST', '/api/cases', clerk, application);
  if (![200, 201, 202].includes(accepted.status)) throw new Error(`accept: ${accepted.status} ${JSON.stringify(accepted.body)}`);
  const id: string = accepted.body.caseId;
  onAccepted(id);
  const investigating = await waitForStage(url, tally, d, id, (s) => s !== 'accepted');
  for (;;) {
    const visit = await send(
      url,
      tally,
      d,
      'POST',
      `/api/cases/${id}/home-visit`,
      clerk,
      homeVisit({ visitedOn: investigating.acceptedOn }),
    );
    if (visit.status === 200) break;
    // A visit recorded before an outage cut off its answer: the case has moved on, which is what we wanted.
    if (visit.status === 409 && (await waitForStage(url, tally, d, id, () => true)).stage !== 'investigating') break;
    if (visit.status !== 409) throw new Error(`home visit of ${id}: ${visit.status} ${JSON.stringify(visit.body)}`);
    await sleep(1_000);
  }
  await waitForStage(url, tally, d, id, (s) => s === 'deciding' || APPROVED.includes(s));
  for (;;) {
    const decided = await send(url, tally, d, 'POST', `/api/cases/${id}/decision`, approver, { outcome: 'approve' });
    if (decided.status === 200) break;
    if (decided.status === 409 && APPROVED.includes((await waitForStage(url, tally, d, id, () => true)).stage)) break;
    if (decided.status !== 409) throw new Error(`decision on ${id}: ${decided.status} ${JSON.stringify(decided.body)}`);
    await sleep(1_000);
  }
  await waitForStage(url, tally, d, id, (s) => APPROVED.includes(s));
  return id;
}

/** Runs `n` cases with at most `parallel` at once; past the deadline no new case starts. */
export async function driveCases(
  url: string,
  tally: Tally,
  n: number,
  parallel: number,
  ids: Set<string>,
  d: Deadline,
): Promise<{ done: string[]; failures: string[] }> {
  const done: string[] = [];
  const failures: string[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(parallel, n) }, async () => {
      while (next < n && !d.passed()) {
        next += 1;
        try {
          done.push(await driveCase(url, tally, d, (id) => ids.add(id)));
        } catch (err) {
          failures.push((err as Error).message);
        }
      }
    }),
  );
  return { done, failures };
}
