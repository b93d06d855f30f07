// The case workflow on the time-skipping test server, with the real worker and activities
// writing to a real PostgreSQL: notice periods and time limits pass in seconds.
import { UpdateDefinition, WorkflowUpdateFailedError } from '@temporalio/client';
import { acceptCase } from '../api/use-cases/accept-case';
import { listEvents } from '../db/audit-repo';
import { breachedCases } from '../db/case-queries';
import { getCase } from '../db/case-repo';
import { listNotices } from '../db/notice-repo';
import { addDays, addWorkingDays, shanghaiDate, startOfShanghaiDay } from '../domain/calendar';
import { OFFICIAL_SCHEDULES } from '../domain/calendar-schedules';
import type { CaseState } from '../domain/case';
import * as defs from '../workflows/definitions';
import { approver, clerk, dibaoApplication, homeVisit } from './support/fixtures';
import { useHarness } from './support/harness';
import { eventually } from './support/temporal';

const TQ = 'case-workflow-test';

const h = useHarness({ server: 'time-skipping', taskQueue: TQ });

const today = async () => shanghaiDate(await h.env.currentTimeMs());
const state = (id: string) => h.env.client.workflow.getHandle(id).query(defs.stateQuery) as Promise<CaseState>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const step = (id: string, u: UpdateDefinition<CaseState, [any]>, args: object, actor = clerk) =>
  h.env.client.workflow.getHandle(id).executeUpdate(u, { args: [{ ...args, actor }] });
const stageIs = (id: string, stage: CaseState['stage']) =>
  eventually(
    () => state(id),
    (s) => s.stage === stage,
  );

async function accept(application = dibaoApplication()): Promise<string> {
  const r = await acceptCase(h.deps, clerk, application);
  expect(r.status).toBe(201);
  return r.body.caseId;
}

async function rejection(p: Promise<unknown>): Promise<{ type: string | undefined; message: string }> {
  const err = await p.then(
    () => undefined,
    (e) => e,
  );
  expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
  return { type: err.cause?.type, message: err.cause?.message ?? err.message };
}

test('undisputed case: review skipped with its reason, 7-day notice, approval with the 差额 amount', async () => {
  const id = await accept();
  const s0 = await state(id);
  expect(s0.stage).toBe('investigating');
  expect(s0.dataMatch.status).toBe('passed');
  expect(s0.deadline.workingDays).toBe(25);
  expect(s0.deadline.dueDate).toBe(addWorkingDays(s0.acceptedOn, 25, { years: OFFICIAL_SCHEDULES }).date);

  const s1 = await step(id, defs.recordHomeVisit, homeVisit({ visitedOn: await today() }));
  expect(s1.stage).toBe('public_notice');
  expect(s1.democraticReview.status).toBe('not_needed');
  expect(s1.democraticReview.reason).toContain('无争议');
  expect(s1.notices).toHaveLength(1);

  await expect(step(id, defs.decide, { outcome: 'approve', reasons: [] }, approver)).rejects.toThrow(WorkflowUpdateFailedError);
  await h.env.sleep('7 days');
  await stageIs(id, 'deciding');
  const s2 = await step(id, defs.decide, { outcome: 'approve', reasons: [] }, approver);
  expect(s2.stage).toBe('approved');
  // Hunan rural standard × 3 members − 300 yuan household income.
  expect(s2.decision?.monthlyAmountFen).toBe(s2.assessment!.standardFen * 3 - 30000);
  expect(s2.decision?.paymentFrom?.endsWith('-01')).toBe(true);
  expect(s2.sla).toBe('met');
  // The same workflow id carries on into the benefit period (continue-as-new).
  await eventually(
    () => state(id),
    (s) => s?.stage === ('in_benefit' as CaseState['stage']),
  );

  const row = await getCase(h.db, id);
  expect(row).toMatchObject({ stage: 'in_benefit', decision: 'approve', monthlyAmountFen: s2.decision!.monthlyAmountFen, isOpen: true });
  const events = await listEvents(h.db, id);
  expect(events.map((e) => e.type)).toEqual([
    'case_accepted',
    'data_match_completed',
    'home_visit_recorded',
    'democratic_review_skipped',
    'public_notice_posted',
    'public_notice_completed',
    'decision_approved',
    'benefit_started',
  ]);
  events.forEach((e, i) => expect(e.prevHash).toBe(i === 0 ? null : events[i - 1].hash));
  expect(events[0].actor).toEqual({ id: clerk.id, role: clerk.role });
  expect(events.at(-2)!.actor).toEqual({ id: approver.id, role: approver.role });
  const notices = await listNotices(h.db, id);
  expect(notices.map((n) => [n.kind, n.status])).toEqual([
    ['public_notice', 'completed'],
    ['decision_notice', 'issued'],
  ]);
  expect(notices[0].body).not.toMatch(/\d{17}[\dX]/);
  expect(notices[0].body).toContain('张**');
  expect(notices[1].title).toContain('审核确认通知书');
});

test('disputed case goes to democratic review before the notice', async () => {
  const id = await accept();
  const s1 = await step(
    id,
    defs.recordHomeVisit,
    homeVisit({ visitedOn: await today(), disputed: true, disputeReason: '邻居反映家中有经营性收入' }),
  );
  expect(s1.stage).toBe('democratic_review');
  expect(s1.democraticReview.status).toBe('pending');
  const wrong = await rejection(step(id, defs.recordHomeVisit, homeVisit({ visitedOn: await today() })));
  expect(wrong.type).toBe('WrongStage');
  expect(wrong.message).toContain('democratic_review');
  const s2 = await step(id, defs.recordDemocraticReview, {
    heldOn: await today(),
    participants: 9,
    outcome: 'support',
    minutes: '经评议，多数同意纳入',
  });
  expect(s2.stage).toBe('public_notice');
  const types = (await listEvents(h.db, id)).map((e) => e.type);
  expect(types).toContain('democratic_review_required');
  expect(types).toContain('democratic_review_held');
  expect(types).not.toContain('democratic_review_skipped');
});

test('an objection during the notice sends the case back and posts a new notice', async () => {
  const id = await accept();
  await step(id, defs.recordHomeVisit, homeVisit({ visitedOn: await today() }));
  await h.env.sleep('2 days');
  const s1 = await step(id, defs.fileNoticeObjection, { objector: '村民赵某', reason: '反映其子在外务工收入较高', route: 'reinvestigate' });
  expect(s1.stage).toBe('investigating');
  expect(s1.notices[0].status).toBe('objected');
  const s2 = await step(id, defs.recordHomeVisit, homeVisit({ visitedOn: await today(), findings: '复查：务工收入已计入，仍低于标准' }));
  expect(s2.stage).toBe('public_notice');
  expect(s2.notices).toHaveLength(2);
  expect(s2.notices[1].startsOn).toBe(await today());
  await h.env.sleep('7 days');
  await stageIs(id, 'deciding');
  const s3 = await step(id, defs.decide, { outcome: 'approve', reasons: [] }, approver);
  expect(s3.stage).toBe('approved');
  const notices = await listNotices(h.db, id);
  expect(notices.filter((n) => n.kind === 'public_notice').map((n) => n.status)).toEqual(['objected', 'completed']);
});

test('a failed data match: objection, recheck, review, and a rejection with appeal rights', async () => {
  const application = dibaoApplication();
  await h.db.query(
    "INSERT INTO datamatch_records (id_number, source, description, monthly_income_fen) VALUES ($1, 'tax', '个人所得税记录：工资薪金', 350000) ON CONFLICT DO NOTHING",
    [application.members[0].idNumber],
  );
  try {
    const id = await accept(application);
    expect((await state(id)).dataMatch.status).toBe('failed');
    const s1 = await step(id, defs.recordHomeVisit, homeVisit({ visitedOn: await today(), recommendation: 'ineligible' }));
    expect(s1.stage).toBe('deciding');
    const approve = await rejection(step(id, defs.decide, { outcome: 'approve', reasons: [] }, approver));
    expect(approve.type).toBe('NotEligible');
    const s2 = await step(id, defs.objectToDataMatch, { reason: '该工资已于去年离职停发', evidence: ['离职证明'] });
    expect(s2.stage).toBe('investigating');
    const s3 = await step(id, defs.recordDataMatchRecheck, { outcome: 'confirmed', note: '税务数据显示本年度仍有工资收入' });
    expect(s3.stage).toBe('democratic_review');
    const s4 = await step(id, defs.recordDemocraticReview, {
      heldOn: await today(),
      participants: 7,
      outcome: 'oppose',
      minutes: '多数认为收入超标',
    });
    expect(s4.stage).toBe('deciding');
    const s5 = await step(id, defs.decide, { outcome: 'reject', reasons: ['家庭人均收入高于当地低保标准'] }, approver);
    expect(s5.stage).toBe('rejected');
    const d = s5.decision!;
    expect(d.appeal?.reconsideration).toMatchObject({ days: 60, deadline: addDays(d.decidedOn, 60) });
    expect(d.appeal?.litigation.months).toBe(6);
    const notice = (await listNotices(h.db, id)).find((n) => n.kind === 'decision_notice')!;
    expect(notice.body).toContain('行政复议');
    expect(notice.body).toContain(d.appeal!.reconsideration.deadline);
    expect((await getCase(h.db, id))?.isOpen).toBe(false);
  } finally {
    await h.db.query('DELETE FROM datamatch_records WHERE id_number = $1', [application.members[0].idNumber]);
  }
});

test('warning before the due date, breach at it; the case goes on and stays breached', async () => {
  const id = await accept();
  const s0 = await state(id);
  const untilWarn = startOfShanghaiDay(s0.deadline.warnOn) - (await h.env.currentTimeMs());
  await h.env.sleep(untilWarn + 3_600_000);
  await eventually(
    () => state(id),
    (s) => s.sla === 'warning',
  );
  const untilBreach = startOfShanghaiDay(addDays(s0.deadline.dueDate, 1)) - (await h.env.currentTimeMs());
  await h.env.sleep(untilBreach + 3_600_000);
  const s1 = await eventually(
    () => state(id),
    (s) => s.sla === 'breached',
  );
  expect(s1.breachedOn).toBe(addDays(s0.deadline.dueDate, 1));
  expect((await breachedCases(h.db, '430921')).map((c) => c.caseId)).toContain(id);
  const late = await rejection(step(id, defs.extendTimeLimit, { reason: 'difficult_investigation', note: '补充调查' }));
  expect(late.message).toContain('before the due date');
  const s2 = await step(id, defs.recordHomeVisit, homeVisit({ visitedOn: await today() }));
  expect(s2.stage).toBe('public_notice');
  expect(s2.sla).toBe('breached');
  const types = (await listEvents(h.db, id)).map((e) => e.type);
  expect(types.indexOf('sla_warning')).toBeLessThan(types.indexOf('sla_breached'));
});

test('one extension to the special limit, with its reason; a second is refused', async () => {
  const id = await accept();
  const s0 = await state(id);
  const s1 = await step(id, defs.extendTimeLimit, { reason: 'household_separated', note: '人户分离，需异地核实' });
  expect(s1.deadline.workingDays).toBe(40);
  expect(s1.deadline.dueDate).toBe(addWorkingDays(s0.acceptedOn, 40, { years: OFFICIAL_SCHEDULES }).date);
  expect(s1.deadline.extension).toMatchObject({ reason: 'household_separated', by: clerk });
  const again = await rejection(step(id, defs.extendTimeLimit, { reason: 'difficult_investigation', note: '再次延长' }));
  expect(again.message).toContain('only one extension');
  // The warning follows the new due date: nothing fires at the old warning day.
  const untilOldWarn = startOfShanghaiDay(s0.deadline.warnOn) - (await h.env.currentTimeMs());
  await h.env.sleep(untilOldWarn + 3_600_000);
  expect((await state(id)).sla).toBe('on_time');
  expect((await getCase(h.db, id))?.dueDate).toBe(s1.deadline.dueDate);
});
