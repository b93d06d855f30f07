// A worker killed in the middle of a payroll batch: the run must finish within two minutes, pay
// nobody twice, and its summary must count its own, earlier runs' and failed payments right.
import type { PayrollSummary } from '../../activities/payroll';
import type { Deadline } from './deadline';
import type { ChaosSystem } from './system';
import { CHAOS_TASK_QUEUE } from './system';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface PayrollFindings {
  period: string;
  roster: number;
  summary: PayrollSummary;
  expected: { paid: number; alreadyPaid: number; failed: number; totalFen: number };
  /** Seconds from the worker kill to the run's result. */
  finishedInS: number;
  /** (case, period) pairs paid more than once (the primary key forbids it; checked anyway). */
  paidTwice: number;
  /** The cases paid before the kill: the run's own payments from the attempt that died. */
  paidBeforeKill: number;
  /** Payments in the database that carry this run's key. */
  paidInDb: number;
}

async function until(fn: () => Promise<boolean>, timeoutMs: number, what: string, d: Deadline): Promise<void> {
  const end = d.until(timeoutMs);
  while (!(await fn())) {
    if (Date.now() > end) throw new Error(`${what}: not within ${d.passed() ? "the run's deadline" : `${timeoutMs} ms`}`);
    await sleep(100);
  }
}

export async function payrollWithWorkerKill(s: ChaosSystem, batchSize: number, d: Deadline): Promise<PayrollFindings> {
  const period = (await s.db.query("SELECT max(paid_from) AS p FROM cases WHERE decision = 'approve'")).rows[0].p as string;
  const roster: string[] = (
    await s.db.query("SELECT case_id FROM cases WHERE decision = 'approve' AND paid_from <= $1 AND paid_through IS NULL ORDER BY case_id", [
      period,
    ])
  ).rows.map((r) => r.case_id);
  if (roster.length < batchSize + 4) throw new Error(`payroll phase needs at least ${batchSize + 4} approved cases, has ${roster.length}`);
  // An earlier run paid the first two cases; one case has a payment day PostgreSQL cannot make a date of.
  const [early1, early2] = roster;
  for (const id of [early1, early2]) {
    await s.db.query(
      `INSERT INTO payments (case_id, period, program, township, months, amount_fen, due_on, payee, paid_by_run)
       SELECT case_id, $2, program, township, ARRAY[$2], monthly_amount_fen, ($2 || '-10')::date, applicant_name, 'payroll-earlier/run'
       FROM cases WHERE case_id = $1`,
      [id, period],
    );
  }
  const broken = roster[2];
  await s.db.query(`UPDATE cases SET state = jsonb_set(state, '{paymentDay}', '0') WHERE case_id = $1`, [broken]);
  // Hold the payment of a case in the second batch, so the worker is surely mid-batch when it dies.
  const held = roster[batchSize + 2];
  const lock = await s.db.connect();
  await lock.query('BEGIN');
  await lock.query(
    `INSERT INTO payments (case_id, period, program, township, months, amount_fen, due_on, payee, paid_by_run)
     SELECT case_id, $2, program, township, ARRAY[$2], 1, ($2 || '-10')::date, 'lock', 'lock' FROM cases WHERE case_id = $1`,
    [held, period],
  );
  const workflowId = `payroll-chaos-${period}-${Date.now()}`;
  const handle = await s.client.workflow.start('payrollWorkflow', {
    taskQueue: CHAOS_TASK_QUEUE,
    workflowId,
    args: [{ period, within: '', batchSize }],
  });
  const before = roster.slice(0, batchSize + 2).filter((id) => id !== broken);
  await until(
    async () =>
      (await s.db.query('SELECT count(*)::int AS n FROM payments WHERE period = $1 AND case_id = ANY($2)', [period, before])).rows[0].n ===
      before.length,
    60_000,
    'the payroll reaching the held case',
    d,
  );
  await until(
    async () =>
      (
        await s.db.query(
          "SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%INSERT INTO payments%'",
        )
      ).rows[0].n > 0,
    30_000,
    'the batch waiting on the held case',
    d,
  );
  const paidBeforeKill = (
    await s.db.query('SELECT count(*)::int AS n FROM payments WHERE period = $1 AND paid_by_run LIKE $2', [period, `${workflowId}/%`])
  ).rows[0].n;
  const killedAt = Date.now();
  await s.killWorker();
  await lock.query('ROLLBACK');
  lock.release();
  const summary = (await d.race(handle.result(), 'the payroll run to finish')) as PayrollSummary;
  const finishedInS = (Date.now() - killedAt) / 1000;
  const paidTwice = (
    await s.db.query('SELECT count(*)::int AS n FROM (SELECT 1 FROM payments GROUP BY case_id, period HAVING count(*) > 1) d')
  ).rows[0].n;
  const ours = (
    await s.db.query(
      'SELECT count(*)::int AS n, coalesce(sum(amount_fen), 0)::bigint AS fen FROM payments WHERE period = $1 AND paid_by_run LIKE $2',
      [period, `${workflowId}/%`],
    )
  ).rows[0];
  return {
    period,
    roster: roster.length,
    summary,
    finishedInS,
    paidTwice,
    paidBeforeKill,
    paidInDb: ours.n,
    expected: { paid: roster.length - 3, alreadyPaid: 2, failed: 1, totalFen: Number(ours.fen) },
  };
}
