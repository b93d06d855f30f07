// One chaos run: cases through their lifecycle while worker, Temporal and PostgreSQL are killed,
// then the checks, then a payroll with the worker killed mid-batch. Used by `npm run test:chaos`
// (100+ cases) and by test/chaos-short.test.ts (10 cases) alike.
import { checkCases, Findings } from './checks';
import { Deadline } from './deadline';
import { driveCases, newTally, Tally } from './driver';
import { ChaosLog, inflict, Kind } from './outages';
import { payrollWithWorkerKill, PayrollFindings } from './payroll';
import { startChaosSystem } from './system';

export interface ChaosOptions {
  cases: number;
  parallel: number;
  plan: Kind[];
  /** Pause before each failure. */
  gapMs: number;
  payrollBatchSize: number;
  /**
   * One budget for the whole run, start-up included: every wait ends by it, so a run whose API
   * cannot start or stops answering fails within this, not after minutes per wait.
   */
  deadlineMs: number;
  log?: (line: string) => void;
}

export interface ChaosFigures {
  cases: number;
  approved: number;
  driverFailures: string[];
  tracked: number;
  seconds: number;
  chaos: ChaosLog;
  tally: Tally;
  findings: Findings;
  payroll: PayrollFindings;
  unexpectedExits: { worker: number; api: number };
  apiPids: number[];
  workerPids: number[];
}

export async function runChaos(o: ChaosOptions): Promise<ChaosFigures> {
  const log = o.log ?? (() => undefined);
  const started = Date.now();
  const d = new Deadline(o.deadlineMs, `the chaos run (deadline ${Math.round(o.deadlineMs / 1000)} s)`);
  log(`starting PostgreSQL, Temporal dev server, worker and API as processes…`);
  const s = await startChaosSystem({ demoDaySeconds: 1, startupMs: Math.min(120_000, d.left()) });
  log(
    `system up in ${((Date.now() - started) / 1000).toFixed(0)} s (data in ${s.dir}); driving ${o.cases} cases, inflicting ${o.plan.join(', ')}`,
  );
  try {
    const tally = newTally();
    const ids = new Set<string>();
    const chaos: ChaosLog = { kills: { worker: 0, temporal: 0, postgres: 0 }, pgOutages: [] };
    const first = () => ids.values().next().value as string | undefined;
    const [driven] = await Promise.all([
      driveCases(s.apiUrl, tally, o.cases, o.parallel, ids, d),
      inflict(s, tally, o.plan, o.gapMs, first, chaos, d).then(() => log(`failures inflicted: ${JSON.stringify(chaos.kills)}`)),
    ]);
    // Past the deadline the figures mean nothing: say where it stopped, instead of checking and paying.
    d.check(
      `cases (${driven.done.length}/${o.cases} approved; HTTP answers ${JSON.stringify(tally.byStatus)}; unexpected exits worker ${s.worker.unexpectedExits}, api ${s.api.unexpectedExits}; ${driven.failures.slice(0, 3).join(' | ')})`,
    );
    for (const p of chaos.pgOutages) ids.add(p.probeCaseId);
    log(`${driven.done.length}/${o.cases} cases approved; checking ${ids.size} cases…`);
    const findings = await checkCases(s, tally, [...ids], d);
    log('payroll with the worker killed mid-batch…');
    const payroll = await payrollWithWorkerKill(s, o.payrollBatchSize, d);
    log(`payroll done ${payroll.finishedInS.toFixed(1)} s after the kill`);
    return {
      cases: o.cases,
      approved: driven.done.length,
      driverFailures: driven.failures,
      tracked: ids.size,
      seconds: Math.round((Date.now() - started) / 1000),
      chaos,
      tally,
      findings,
      payroll,
      unexpectedExits: { worker: s.worker.unexpectedExits, api: s.api.unexpectedExits },
      apiPids: s.api.pids,
      workerPids: s.worker.pids,
    };
  } catch (err) {
    d.abort();
    throw err;
  } finally {
    await s.stop();
  }
}
