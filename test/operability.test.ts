// Operability against real processes (embedded PostgreSQL, the Temporal dev server, worker and API
// as node children, as `npm start` runs them): readiness through a Temporal outage, /metrics on the
// API and on the worker, and one JSON access line per request whose id reaches the worker's lines.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ChaosSystem, startChaosSystem } from './chaos/system';
import { dashboardQueries, exposedSeries, labelNames, metricNames } from './support/dashboard';
import { clerk, dibaoApplication, homeVisit, supervisor } from './support/fixtures';
import { tokenFor } from './support/trust';

let sys: ChaosSystem;
beforeAll(async () => {
  sys = await startChaosSystem({ demoDaySeconds: 86_400, env: { LOG_FORMAT: 'json', LOG_LEVEL: 'info' } });
}, 180_000);
afterAll(async () => {
  await sys?.stop();
}, 60_000);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function call(method: string, p: string, o: { body?: unknown; requestId?: string; base?: string; actor?: typeof clerk } = {}) {
  const t0 = Date.now();
  const res = await fetch((o.base ?? sys.apiUrl) + p, {
    method,
    body: o.body === undefined ? undefined : JSON.stringify(o.body),
    signal: AbortSignal.timeout(60_000),
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${await tokenFor(o.actor ?? clerk, '1h')}`,
      ...(o.requestId ? { 'x-request-id': o.requestId } : {}),
    },
  });
  const text = await res.text();
  let body: any = text;
  try {
    body = JSON.parse(text);
  } catch {
    // Prometheus text stays text
  }
  return { status: res.status, body, text, ms: Date.now() - t0, headers: res.headers };
}

async function until<T>(fn: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 60_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (ok(v)) return v;
    if (Date.now() > end) throw new Error(`not reached within ${timeoutMs} ms: ${JSON.stringify(v).slice(0, 400)}`);
    await sleep(500);
  }
}

const jsonLines = (file: string) =>
  readFileSync(path.join(sys.dir, file), 'utf8')
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l));

async function acceptedCase(): Promise<{ caseId: string; acceptedOn: string }> {
  const accepted = await call('POST', '/api/cases', { body: dibaoApplication() });
  expect([200, 201, 202]).toContain(accepted.status);
  return until(
    () => call('GET', `/api/cases/${accepted.body.caseId}`).then((r) => r.body),
    (c) => c.stage === 'investigating',
  );
}

test('readiness: API and worker ready; with Temporal stopped /health/ready and a step answer 503 within 5 s; started again, all recovers', async () => {
  const live = await call('GET', '/health/live');
  expect(live.status).toBe(200);
  expect(
    (
      await until(
        () => call('GET', '/health/ready'),
        (r) => r.status === 200,
      )
    ).body,
  ).toEqual({ status: 'ok', database: 'ok', temporal: 'ok', searchAttributes: 'ok' });
  expect(
    (
      await until(
        () => call('GET', '/health/ready', { base: sys.workerUrl }),
        (r) => r.status === 200,
      )
    ).body,
  ).toMatchObject({ worker: 'RUNNING' });
  const c = await acceptedCase();
  const apiPid = sys.api.child.pid;
  const workerPid = sys.worker.child.pid;

  await sys.stopTemporal();
  try {
    await duringOutage(c);
  } finally {
    await sys.startTemporal();
  }
  await until(
    () => call('GET', '/health/ready'),
    (r) => r.status === 200,
  );
  const again = await until(
    () => call('POST', `/api/cases/${c.caseId}/home-visit`, { body: homeVisit({ visitedOn: c.acceptedOn }) }),
    (r) => r.status !== 503,
    60_000,
  );
  expect(again.status).toBe(200);
  await until(
    () => call('GET', '/health/ready', { base: sys.workerUrl }),
    (r) => r.status === 200,
    60_000,
  );
  // Recovered without a restart: the same processes.
  expect([sys.api.child.pid, sys.worker.child.pid]).toEqual([apiPid, workerPid]);
}, 240_000);

async function duringOutage(c: { caseId: string; acceptedOn: string }): Promise<void> {
  const ready = await call('GET', '/health/ready');
  expect(ready.status).toBe(503);
  expect(ready.headers.get('retry-after')).toBe('5');
  expect(ready.body).toMatchObject({ status: 'degraded', temporal: 'unreachable' });
  expect(ready.ms).toBeLessThan(5_000);
  const step = await call('POST', `/api/cases/${c.caseId}/home-visit`, { body: homeVisit({ visitedOn: c.acceptedOn }) });
  expect({ status: step.status, code: step.body.error?.code, retryAfter: step.headers.get('retry-after') }).toEqual({
    status: 503,
    code: 'TEMPORAL_UNAVAILABLE',
    retryAfter: '5',
  });
  expect(step.ms).toBeLessThan(5_000);
  expect(
    (
      await until(
        () => call('GET', '/health/ready', { base: sys.workerUrl }),
        (r) => r.status === 503,
        15_000,
      )
    ).body,
  ).toMatchObject({ temporal: 'unreachable' });
  expect((await call('GET', '/health/live')).status).toBe(200);
}

test("/metrics on the API and on the worker: Prometheus text with the business gauges (and the SDK's on the worker)", async () => {
  await acceptedCase();
  // The gauges are cached for 10 s: wait until the open case shows.
  const api = await until(
    () => call('GET', '/metrics'),
    (r) => /aidflow_open_cases\{stage="investigating",sla_status="[a-z_]+"\} [1-9]/.test(r.text),
    30_000,
  );
  expect(api.headers.get('content-type')).toMatch(/^text\/plain/);
  expect(api.text).toMatch(/# TYPE aidflow_http_request_duration_seconds histogram/);
  expect(api.text).toMatch(/aidflow_http_request_duration_seconds_count\{method="POST",route="\/api\/cases",status="20\d"\} [1-9]/);
  for (const g of ['aidflow_payroll_runs', 'aidflow_payments', 'aidflow_codec_decode_requests', 'aidflow_codec_decode_refusals'])
    expect(api.text).toMatch(new RegExp(`^${g} \\d+$`, 'm'));
  const worker = await until(
    () => call('GET', '/metrics', { base: sys.workerUrl }),
    (r) => /aidflow_open_cases\{stage="investigating"/.test(r.text) && /^temporal_/m.test(r.text),
    30_000,
  );
  expect(worker.text).toMatch(/^aidflow_payroll_runs \d+$/m);
  expect(worker.text).toMatch(/^temporal_worker_task_slots_available\{/m);
}, 120_000);

test('the Grafana dashboard queries only series (and labels) that the API or the worker really serve', async () => {
  // After the tests above: requests answered, a case stepped through local activities. A payroll run (a
  // month long past) runs regular activities, so both kinds of activity histograms have series.
  expect((await call('POST', '/api/payroll/2026-01/run', { actor: supervisor })).status).toBe(200);
  const worker = await until(
    () => call('GET', '/metrics', { base: sys.workerUrl }),
    (r) =>
      /^temporal_activity_execution_latency_bucket\{/m.test(r.text) && /^temporal_local_activity_execution_latency_bucket\{/m.test(r.text),
    30_000,
  );
  const api = await call('GET', '/metrics');
  const served = exposedSeries(api.text + '\n' + worker.text);
  const queries = dashboardQueries();
  expect(queries.length).toBeGreaterThan(15);
  const missing: string[] = [];
  const used = new Set<string>();
  for (const { panel, expr } of queries) {
    const names = metricNames(expr);
    if (!names.length) missing.push(`${panel}: no aidflow_ or temporal_ series in ${expr}`);
    for (const n of names) {
      used.add(n);
      if (!served.has(n)) missing.push(`${panel}: ${n} is not served`);
    }
    for (const l of labelNames(expr)) {
      if (!names.some((n) => served.get(n)?.has(l))) missing.push(`${panel}: no series of ${names.join(', ')} has label ${l}`);
    }
  }
  expect(missing).toEqual([]);
  // The panels the issue asks for: requests, cases by stage and time limit, payroll, decode refusals, worker slots and latency.
  expect([...used]).toEqual(
    expect.arrayContaining([
      'aidflow_http_request_duration_seconds_count',
      'aidflow_http_request_duration_seconds_bucket',
      'aidflow_open_cases',
      'aidflow_payroll_runs',
      'aidflow_codec_decode_refusals',
      'temporal_worker_task_slots_available',
      'temporal_activity_execution_latency_bucket',
      'temporal_local_activity_execution_latency_bucket',
    ]),
  );
}, 60_000);

test("one JSON access line per request, with an id that the worker's lines for that step carry too; no ID number or name in clear", async () => {
  const c = await acceptedCase();
  const requestId = `ops-test-${Date.now()}`;
  const visit = await call('POST', `/api/cases/${c.caseId}/home-visit`, { body: homeVisit({ visitedOn: c.acceptedOn }), requestId });
  expect(visit.status).toBe(200);
  expect(visit.headers.get('x-request-id')).toBe(requestId);
  const generated = await call('GET', `/api/cases/${c.caseId}`);
  expect(generated.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);

  const access = await until(
    async () => jsonLines('api.log').filter((l) => l.requestId === requestId),
    (ls) => ls.length > 0,
    10_000,
  );
  expect(access).toHaveLength(1);
  expect(access[0]).toMatchObject({
    name: 'api',
    level: 30,
    res: { statusCode: 200 },
    route: '/api/cases/:caseId/home-visit',
    user: clerk.id,
    role: 'clerk',
  });
  expect(access[0].responseTime).toEqual(expect.any(Number));
  const worker = await until(
    async () => jsonLines('worker.log').filter((l) => l.requestId === requestId),
    (ls) => ls.length > 0,
    15_000,
  );
  expect(worker[0]).toMatchObject({ name: 'worker', msg: 'activity completed', workflowId: expect.stringContaining(c.caseId) });
  // Every line of both processes is JSON (no webpack statistics, no raw SDK objects), and none holds an ID number.
  for (const file of ['api.log', 'worker.log']) {
    const text = readFileSync(path.join(sys.dir, file), 'utf8');
    const stray = text.split('\n').filter((l) => l.trim() && !l.startsWith('{'));
    expect({ file, stray: stray.slice(0, 5) }).toEqual({ file, stray: [] });
    expect(text).not.toMatch(/\d{17}[\dXx]/);
  }
}, 120_000);
