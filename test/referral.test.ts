// Referrals (分办/转办) on the time-skipping server with the real worker, activities and database:
// one runs to the department's feedback; one without feedback is reminded, then escalated.
import { createReferral, recordFeedback } from '../api/use-cases/referrals';
import { HttpError } from '../api/errors';
import { overdueReferrals, listReferralEvents, getReferral } from '../db/referral-repo';
import { addDays, shanghaiDate, startOfShanghaiDay } from '../domain/calendar';
import type { Actor } from '../domain/case';
import type { ReferralRequest, ReferralState } from '../domain/referral';
import { recordReferralFeedback, referralStateQuery } from '../workflows/referral/definitions';
import { clerk } from './support/fixtures';
import { useHarness } from './support/harness';
import { eventually } from './support/temporal';

const h = useHarness({ server: 'time-skipping', taskQueue: 'referral-test' });

let n = 0;
const request = (over: Partial<ReferralRequest> = {}): ReferralRequest => ({
  township: '430921101',
  householdId: `HH-R-${process.pid}-${++n}`,
  profileId: 'hunan-datonghu-2021',
  kind: 'medical',
  departmentCode: 'medical-insurance',
  requester: { name: '张建国' },
  description: '户主住院治疗，自付费用较高，申请医疗救助',
  ...over,
});
const today = async () => shanghaiDate(await h.env.currentTimeMs());
const handle = (id: string) => h.env.client.workflow.getHandle(id);
const until = (id: string, ok: (s: ReferralState) => boolean) =>
  eventually(
    async () => (await handle(id).query(referralStateQuery))!,
    (s) => !!s && ok(s),
  );
const types = async (id: string) => (await listReferralEvents(h.db, id)).map((e) => e.type);
const sleepUntilDay = async (day: string) => h.env.sleep(startOfShanghaiDay(day) - (await h.env.currentTimeMs()) + 3_600_000);
const feedback = (id: string, args: object, actor: Actor = clerk) =>
  handle(id).executeUpdate(recordReferralFeedback, { args: [{ ...args, actor } as never] });

async function refer(over: Partial<ReferralRequest> = {}): Promise<ReferralState> {
  const r = await createReferral(h.deps, clerk, request(over));
  expect(r.status).toBe(201);
  return r.body.state as ReferralState;
}

test('a referral to the county medical-insurance bureau runs to its feedback', async () => {
  const s = await refer();
  expect(s.referralId).toMatch(/^RF-430921101-\d{4}-\d{6}$/);
  expect(s).toMatchObject({
    stage: 'referred',
    sla: 'on_time',
    department: { code: 'medical-insurance', name: '医疗保障局' },
    referredOn: await today(),
  });
  // 10 working days (the profile's local setting) lie at least two calendar weeks ahead.
  expect(s.dueDate >= addDays(s.referredOn, 14)).toBe(true);
  expect(s.remindOn > s.referredOn && s.remindOn < s.dueDate).toBe(true);
  await h.env.sleep('3 days');
  const answered = await feedback(s.referralId, {
    outcome: 'accepted',
    amountFen: 150_000,
    service: '纳入医疗救助，报销自付费用',
    note: '',
  });
  expect(answered).toMatchObject({
    stage: 'answered',
    sla: 'met',
    feedback: { outcome: 'accepted', amountFen: 150_000, late: false, by: { id: clerk.id } },
  });
  expect(await handle(s.referralId).result()).toEqual({ referralId: s.referralId, stage: 'answered', outcome: 'accepted' });
  expect(await types(s.referralId)).toEqual(['referral_sent', 'referral_answered']);
  expect(await getReferral(h.db, s.referralId)).toMatchObject({ stage: 'answered', outcome: 'accepted', sla: 'met' });
  const again = await recordFeedback(h.deps, clerk, s.referralId, { outcome: 'refused', reason: '重复' }).catch((e) => e);
  expect(again).toMatchObject({ status: 409, code: 'WRONG_STAGE' });
});

test('without feedback: a reminder, then escalation to supervisors; a late answer is still recorded, marked late', async () => {
  const s = await refer({ kind: 'housing', departmentCode: 'housing', description: '房屋受损，申请危房改造' });
  await sleepUntilDay(s.remindOn);
  const reminded = await until(s.referralId, (x) => x.remindedOn !== null);
  expect(reminded.sla).toBe('warning');
  expect((await overdueReferrals(h.db, '430921')).map((r) => r.referralId)).not.toContain(s.referralId);
  await sleepUntilDay(addDays(s.dueDate, 1));
  const late = await until(s.referralId, (x) => x.sla === 'breached');
  expect(late).toMatchObject({ stage: 'referred', escalatedOn: addDays(s.dueDate, 1) });
  expect(await types(s.referralId)).toEqual(['referral_sent', 'referral_reminder', 'referral_escalated']);
  const listed = await overdueReferrals(h.db, '430921');
  expect(listed.map((r) => r.referralId)).toContain(s.referralId);
  expect(await overdueReferrals(h.db, '430922')).toEqual([]);
  const events = await listReferralEvents(h.db, s.referralId);
  expect(events[2]).toMatchObject({ actor: { role: 'system' }, reason: expect.stringContaining('已报督办') });
  expect(events[2].prevHash).toBe(events[1].hash);
  const answered = await feedback(s.referralId, { outcome: 'refused', reason: '不符合危房改造条件' });
  expect(answered).toMatchObject({ stage: 'answered', sla: 'breached', feedback: { outcome: 'refused', late: true } });
  // A breach stays visible to supervisors after the answer.
  expect((await overdueReferrals(h.db, '430921')).map((r) => r.referralId)).toContain(s.referralId);
});

test("the department must be on the county list and handle the kind; a linked case must be the household's", async () => {
  const wrong = await createReferral(h.deps, clerk, request({ kind: 'education', departmentCode: 'medical-insurance' })).catch((e) => e);
  expect(wrong).toBeInstanceOf(HttpError);
  expect(wrong.status).toBe(400);
  expect(wrong.details.fields).toEqual([{ path: 'departmentCode', message: expect.stringContaining('does not handle 教育救助') }]);
  const unknown = await createReferral(
    h.deps,
    clerk,
    request({ departmentCode: 'no-such-bureau', caseId: 'DB-430921101-2026-999999' }),
  ).catch((e) => e);
  expect(unknown.details.fields.map((f: { path: string }) => f.path)).toEqual(['departmentCode', 'caseId']);
  const outside = await createReferral(h.deps, { ...clerk, jurisdiction: '430921102' }, request()).catch((e) => e);
  expect(outside.status).toBe(403);
});
