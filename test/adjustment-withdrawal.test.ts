// 撤回调标 through the API, on the time-skipping server and a real PostgreSQL (#18 item 2): a publication
// with a mistaken effective month blocks the next 调标 until a supervisor of its level withdraws it; then
// the next draft builds on the version in force, and publishing succeeds. Applied adjustments, later
// bases and repeated withdrawals are refused (409); other roles and areas 403. Months are computed from
// today's year, so the file passes on any day.
import { bindingInForce, profileForTownship } from '../api/use-cases/profile-bindings';
import { adjustmentResponse } from '../api/responses-adjustments';
import { strictDeep } from '../api/strict';
import type { AdjustmentDraft } from '../domain/adjustment-draft';
import { EFFECTIVE_YEARS_AHEAD } from '../domain/bounds';
import { shanghaiDate } from '../domain/calendar';
import type { Actor } from '../domain/case';
import { approver, auditor, supervisor } from './support/fixtures';
import { useHarness } from './support/harness';
import { eventually } from './support/temporal';

const PROFILE = 'hunan-datonghu-2021';
const sup: Actor = { ...supervisor, id: 'sup-withdraw' };
// Before the harness's own afterAll: later files expect the shipped v4 as the latest version.
afterAll(async () => {
  await h.db.query("DELETE FROM adjustment_runs WHERE adjustment_id LIKE 'ADJ-' || $1 || '-v%'", [PROFILE]);
  await h.db.query('DELETE FROM standard_adjustments WHERE profile_id = $1', [PROFILE]);
  await h.db.query('DELETE FROM profile_bindings WHERE bound_by = $1', [sup.id]);
  await h.db.query('DELETE FROM policy_profiles WHERE id = $1 AND version > 4', [PROFILE]);
});
const h = useHarness({ server: 'time-skipping', taskQueue: 'adjustment-withdrawal-test', api: true });

const year = Number(shanghaiDate(Date.now()).slice(0, 4));
/** The latest month the schema lets in: the typo that still gets through (the year 9999 no longer does). */
const MISTAKE = `${year + EFFECTIVE_YEARS_AHEAD}-12`;
const MEANT = `${year + 1}-01`;
const draft = (over: Partial<AdjustmentDraft> = {}): AdjustmentDraft => ({
  profileId: PROFILE,
  baseVersion: 4,
  effectiveMonth: MEANT,
  backPay: false,
  document: { ref: `益民发〔${year}〕8号`, title: '关于提高城乡低保标准的通知' },
  changes: { dibaoMonthlyFen: { rural: 48_000 } },
  ...over,
});
const publish = (body: unknown) => h.api.call('POST', '/api/adjustments', { actor: sup, body });
const withdraw = (id: string, actor: Actor = sup, body: unknown = { reason: '执行月份录入错误，应为次年1月' }) =>
  h.api.call('POST', `/api/adjustments/${id}/withdraw`, { actor, body });
const errorCode = (r: { body: any }) => r.body.error?.code;

test('a mistaken month blocks the next 调标; withdrawn, the next draft builds on the version in force and is published', async () => {
  const wrong = await publish(draft({ effectiveMonth: MISTAKE }));
  expect(wrong.status).toBe(201);
  expect(wrong.body).toMatchObject({ id: `ADJ-${PROFILE}-v5`, toVersion: 5, effectiveMonth: MISTAKE, withdrawal: null });
  // What the county faced: the old base is stale, and the new one takes effect only in MISTAKE.
  expect(errorCode(await publish(draft()))).toBe('STALE_BASE_VERSION');
  const blocked = await publish(draft({ baseVersion: 5 }));
  expect({ status: blocked.status, path: blocked.body.error.fields[0].path }).toEqual({ status: 400, path: 'effectiveMonth' });
  expect((await profileForTownship(h.deps, '430921101', `${MISTAKE}-01`)).version).toBe(5);

  // Only a supervisor of the publishing level, with a reason.
  expect((await withdraw(wrong.body.id, approver)).status).toBe(403);
  expect((await withdraw(wrong.body.id, auditor)).status).toBe(403);
  expect((await withdraw(wrong.body.id, { ...sup, jurisdiction: '430922' })).status).toBe(403);
  expect((await withdraw(wrong.body.id, { ...sup, jurisdiction: '430921101' })).status).toBe(403);
  expect((await withdraw(`ADJ-${PROFILE}-v99`)).status).toBe(404);
  const noReason = await withdraw(wrong.body.id, sup, {});
  expect({ status: noReason.status, path: noReason.body.error.fields[0].path }).toEqual({ status: 400, path: 'reason' });

  const withdrawn = await withdraw(wrong.body.id);
  expect(withdrawn.status).toBe(200);
  expect(withdrawn.body.withdrawal).toMatchObject({ reason: '执行月份录入错误，应为次年1月', withdrawnBy: sup.id });
  expect(strictDeep(adjustmentResponse).safeParse(withdrawn.body).error).toBeUndefined();
  const listed = await h.api.call('GET', `/api/adjustments?profileId=${PROFILE}`, { actor: auditor });
  expect(listed.body.items.find((a: { id: string }) => a.id === wrong.body.id).withdrawal).toMatchObject({ withdrawnBy: sup.id });
  expect(errorCode(await withdraw(wrong.body.id))).toBe('ALREADY_WITHDRAWN');
  expect(errorCode(await h.api.call('POST', `/api/adjustments/${wrong.body.id}/apply`, { actor: sup }))).toBe('ADJUSTMENT_WITHDRAWN');

  // v5 no longer takes effect anywhere; v4 is the base again and the profile's latest.
  expect((await profileForTownship(h.deps, '430921101', `${MISTAKE}-01`)).version).toBe(4);
  expect((await bindingInForce(h.deps, '430921101', `${MISTAKE}-01`))?.profileVersion).toBe(4);
  expect((await h.api.call('GET', `/api/profiles/${PROFILE}`, { actor: auditor })).body.version).toBe(4);
  expect((await h.api.call('POST', '/api/adjustments/preview', { actor: sup, body: draft() })).status).toBe(200);
  const fixed = await publish(draft());
  expect(fixed.status).toBe(201);
  // A withdrawn number is never given again.
  expect(fixed.body).toMatchObject({ id: `ADJ-${PROFILE}-v6`, fromVersion: 4, toVersion: 6, effectiveMonth: MEANT, withdrawal: null });
  expect((await profileForTownship(h.deps, '430921101', `${MEANT}-01`)).version).toBe(6);
  expect((await profileForTownship(h.deps, '430921101', `${MISTAKE}-01`)).version).toBe(6);
  expect((await profileForTownship(h.deps, '430921101', `${year}-12-01`)).version).toBe(4);
});

test('refused once something builds on it: a later publication (until that is withdrawn), or its apply run (409)', async () => {
  const v6 = `ADJ-${PROFILE}-v6`;
  const later = await publish(draft({ baseVersion: 6, effectiveMonth: `${year + 1}-07`, changes: { tekunMultiplier: 1.4 } }));
  expect(later.status).toBe(201);
  expect(later.body.toVersion).toBe(7);
  const built = await withdraw(v6);
  expect({ status: built.status, code: errorCode(built) }).toEqual({ status: 409, code: 'NOT_LATEST_ADJUSTMENT' });
  expect(built.body.error.message).toContain(later.body.id);
  expect((await withdraw(later.body.id)).status).toBe(200);

  const started = await h.api.call('POST', `/api/adjustments/${v6}/apply`, { actor: sup });
  expect(started.status).toBe(202);
  await eventually(
    () => h.api.call('GET', `/api/adjustments/${v6}/progress`, { actor: auditor }),
    (r) => r.body.status === 'completed',
    60_000,
  );
  const applied = await withdraw(v6);
  expect({ status: applied.status, code: errorCode(applied) }).toEqual({ status: 409, code: 'ADJUSTMENT_APPLIED' });
  expect((await h.api.call('GET', `/api/adjustments/${v6}`, { actor: auditor })).body.withdrawal).toBeNull();
});

test('refused while cases run under its version (409)', async () => {
  const v8 = await publish(draft({ baseVersion: 6, effectiveMonth: `${year + 2}-01`, changes: { gradualExitMonths: 6 } }));
  expect(v8.body.toVersion).toBe(8);
  await h.db.query(
    `INSERT INTO cases (case_id, program, township, household_id, applicant_name, applicant_id_masked, member_count, profile_id,
       profile_version, stage, request_hash, application, accepted_by, accepted_role)
     VALUES ('DB-430921101-2099-000001', 'dibao', '430921101', 'HH-WITHDRAW-1', '张建国', '4309**********2017', 3, $1, 8,
       'in_benefit', 'hash-withdraw', '{}', 'clerk-001', 'clerk')`,
    [PROFILE],
  );
  const inUse = await withdraw(v8.body.id);
  expect({ status: inUse.status, code: errorCode(inUse) }).toEqual({ status: 409, code: 'VERSION_IN_USE' });
  await h.db.query("DELETE FROM cases WHERE case_id = 'DB-430921101-2099-000001'");
  expect((await withdraw(v8.body.id)).status).toBe(200);
});
