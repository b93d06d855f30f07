// The short chaos run in the main suite (the long one is `npm run test:chaos`): real processes
// (embedded PostgreSQL, Temporal dev server on a file, worker and API as node children), 10 cases
// through accept → home visit → public notice → approval in demo time while the worker and the
// dev server are SIGKILLed and PostgreSQL is stopped with `pg_ctl stop -m immediate`; then a
// payroll whose worker is killed mid-batch.
import { ChaosFigures, runChaos } from './chaos/run';

let f: ChaosFigures;
const t0 = Date.now();
// Progress lines on stderr as they happen: a slow CI run shows where its time went.
const log = (line: string) => void process.stderr.write(`[chaos-short +${((Date.now() - t0) / 1000).toFixed(0)} s] ${line}\n`);

beforeAll(async () => {
  // One deadline for the whole run, inside the hook's timeout: a system that cannot start or stops
  // answering ends the run with what it waited for, and its processes stopped.
  f = await runChaos({
    cases: 10,
    parallel: 10,
    plan: ['postgres', 'worker', 'temporal'],
    gapMs: 3_000,
    payrollBatchSize: 2,
    deadlineMs: 270_000,
    log,
  });
  console.log(
    `chaos-short figures: ${JSON.stringify({ seconds: f.seconds, approved: f.approved, http: f.tally.byStatus, pg: f.chaos.pgOutages, payroll: { ...f.payroll, summary: f.payroll.summary } })}`,
  );
}, 300_000);

test('PostgreSQL stopped immediately: API and worker keep their processes, 503 meanwhile, working again within 30 s', () => {
  expect(f.chaos.kills.postgres).toBe(1);
  const [outage] = f.chaos.pgOutages;
  expect(outage).toMatchObject({
    duringHealth: 503,
    duringRead: 503,
    duringCode: 'DATABASE_UNAVAILABLE',
    duringRetryAfter: '5',
    apiPidKept: true,
    workerPidKept: true,
  });
  expect(outage.recoveredInS).toBeLessThan(30);
  expect(f.apiPids).toHaveLength(1);
  expect(f.unexpectedExits).toEqual({ worker: 0, api: 0 });
});

test('10 cases through a worker kill, a Temporal kill and a PostgreSQL stop: none lost, nothing doubled, read model = workflows', () => {
  expect(f.chaos.kills).toEqual({ worker: 1, temporal: 1, postgres: 1 });
  expect(f.driverFailures).toEqual([]);
  expect(f.approved).toBe(10);
  expect(f.findings).toEqual({
    casesInReadModel: f.tracked,
    lost: [],
    duplicateCases: 0,
    duplicateEvents: 0,
    brokenChains: [],
    readModelDiffs: [],
  });
  // Outages answer 503 with Retry-After; never 500, never a refused connection.
  expect(f.tally.byStatus['500'] ?? 0).toBe(0);
  expect(f.tally.byStatus['0'] ?? 0).toBe(0);
  expect(f.tally.without503RetryAfter).toBe(0);
  expect(f.tally.byStatus['503']).toBeGreaterThan(0);
});

test('a worker killed mid-payroll: the run finishes within two minutes, pays nobody twice, and its summary is right', () => {
  const p = f.payroll;
  expect(p.paidBeforeKill).toBeGreaterThan(0);
  expect(p.finishedInS).toBeLessThan(120);
  expect(p.paidTwice).toBe(0);
  expect(p.summary).toMatchObject({ paid: p.roster - 3, alreadyPaid: 2, failed: 1, totalFen: p.expected.totalFen });
  expect(p.paidInDb).toBe(p.roster - 3);
  expect(p.summary.totalFen).toBeGreaterThan(0);
});
