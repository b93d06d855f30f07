// A database that stops answering without going away (SIGSTOP of every PostgreSQL process: what a
// hung host or a stalled disk looks like) while four clients read and write through the API: every
// request still answers within 6 s, 2xx or 503 with Retry-After; both readiness probes say 503 with
// Retry-After; all work resumes within 5 s of SIGCONT, and no acceptance is lost or doubled. Then
// the same for Temporal and an acceptance (503 within about 2.5 s). The whole system runs as
// real processes with NODE_ENV=production, and every line they log is JSON.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ChaosSystem, startChaosSystem } from './chaos/system';
import { dibaoApplication } from './support/fixtures';
import { LoadRun, Sample } from './support/load-clients';
import { freezePostgres, freezeProcess } from './support/process-freeze';

const FREEZE_MS = 20_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let sys: ChaosSystem;
let thaw: (() => void) | undefined;
beforeAll(async () => {
  // DEMO_DAY_SECONDS is refused in production: empty is unset.
  sys = await startChaosSystem({ demoDaySeconds: 86_400, env: { NODE_ENV: 'production', DEMO_DAY_SECONDS: '', LOG_LEVEL: 'info' } });
}, 180_000);
afterAll(async () => {
  thaw?.();
  await sys?.stop();
}, 60_000);

const ok = (s: Sample) =>
  (s.status >= 200 && s.status < 300) || (s.status === 503 && s.retryAfter !== null) || (s.status === 409 && s.resend);

test('PostgreSQL frozen for 20 s under four clients: every answer within 6 s, 2xx or 503 with Retry-After; all resumes within 5 s', async () => {
  const run = new LoadRun(sys.apiUrl);
  const seed = await run.send('seed', 'POST', '/api/cases', dibaoApplication(), 30_000);
  expect([200, 201, 202]).toContain(seed.status);
  run.reader('reader-1', seed.body.caseId);
  run.reader('reader-2', seed.body.caseId);
  run.acceptor('acceptor');
  run.visitor('visitor');
  await sleep(5_000);

  thaw = freezePostgres(sys.pg.dataDir);
  const frozenAt = Date.now();
  await sleep(2_000);
  const [apiReady, workerReady] = await Promise.all([
    run.call('probe', 'GET', '/health/ready'),
    readiness(`${sys.workerUrl}/health/ready`),
  ]);
  await sleep(FREEZE_MS - (Date.now() - frozenAt));
  thaw();
  thaw = undefined;
  const thawedAt = Date.now();

  // Each client's first success after the thaw, and the acceptance and home visit that need the worker too.
  const clients = ['reader-1', 'reader-2', 'acceptor', 'visitor'];
  const firstSuccess = (client: string, what?: string) =>
    run.samples.find(
      (s) => s.client === client && s.start >= thawedAt - 6_000 && s.end >= thawedAt && s.status < 300 && (!what || s.what === what),
    );
  const deadline = thawedAt + 30_000;
  while (Date.now() < deadline && !(clients.every((c) => firstSuccess(c)) && firstSuccess('visitor', 'POST /api/cases/:id/home-visit')))
    await sleep(250);
  await sleep(2_000);
  await run.stop();

  const during = run.samples.filter((s) => s.end >= frozenAt && s.start <= thawedAt);
  const resumedInMs = Object.fromEntries(clients.map((c) => [c, (firstSuccess(c)?.end ?? Infinity) - thawedAt]));
  const figures = {
    requests: run.samples.length,
    duringFreeze: during.length,
    statusesDuringFreeze: count(during.map((s) => s.status)),
    maxAnswerMsDuringFreeze: Math.max(...during.map((s) => s.end - s.start)),
    maxAnswerMs: Math.max(...run.samples.map((s) => s.end - s.start)),
    resumedInMs,
    homeVisitResumedInMs: (firstSuccess('visitor', 'POST /api/cases/:id/home-visit')?.end ?? Infinity) - thawedAt,
    readiness: { api: [apiReady.status, apiReady.sample.end - apiReady.sample.start], worker: [workerReady.status, workerReady.ms] },
  };
  console.log(`frozen PostgreSQL: ${JSON.stringify(figures)}`);

  expect(run.samples.filter((s) => !ok(s) || s.end - s.start > 6_000)).toEqual([]);
  expect(during.filter((s) => s.status === 503).length).toBeGreaterThan(0);
  for (const c of clients) expect(resumedInMs[c]).toBeLessThanOrEqual(5_000);
  expect(figures.homeVisitResumedInMs).toBeLessThanOrEqual(5_000);
  expect({ status: apiReady.status, retryAfter: apiReady.sample.retryAfter }).toEqual({ status: 503, retryAfter: '5' });
  expect({ status: workerReady.status, retryAfter: workerReady.retryAfter }).toEqual({ status: 503, retryAfter: '5' });
  expect(workerReady.ms).toBeLessThan(3_000);

  // Not lost, not doubled: each application sent again (after its 503s) finds its one case.
  for (const a of run.accepted) {
    const again = await run.send('check', 'POST', '/api/cases', a.application, 30_000);
    expect([200, 201, 202]).toContain(again.status);
    if (a.caseId) expect(again.body.caseId).toBe(a.caseId);
  }
  const households = run.accepted.map((a) => a.application.household.householdId);
  const cases = await sys.db.query(
    'SELECT household_id, count(*)::int AS n FROM cases WHERE household_id = ANY($1) GROUP BY household_id',
    [households],
  );
  expect(cases.rows.map((r) => r.n)).toEqual(households.map(() => 1));
}, 180_000);

test('Temporal frozen: an acceptance answers 503 with Retry-After within about 2.5 s, and the same request after the thaw finds its one case', async () => {
  const run = new LoadRun(sys.apiUrl);
  const application = dibaoApplication();
  thaw = freezeProcess(sys.temporal.pid);
  let frozen;
  try {
    frozen = await run.call('acceptor', 'POST', '/api/cases', application);
  } finally {
    thaw();
    thaw = undefined;
  }
  const ms = frozen.sample.end - frozen.sample.start;
  console.log(`frozen Temporal: acceptance answered ${frozen.status} in ${ms} ms`);
  expect({ status: frozen.status, retryAfter: frozen.sample.retryAfter }).toEqual({ status: 503, retryAfter: '5' });
  expect(ms).toBeLessThan(3_500);
  const again = await run.send('acceptor', 'POST', '/api/cases', application, 30_000);
  expect([200, 201, 202]).toContain(again.status);
  const cases = await sys.db.query('SELECT case_id FROM cases WHERE household_id = $1', [application.household.householdId]);
  expect(cases.rows.map((r) => r.case_id)).toEqual([again.body.caseId]);
}, 90_000);

test('every line the API and the worker logged (NODE_ENV=production) is JSON, a lost idle connection too', async () => {
  // What a database restart does to the pools' idle sessions: each pool says so in its log. The
  // readiness probes leave one idle session in each pool first.
  await Promise.all([readiness(`${sys.apiUrl}/health/ready`), readiness(`${sys.workerUrl}/health/ready`)]);
  await sys.db.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = 'aidflow_app' AND state = 'idle'");
  await sleep(1_000);
  const lost: string[] = [];
  for (const file of ['api.log', 'worker.log']) {
    const lines = readFileSync(path.join(sys.dir, file), 'utf8')
      .split('\n')
      .filter((l) => l.trim());
    expect(lines.length).toBeGreaterThan(3);
    expect(lines.filter((l) => !isJson(l)).slice(0, 5)).toEqual([]);
    if (lines.some((l) => /idle database connection lost/.test(l))) lost.push(file);
  }
  expect(lost).toEqual(['api.log', 'worker.log']);
});

async function readiness(url: string) {
  const t0 = Date.now();
  const res = await fetch(url, { signal: AbortSignal.timeout(30_000) });
  return { status: res.status, retryAfter: res.headers.get('retry-after'), ms: Date.now() - t0 };
}

function isJson(line: string): boolean {
  try {
    return typeof JSON.parse(line) === 'object';
  } catch {
    return false;
  }
}

const count = (xs: number[]) => xs.reduce<Record<number, number>>((m, x) => ((m[x] = (m[x] ?? 0) + 1), m), {});
