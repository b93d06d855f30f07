// `npm run test:chaos`: a bounded chaos run of real processes (see test/chaos/run.ts) that prints
// its figures and exits non-zero when anything was lost, doubled or out of step.
import { runChaos } from '../test/chaos/run';
import type { Kind } from '../test/chaos/outages';

const cases = Number(process.env.CHAOS_CASES ?? 100);
const plan: Kind[] = ['worker', 'temporal', 'worker', 'postgres', 'worker', 'temporal', 'postgres'];

async function main(): Promise<void> {
  const log = (l: string) => console.log(`[chaos] ${l}`);
  const f = await runChaos({
    cases,
    parallel: Number(process.env.CHAOS_PARALLEL ?? 25),
    plan,
    gapMs: 10_000,
    payrollBatchSize: Math.max(2, Math.min(20, Math.floor(cases / 5))),
    // The whole run, start-up included (CHAOS_DEADLINE_S): a system that cannot start fails at once, one that
    // stops answering by this deadline, instead of after minutes per wait.
    deadlineMs: Number(process.env.CHAOS_DEADLINE_S ?? 1_800) * 1000,
    log,
  });
  const problems = [
    f.approved !== f.cases && `${f.cases - f.approved} cases not approved: ${f.driverFailures.slice(0, 3).join(' | ')}`,
    f.findings.lost.length && `${f.findings.lost.length} cases lost`,
    f.findings.duplicateCases && `${f.findings.duplicateCases} households with two cases`,
    f.findings.duplicateEvents && `${f.findings.duplicateEvents} duplicate audit events`,
    f.findings.brokenChains.length && `${f.findings.brokenChains.length} broken audit chains`,
    f.findings.readModelDiffs.length &&
      `${f.findings.readModelDiffs.length} read-model differences: ${f.findings.readModelDiffs.slice(0, 5).join(', ')}`,
    f.tally.byStatus['500'] && `${f.tally.byStatus['500']} answers 500`,
    f.tally.byStatus['0'] && `${f.tally.byStatus['0']} refused or timed-out requests`,
    f.tally.without503RetryAfter && `${f.tally.without503RetryAfter} 503 answers without Retry-After`,
    (f.unexpectedExits.worker || f.unexpectedExits.api) && `unexpected exits: ${JSON.stringify(f.unexpectedExits)}`,
    f.chaos.pgOutages.some((p) => p.duringRead !== 503 || p.duringHealth !== 503 || p.recoveredInS > 30) &&
      'a PostgreSQL outage was not answered with 503, or recovery took over 30 s',
    f.payroll.paidTwice && `${f.payroll.paidTwice} payments made twice`,
    f.payroll.finishedInS > 120 && `payroll took ${f.payroll.finishedInS} s after the worker kill`,
    (f.payroll.summary.paid !== f.payroll.expected.paid ||
      f.payroll.summary.alreadyPaid !== f.payroll.expected.alreadyPaid ||
      f.payroll.summary.failed !== f.payroll.expected.failed ||
      f.payroll.summary.totalFen !== f.payroll.expected.totalFen ||
      f.payroll.paidInDb !== f.payroll.expected.paid) &&
      'payroll summary wrong',
  ].filter(Boolean);
  console.log(`
chaos figures (${f.seconds} s):
  cases approved          ${f.approved}/${f.cases} (+${f.tracked - f.cases} accepted as recovery probes; ${f.tracked} checked)
  failures inflicted      worker SIGKILL ×${f.chaos.kills.worker}, Temporal dev server SIGKILL ×${f.chaos.kills.temporal}, PostgreSQL stop -m immediate ×${f.chaos.kills.postgres}
  PostgreSQL outages      ${f.chaos.pgOutages.map((p) => `during: health ${p.duringHealth}, read ${p.duringRead} ${p.duringCode} Retry-After ${p.duringRetryAfter}; accepting again ${p.recoveredInS.toFixed(1)} s after return; API/worker kept their process: ${p.apiPidKept}/${p.workerPidKept}`).join('\n                          ')}
  HTTP answers            ${JSON.stringify(f.tally.byStatus)}
  processes               worker pids ${f.workerPids.join(',')} (unexpected exits ${f.unexpectedExits.worker}); api pids ${f.apiPids.join(',')} (unexpected exits ${f.unexpectedExits.api})
  lost / duplicate cases  ${f.findings.lost.length} / ${f.findings.duplicateCases} (read model holds ${f.findings.casesInReadModel})
  duplicate audit events  ${f.findings.duplicateEvents}; broken chains ${f.findings.brokenChains.length}
  read model ≠ workflow   ${f.findings.readModelDiffs.length}
  payroll ${f.payroll.period}          roster ${f.payroll.roster}, worker killed mid-batch after ${f.payroll.paidBeforeKill} own payments; finished ${f.payroll.finishedInS.toFixed(1)} s after the kill
                          summary paid ${f.payroll.summary.paid} (expected ${f.payroll.expected.paid}), already paid ${f.payroll.summary.alreadyPaid} (${f.payroll.expected.alreadyPaid}), failed ${f.payroll.summary.failed} (${f.payroll.expected.failed}), total ${f.payroll.summary.totalFen} fen (${f.payroll.expected.totalFen}); paid twice ${f.payroll.paidTwice}
${problems.length ? `PROBLEMS:\n  ${problems.join('\n  ')}` : 'OK: nothing lost, doubled or out of step'}`);
  process.exit(problems.length ? 1 : 0);
}

main().catch((err) => {
  console.error('[chaos] failed:', err);
  process.exit(1);
});
