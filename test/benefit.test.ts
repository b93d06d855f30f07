// The benefit period on the time-skipping server, with the real worker, activities and database:
// years of reviews in seconds, the gradual exit, termination, payroll, and auditors' replay.
import type { UpdateDefinition } from '@temporalio/client';
import { createPayrollActivities } from '../activities/payroll';
import { acceptCase } from '../api/use-cases/accept-case';
import { caseHistory, replayCase } from '../api/use-cases/audit';
import { verifyCaseChain } from '../api/use-cases/audit-verify';
import { getCase } from '../db/case-repo';
import type { Application } from '../domain/application';
import type { BenefitState } from '../domain/benefit';
import { addMonths, shanghaiDate, startOfShanghaiDay } from '../domain/calendar';
import { nextMonth } from '../domain/payments';
import { replayOptions } from '../infra/replay-options';
import { bundleWorkflowCode } from '@temporalio/worker';
import path from 'node:path';
import * as defs from '../workflows/definitions';
import { approver, clerk, dibaoApplication, homeVisit, IDS } from './support/fixtures';
import { useHarness } from './support/harness';
import { eventually } from './support/temporal';
import { TEST_AUDIT_KEY, testDataConverter } from './support/trust';

const TQ = 'benefit-test';
const silent = { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error() {} };

const h = useHarness({ server: 'time-skipping', taskQueue: TQ });

const today = async () => shanghaiDate(await h.env.currentTimeMs());
const query = (id: string) => h.env.client.workflow.getHandle(id).query(defs.stateQuery) as Promise<BenefitState>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const send = (id: string, u: UpdateDefinition<any, [any]>, args: object, actor = clerk) =>
  h.env.client.workflow.getHandle(id).executeUpdate(u, { args: [{ ...args, actor }] }) as Promise<BenefitState>;
const until = (id: string, ok: (s: BenefitState) => boolean) =>
  eventually(
    () => query(id),
    (s) => !!s && ok(s),
  );

async function approved(application: Application, category?: 'A' | 'B' | 'C'): Promise<BenefitState> {
  const actor = { ...clerk, jurisdiction: application.township };
  const { body } = await acceptCase(h.deps, actor, application);
  await send(body.caseId, defs.recordHomeVisit, homeVisit({ visitedOn: await today() }));
  await h.env.sleep('7 days');
  await until(body.caseId, (s) => s.stage === ('deciding' as string));
  await send(body.caseId, defs.decide, { outcome: 'approve', reasons: [], ...(category ? { category } : {}) }, approver);
  return until(body.caseId, (s) => s.stage === 'in_benefit');
}

/** Moves server time to the morning the case's next review opens and waits for it to open. */
async function toNextReview(id: string): Promise<BenefitState> {
  const s = await until(id, (x) => x.stage !== 'reviewing' && x.review !== null);
  await h.env.sleep(startOfShanghaiDay(s.review!.opensOn) - (await h.env.currentTimeMs()) + 3_600_000);
  return until(id, (x) => x.stage === 'reviewing');
}

const shaanxiC = () => dibaoApplication({ profileId: 'shaanxi-2021', township: '610112001' });

test('a Shaanxi C-class case: reviews six months apart for three years, one run per cycle; history and replay across runs', async () => {
  const s0 = await approved(shaanxiC(), 'C');
  const id = s0.caseId;
  expect(s0.review!.opensOn).toBe(addMonths(s0.approvedOn, 6));
  const opened: string[] = [];
  for (let i = 0; i < 6; i++) {
    const r = await toNextReview(id);
    opened.push(r.review!.opensOn);
    const after = await send(id, defs.recordReview, { result: 'continue', reasons: ['家庭情况无变化'] });
    expect(after.review!.opensOn).toBe(addMonths(s0.approvedOn, 6 * (i + 2)));
    await until(id, (x) => x.cycle === i + 1);
  }
  expect(opened).toEqual([1, 2, 3, 4, 5, 6].map((k) => addMonths(s0.approvedOn, 6 * k)));
  expect((await getCase(h.db, id))?.state).toMatchObject({ stage: 'in_benefit' });
  expect((await h.db.query('SELECT next_review_on FROM cases WHERE case_id = $1', [id])).rows[0].next_review_on).toBe(
    addMonths(s0.approvedOn, 42),
  );

  const history = await caseHistory(h.deps, id);
  expect(history.runs.length).toBe(8); // application, first benefit run, then one per completed review
  expect(history.events.filter((e) => e.type === 'review_completed')).toHaveLength(6);
  history.events.forEach((e, i) => expect(e.seq).toBe(i));
  expect(await verifyCaseChain(h.deps, TEST_AUDIT_KEY, id)).toMatchObject({ intact: true, events: history.events.length, legacyEvents: 0 });
  const replay = await replayCase(h.deps, replayOptions(testDataConverter()), id);
  expect(replay).toMatchObject({ runs: 8, allFollow: true });
  // The same case against a deliberately changed workflow: the replay says where it diverges.
  const changed = await bundleWorkflowCode({ workflowsPath: path.join(__dirname, 'diverged-workflows'), logger: silent });
  const diverged = await replayCase(h.deps, async () => ({ workflowBundle: changed, dataConverter: testDataConverter() }), id);
  expect(diverged.allFollow).toBe(false);
  expect(diverged.reports[0]).toMatchObject({ ok: false, error: expect.stringMatching(/DeterminismViolation|Nondeterminism/i) });
});

test('a Datong Lake household with an able-bodied member gets a Q2 and a Q4 review each year', async () => {
  const s0 = await approved(dibaoApplication());
  const months: string[] = [];
  for (let i = 0; i < 4; i++) {
    const r = await toNextReview(s0.caseId);
    months.push(r.review!.opensOn.slice(5));
    await send(s0.caseId, defs.recordReview, { result: 'continue', reasons: [] });
  }
  expect(new Set(months)).toEqual(new Set(['04-01', '10-01']));
  expect(months[0]).not.toBe(months[1]);
  expect(months[1]).not.toBe(months[2]);
});

const employed = (a: Application, incomeFen: number) =>
  a.members.map((m) => (m.idNumber === IDS.father ? { ...m, monthlyIncomeFen: incomeFen } : m));

test('a gradual exit lasts exactly 12 months, then ends the case; payroll stops from the following month', async () => {
  const application = dibaoApplication();
  const s0 = await approved(application);
  const id = s0.caseId;
  const r = await toNextReview(id);
  const exit = await send(id, defs.recordReview, {
    result: 'gradual_exit',
    reasons: ['户主就业，家庭人均收入超过低保标准'],
    members: employed(application, 250000),
    employedMemberIdNumber: IDS.father,
  });
  const start = await today();
  expect(exit.stage).toBe('gradual_exit');
  expect(exit.gradualExit).toMatchObject({ startedOn: start, endsOn: addMonths(start, 12), months: 12 });
  // Reviews during the grace period keep it running.
  const current = () => until(id, () => true);
  while ((await current()).stage === 'gradual_exit' && (await current()).review!.opensOn < exit.gradualExit!.endsOn) {
    await toNextReview(id);
    const during = await send(id, defs.recordReview, { result: 'continue', reasons: ['仍在渐退期'] });
    expect(during.stage).toBe('gradual_exit');
  }
  await h.env.sleep(startOfShanghaiDay(exit.gradualExit!.endsOn) - (await h.env.currentTimeMs()) + 3_600_000);
  const ended = await until(id, (x) => x.stage === 'exited');
  expect(ended).toMatchObject({ endedOn: exit.gradualExit!.endsOn, paidThrough: exit.gradualExit!.endsOn.slice(0, 7) });
  expect(await h.env.client.workflow.getHandle(id).result()).toMatchObject({ stage: 'exited' });
  const { runPayroll } = createPayrollActivities(h.app);
  const lastMonth = ended.paidThrough!;
  await runPayroll(lastMonth);
  await runPayroll(nextMonth(lastMonth));
  const paid = await h.db.query('SELECT period FROM payments WHERE case_id = $1 ORDER BY period', [id]);
  expect(paid.rows.map((x) => x.period)).toEqual([lastMonth]);
  expect(r.review!.kind).toBe('scheduled');
});

test('income falling back during the gradual exit returns the case to normal', async () => {
  const application = dibaoApplication();
  const s0 = await approved(application);
  await toNextReview(s0.caseId);
  await send(s0.caseId, defs.recordReview, {
    result: 'gradual_exit',
    reasons: ['就业'],
    members: employed(application, 250000),
    employedMemberIdNumber: IDS.father,
  });
  await toNextReview(s0.caseId);
  const back = await send(s0.caseId, defs.recordReview, {
    result: 'continue',
    reasons: ['失业，收入回落'],
    members: employed(application, 10000),
  });
  expect(back.stage).toBe('in_benefit');
  expect(back.gradualExit!.returnedOn).toBe(await today());
  expect(back.monthlyAmountFen).toBe(back.amounts.at(-1)!.amountFen);
  expect(back.amounts.at(-1)!.fromMonth).toBe(nextMonth((await today()).slice(0, 7)));
});

test('termination: a 7-day notice, an objection decided by the approver, payments stop the next month', async () => {
  const s0 = await approved(dibaoApplication());
  const id = s0.caseId;
  await toNextReview(id);
  const t = await send(id, defs.recordReview, { result: 'terminate', reasons: ['家庭拥有机动车辆，不符合保障条件'] });
  expect(t.stage).toBe('terminating');
  expect(t.termination!.noticeEndsOn).toBe(shanghaiDate(startOfShanghaiDay(await today()) + 7 * 86_400_000 + 3_600_000));
  await h.env.sleep('3 days');
  const o = await send(id, defs.fileTerminationObjection, { objector: '张建国', reason: '车辆已于上月转让' });
  expect(o.stage).toBe('termination_objection');
  await h.env.sleep('10 days'); // the notice period has passed; the objection still holds the case open
  expect((await until(id, () => true)).stage).toBe('termination_objection');
  const done = await send(id, defs.decideTerminationObjection, { outcome: 'uphold', reasons: ['车辆过户手续未完成'] }, approver);
  expect(done).toMatchObject({ stage: 'terminated', paidThrough: (await today()).slice(0, 7) });
  const notices = await h.db.query("SELECT body FROM notices WHERE case_id = $1 AND kind = 'termination_notice'", [id]);
  expect(notices.rows[0].body).toContain('行政复议');
  const row = await getCase(h.db, id);
  expect(row).toMatchObject({ stage: 'terminated', isOpen: false });
});

test('a payroll run twice for the same month pays once', async () => {
  const s0 = await approved(dibaoApplication());
  const run = () =>
    h.env.client.workflow.execute('payrollWorkflow', {
      taskQueue: TQ,
      workflowId: `payroll-${s0.paidFrom}-${Math.random()}`,
      args: [{ period: s0.paidFrom }],
    });
  const first = await run();
  const second = await run();
  expect(first).toMatchObject({ period: s0.paidFrom });
  expect((first as { paid: number }).paid).toBeGreaterThanOrEqual(1);
  expect(second).toMatchObject({ paid: 0 });
  const rows = await h.db.query('SELECT amount_fen, months FROM payments WHERE case_id = $1', [s0.caseId]);
  expect(rows.rows).toEqual([{ amount_fen: s0.monthlyAmountFen, months: [s0.paidFrom] }]);
});
