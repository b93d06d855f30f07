// Temporary assistance on the time-skipping server with the real worker, activities and database:
// emergency aid paid first, paperwork on a deadline, staged expense aid, 一事一议 in time or escalated.
import type { UpdateDefinition } from '@temporalio/client';
import { acceptTemporary, referToApplication } from '../api/use-cases/temporary';
import { listEvents } from '../db/audit-repo';
import { breachedCases } from '../db/case-queries';
import { getCase } from '../db/case-repo';
import { addDays, shanghaiDate, startOfShanghaiDay } from '../domain/calendar';
import type { Actor } from '../domain/case';
import type { TemporaryAid, TemporaryState } from '../domain/temporary';
import * as defs from '../workflows/definitions';
import { approver, clerk, dibaoApplication, emergencyAid } from './support/fixtures';
import { useHarness } from './support/harness';
import { eventually } from './support/temporal';

const TQ = 'temporary-test';
const coordinator: Actor = { id: 'coord-001', role: 'coordinator', jurisdiction: '430921' };

const h = useHarness({ server: 'time-skipping', taskQueue: TQ });

const today = async () => shanghaiDate(await h.env.currentTimeMs());
const query = (id: string) => h.env.client.workflow.getHandle(id).query(defs.stateQuery) as Promise<TemporaryState>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const send = (id: string, u: UpdateDefinition<any, [any]>, args: object, actor: Actor = clerk, workflowId = id) =>
  h.env.client.workflow.getHandle(workflowId).executeUpdate(u, { args: [{ ...args, actor }] });
const until = (id: string, ok: (s: TemporaryState) => boolean) =>
  eventually(
    () => query(id),
    (s) => !!s && ok(s),
  );
const types = async (id: string) => (await listEvents(h.db, id)).map((e) => e.type);
const sleepUntilDay = async (day: string) => h.env.sleep(startOfShanghaiDay(day) - (await h.env.currentTimeMs()) + 3_600_000);

async function record(aid: TemporaryAid): Promise<TemporaryState> {
  const r = await acceptTemporary(h.deps, clerk, aid);
  expect(r.status).toBe(201);
  return r.body.state as unknown as TemporaryState;
}

test('an emergency within the township cap is paid in the request that records it; paperwork filed in time closes it', async () => {
  const s = await record(emergencyAid());
  expect(s.stage).toBe('paperwork_due');
  expect(s.payments).toEqual([{ stage: 1, dueOn: await today(), amountFen: 80_000, status: 'paid', paidOn: await today() }]);
  expect(s.paperwork!.dueDate > (await today())).toBe(true);
  expect((await getCase(h.db, s.caseId))?.dueDate).toBe(s.paperwork!.dueDate);
  const paid = await h.db.query('SELECT amount_fen, period FROM payments WHERE case_id = $1', [s.caseId]);
  expect(paid.rows).toEqual([{ amount_fen: 80_000, period: 'T1' }]);
  await h.env.sleep('2 days');
  const closed = await send(s.caseId, defs.filePaperwork, {
    circumstances: '户主李明家中失火，经村委会核实',
    signatures: ['李明', '经办人王芳', '村主任赵刚'],
  });
  expect(closed).toMatchObject({ stage: 'closed', sla: 'met' });
  expect(await types(s.caseId)).toEqual(['temporary_accepted', 'emergency_paid', 'paperwork_filed']);
  expect((await getCase(h.db, s.caseId))?.isOpen).toBe(false);
});

test('paperwork missed: a reminder, then escalation; the case stays open and listed as overdue until filed', async () => {
  const s = await record(emergencyAid());
  await sleepUntilDay(s.paperwork!.remindOn);
  await until(s.caseId, (x) => x.paperwork!.remindedOn !== null);
  await sleepUntilDay(addDays(s.paperwork!.dueDate, 1));
  const late = await until(s.caseId, (x) => x.sla === 'breached');
  expect(late.stage).toBe('paperwork_due');
  expect((await breachedCases(h.db, '430921')).map((c) => c.caseId)).toContain(s.caseId);
  expect(await types(s.caseId)).toEqual(['temporary_accepted', 'emergency_paid', 'paperwork_reminder', 'paperwork_overdue']);
  const filed = await send(s.caseId, defs.filePaperwork, { circumstances: '补充说明', signatures: ['李明'] });
  expect(filed).toMatchObject({ stage: 'closed', sla: 'breached' });
});

test('expense-driven aid: verified, approved once, paid in three stages on their days; cancelling stops the rest', async () => {
  const s0 = await record(
    emergencyAid({
      kind: 'expense',
      amountFen: 300_000,
      incident: undefined,
      expense: { householdSize: 3, annualIncomeFen: 1_500_000, expenseFen: 6_000_000, description: '子女白血病住院治疗，自付费用高' },
    }),
  );
  expect(s0.stage).toBe('verifying');
  const wrong = await send(s0.caseId, defs.decideTemporary, { outcome: 'approve', reasons: [], stages: [] }, approver).catch((e) => e);
  expect(wrong.cause?.type).toBe('WrongStage');
  const v = await send(s0.caseId, defs.recordVerification, { findings: '家庭人均收入5000元，低于上年人均可支配收入' });
  expect(v).toMatchObject({ stage: 'deciding', verification: { perCapitaAnnualIncomeFen: 500_000 } });
  const t = await today();
  const stages = [addDays(t, 1), addDays(t, 31), addDays(t, 61)].map((dueOn) => ({ dueOn, amountFen: 100_000 }));
  const planned = await send(s0.caseId, defs.decideTemporary, { outcome: 'approve', reasons: ['一次审批、分阶段救助'], stages }, approver);
  expect(planned.stage).toBe('paying');
  expect(planned.payments.map((p: { status: string }) => p.status)).toEqual(['scheduled', 'scheduled', 'scheduled']);
  await sleepUntilDay(stages[1].dueOn);
  const two = await until(s0.caseId, (x) => x.payments.filter((p) => p.status === 'paid').length === 2);
  expect(two.payments.map((p) => p.paidOn)).toEqual([stages[0].dueOn, stages[1].dueOn, null]);
  const cancelled = await send(s0.caseId, defs.cancelRemainingStages, { reason: '患儿治愈出院，困难已缓解' });
  expect(cancelled).toMatchObject({ stage: 'closed', grantedFen: 200_000 });
  await sleepUntilDay(stages[2].dueOn);
  const rows = await h.db.query('SELECT period FROM payments WHERE case_id = $1 ORDER BY period', [s0.caseId]);
  expect(rows.rows.map((r) => r.period)).toEqual(['T1', 'T2']);
});

test('above the township cap: 一事一议 at the county, decided in time, then paid with the paperwork due', async () => {
  const s0 = await record(emergencyAid({ amountFen: 300_000 }));
  expect(s0.stage).toBe('deliberating');
  expect(s0.payments).toEqual([]);
  // The stage shows before the mechanism's child workflow has started (the API waits for it the same way).
  await eventually(
    () =>
      h.env.client.workflow
        .getHandle(`${s0.caseId}-YSYY`)
        .describe()
        .then(
          () => true,
          () => false,
        ),
    (x) => x,
  );
  const decision = await send(
    s0.caseId,
    defs.recordDeliberation,
    { meetingOn: await today(), participants: 7, outcome: 'grant', amountFen: 200_000, reasons: ['火灾损失严重，酌情救助'] },
    coordinator,
    `${s0.caseId}-YSYY`,
  );
  expect(decision).toMatchObject({ outcome: 'grant', amountFen: 200_000, by: { id: coordinator.id } });
  const paid = await until(s0.caseId, (x) => x.stage === 'paperwork_due');
  expect(paid).toMatchObject({ grantedFen: 200_000, deliberation: { decision: { outcome: 'grant' } } });
  expect(await types(s0.caseId)).toEqual(['temporary_accepted', 'deliberation_submitted', 'deliberation_decided', 'emergency_paid']);
  const events = await listEvents(h.db, s0.caseId);
  expect(events.find((e) => e.type === 'deliberation_decided')!.actor).toEqual({ id: coordinator.id, role: 'coordinator' });
});

test('a stalled 一事一议: reminded, escalated to supervisors, and still waiting for its decision', async () => {
  const s0 = await record(emergencyAid({ amountFen: 120_000, special: true, specialReason: '家中有重病患者，需提高救助额度' }));
  expect(s0.stage).toBe('deliberating');
  const due = s0.deliberation!.dueDate;
  await sleepUntilDay(addDays(due, 1));
  const late = await until(s0.caseId, (x) => x.sla === 'breached');
  expect(late.deliberation).toMatchObject({ remindedOn: expect.any(String), escalatedOn: addDays(due, 1) });
  expect(await types(s0.caseId)).toEqual([
    'temporary_accepted',
    'deliberation_submitted',
    'deliberation_reminder',
    'deliberation_escalated',
  ]);
  expect((await breachedCases(h.db, '430921')).map((c) => c.caseId)).toContain(s0.caseId);
  await send(
    s0.caseId,
    defs.recordDeliberation,
    { meetingOn: await today(), participants: 5, outcome: 'refuse', amountFen: 0, reasons: ['已由医疗救助保障'] },
    coordinator,
    `${s0.caseId}-YSYY`,
  );
  const refused = await until(s0.caseId, (x) => x.stage === 'refused');
  expect(refused.refusal!.appeal.reconsideration.days).toBe(60);
});

test('an expense-driven case above the average disposable income cannot be approved', async () => {
  const s0 = await record(
    emergencyAid({
      kind: 'expense',
      amountFen: 100_000,
      incident: undefined,
      expense: { householdSize: 2, annualIncomeFen: 9_000_000, expenseFen: 2_000_000, description: '住院自付费用' },
    }),
  );
  const v = await send(s0.caseId, defs.recordVerification, { findings: '家庭人均收入4.5万元' });
  expect(v.verification).toMatchObject({ eligible: false, perCapitaAnnualIncomeFen: 4_500_000 });
  const t = await today();
  const refused = await send(
    s0.caseId,
    defs.decideTemporary,
    { outcome: 'approve', reasons: [], stages: [{ dueOn: addDays(t, 1), amountFen: 100_000 }] },
    approver,
  ).catch((e) => e);
  expect(refused.cause?.type).toBe('NotEligible');
});

test('one-time aid to an uninsured unemployed person: not below the rural 低保 monthly standard', async () => {
  const s0 = await record(
    emergencyAid({
      kind: 'unemployed',
      amountFen: 45_000,
      incident: undefined,
      unemployment: { monthsWithoutIncome: 4, insured: false, onDibao: false },
    }),
  );
  expect(s0.stage).toBe('deciding');
  const low = await send(s0.caseId, defs.decideTemporary, { outcome: 'approve', reasons: [], amountFen: 30_000 }, approver).catch((e) => e);
  expect(low.cause?.message).toContain('must not be below the local rural 低保 monthly standard (45000 fen)');
  const ok = await send(
    s0.caseId,
    defs.decideTemporary,
    { outcome: 'approve', reasons: ['连续四个月无收入'], amountFen: 45_000 },
    approver,
  );
  expect(ok).toMatchObject({ stage: 'closed', grantedFen: 45_000 });
});

test('摆渡: an emergency household is referred on to a 低保 application, both cases linked', async () => {
  const s0 = await record(emergencyAid());
  const referred = await referToApplication(h.deps, clerk, s0.caseId, dibaoApplication());
  expect(referred.status).toBe(201);
  expect(referred.body.state?.application.referredFrom).toBe(s0.caseId);
  const after = await until(s0.caseId, (x) => x.referral !== null);
  expect(after.referral!.caseId).toBe(referred.body.caseId);
});
