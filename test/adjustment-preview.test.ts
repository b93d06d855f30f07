// 调标 preview and publish through the API, on real PostgreSQL: one case carried to its benefit period by
// the real workflows (time-skipping server), the others written into the read model by the real case
// repository (reserveCase, applyBenefitSnapshot), so the figures cover 低保 (urban, rural, one person),
// 特困, a gradual exit, and cases that must be left out. Expected amounts are computed by hand (差额).
import { applyBenefitSnapshot, reserveCase } from '../db/case-repo';
import { inTransaction } from '../db/pool';
import { seed } from '../db/seed';
import { publishAdjustment } from '../api/use-cases/adjustment-publish';
import { bindingInForce, profileForTownship } from '../api/use-cases/profile-bindings';
import type { AdjustmentDraft } from '../domain/adjustment-draft';
import type { Application, Member } from '../domain/application';
import type { BenefitStage, BenefitState } from '../domain/benefit';
import { addMonths, shanghaiDate } from '../domain/calendar';
import type { Actor } from '../domain/case';
import { nextMonth } from '../domain/payments';
import * as defs from '../workflows/definitions';
import { acceptCase } from '../api/use-cases/accept-case';
import { approver, auditor, clerk, dibaoApplication, homeVisit, IDS, supervisor } from './support/fixtures';
import { launchChromium, screenshot, seriousViolations } from './support/browser';
import { useHarness } from './support/harness';
import { strictDeep } from '../api/strict';
import { errorSchema } from '../api/openapi-errors';
import { adjustmentListResponse, adjustmentResponse, previewResponse } from '../api/responses-adjustments';
import { eventually } from './support/temporal';

const TQ = 'adjustment-preview-test';
// Before the harness's own afterAll (hooks run in the order declared): published versions must not outlive this file.
afterAll(() => cleanUp());
const h = useHarness({ server: 'time-skipping', taskQueue: TQ, api: true });

/** The date the test is written from (not today): the draft takes effect the month after it. */
const FIXED = '2026-03-15';
const EFFECTIVE = nextMonth(FIXED.slice(0, 7)); // 2026-04
const PROFILE = 'hunan-datonghu-2021';
// hunan-datonghu-2021 v4: 低保 urban 600 元, rural 450 元 per person and month; 特困 1.3 × 低保.
const draft = (over: Partial<AdjustmentDraft> = {}): AdjustmentDraft => ({
  profileId: PROFILE,
  baseVersion: 4,
  effectiveMonth: EFFECTIVE,
  backPay: false,
  document: { ref: '益民发〔2026〕8号', title: '关于提高城乡低保标准的通知' },
  changes: { dibaoMonthlyFen: { rural: 48000 } },
  ...over,
});
const preview = (body: unknown, actor: Actor = supervisor, query = '') =>
  h.api.call('POST', `/api/adjustments/preview${query}`, { actor, body });

const member = (idNumber: string, monthlyIncomeFen: number, over: Partial<Member> = {}): Member => ({
  name: '张建国',
  idNumber,
  relation: 'applicant',
  monthlyIncomeFen,
  ableBodied: false,
  disability: null,
  seriousIllness: null,
  ...over,
});

let real: BenefitState;
const ids: Record<string, string> = {};

/** A benefit case in the read model as the case store writes it (its workflow state cloned from the real case). */
async function liveCase(key: string, app: Application, amountFen: number, stage: BenefitStage = 'in_benefit'): Promise<void> {
  const r = await reserveCase(h.app, { ...app, profileId: app.profileId! }, `hash-${key}`, clerk, 2026);
  if (!r.created) throw new Error('household reused');
  const s: BenefitState = {
    ...structuredClone(real),
    caseId: r.caseId,
    program: app.program,
    township: app.township,
    householdId: app.household.householdId,
    application: app,
    stage,
    monthlyAmountFen: amountFen,
    amounts: [{ fromMonth: '2026-01', amountFen, reason: '审核确认' }],
    paidFrom: '2026-01',
    paidThrough: stage === 'terminated' ? '2026-02' : null,
    endedOn: stage === 'terminated' ? '2026-02-20' : null,
    version: 50,
  };
  await inTransaction(h.app, (tx) => applyBenefitSnapshot(tx, s));
  // The approval the application phase would have recorded (applySnapshot) before the benefit run began.
  await h.db.query("UPDATE cases SET decision = 'approve' WHERE case_id = $1", [r.caseId]);
  ids[key] = r.caseId;
}

const rural = (members: Member[], over: Partial<Application> = {}) => {
  const a = dibaoApplication(over);
  return { ...a, household: { ...a.household, area: 'rural' as const }, members };
};
const urban = (members: Member[]) => {
  const a = dibaoApplication();
  return { ...a, household: { ...a.household, area: 'urban' as const }, members };
};

async function cleanUp(): Promise<void> {
  await h.db.query('DELETE FROM standard_adjustments WHERE profile_id = $1', [PROFILE]);
  await h.db.query("DELETE FROM profile_bindings WHERE bound_by LIKE 'adj-%' OR bound_by = $1", [supervisor.id]);
  await h.db.query('DELETE FROM policy_profiles WHERE id = $1 AND version > 4', [PROFILE]);
}

beforeAll(async () => {
  await cleanUp();
  // The real one: accepted, visited, noticed and approved by the workflows (rural, 3 people, 300 元 income).
  const { body } = await acceptCase(h.deps, clerk, dibaoApplication());
  const handle = h.env.client.workflow.getHandle(body.caseId);
  const today = shanghaiDate(await h.env.currentTimeMs());
  await handle.executeUpdate(defs.recordHomeVisit, { args: [{ ...homeVisit({ visitedOn: today }), actor: clerk }] });
  await h.env.sleep('7 days');
  await eventually(
    () => handle.query(defs.stateQuery),
    (s) => (s as { stage: string } | null)?.stage === 'deciding',
  );
  await handle.executeUpdate(defs.decide, { args: [{ outcome: 'approve', reasons: [], actor: approver }] });
  real = (await eventually(
    () => handle.query(defs.stateQuery),
    (s) => (s as BenefitState | null)?.stage === 'in_benefit',
  )) as BenefitState;
  ids.real = real.caseId;

  const father = (income: number) => member(IDS.father, income, { ableBodied: true });
  await liveCase(
    'A',
    rural([father(30000), member(IDS.mother, 0, { relation: 'spouse' }), member(IDS.child, 0, { relation: 'child' })]),
    105000,
  );
  await liveCase('B', rural([father(20000)]), 25000);
  await liveCase('C', urban([father(50000), member(IDS.mother, 0, { relation: 'spouse' })]), 70000);
  await liveCase('D', { ...rural([member(IDS.elder, 0)]), program: 'tekun' }, 58500);
  await liveCase('E', rural([father(46000)]), 5000, 'gradual_exit');
  await liveCase('F', rural([father(40000), member(IDS.mother, 0, { relation: 'spouse' })], { township: '430921102' }), 50000);
  await liveCase('I', urban([father(56000)]), 4000);
  await liveCase('ended', rural([father(0)]), 45000, 'terminated');
  await liveCase('shaanxi', rural([father(0)], { township: '610112001', profileId: 'shaanxi-2021' }), 45000);
});

test('a rural 低保 rise from next month: each case at its hand-computed 差额, and the budget per township', async () => {
  expect(real.monthlyAmountFen).toBe(45000 * 3 - 30000);
  const r = await preview(draft(), supervisor, '?rows=all&limit=500');
  expect(r.status).toBe(200);
  expect(strictDeep(previewResponse).safeParse(r.body).error).toBeUndefined();
  const rows = Object.fromEntries(r.body.rows.items.map((o: { caseId: string }) => [o.caseId, o]));
  const amounts = (key: string) => [rows[ids[key]]?.currentFen, rows[ids[key]]?.newFen];
  expect(amounts('real')).toEqual([45000 * 3 - 30000, 48000 * 3 - 30000]);
  expect(amounts('A')).toEqual([105000, 48000 * 3 - 30000]);
  expect(amounts('B')).toEqual([25000, 48000 - 20000]);
  expect(amounts('C')).toEqual([70000, 70000]); // urban: untouched
  expect(amounts('D')).toEqual([58500, Math.ceil(48000 * 1.3)]); // 特困: 1.3 × the rural standard
  expect(amounts('E')).toEqual([5000, 5000]); // the gradual exit runs its course
  expect(amounts('F')).toEqual([50000, 48000 * 2 - 40000]);
  expect(rows[ids.ended]).toBeUndefined();
  expect(rows[ids.shaanxi]).toBeUndefined();
  expect(r.body.rows.items).toHaveLength(8);
  // E's household (460 元) is above the old line and below the new one: it enters 低保 by standing.
  expect(rows[ids.E]).toMatchObject({ standingNow: 'low_income', standingUnderDraft: 'dibao', affected: true });
  expect(rows[ids.C].affected).toBe(false);

  const line = (township: string, program: string) =>
    r.body.summary.lines.find((l: { township: string; program: string }) => l.township === township && l.program === program);
  // 12 months of +90 元 for A, B and F; the real case only from its first paid month on.
  const realMonths = [...Array(12).keys()].filter((k) => addMonths(`${EFFECTIVE}-01`, k).slice(0, 7) >= real.paidFrom).length;
  expect(line('430921101', 'dibao')).toMatchObject({
    households: 6,
    people: 3 + 3 + 1 + 2 + 1 + 1,
    affectedHouseholds: 4,
    monthlyDeltaFen: 9000 + 9000 + 3000,
    twelveMonthDeltaFen: 9000 * realMonths + (9000 + 3000) * 12,
    rising: 3,
    falling: 0,
  });
  expect(line('430921101', 'tekun')).toMatchObject({ households: 1, monthlyDeltaFen: 3900, twelveMonthDeltaFen: 3900 * 12 });
  expect(line('430921102', 'dibao')).toMatchObject({ households: 1, people: 2, monthlyDeltaFen: 6000, twelveMonthDeltaFen: 72000 });
  expect(r.body.summary.total.monthlyDeltaFen).toBe(9000 + 9000 + 3000 + 3900 + 6000);
  expect(r.body.summary.transitions).toEqual([{ from: 'low_income', to: 'dibao', households: 1 }]);

  // A township approver sees the same rules over their own township only.
  const own = await preview(draft(), { ...approver, jurisdiction: '430921102' });
  expect(own.body.summary.total).toMatchObject({ households: 1, monthlyDeltaFen: 6000 });
});

test('the console page: a supervisor enters the rise, sees the budget charts, the table and the CSV link', async () => {
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto(`${h.api.url}/console/sign-in`);
    await page.selectOption('select[name=role]', 'supervisor');
    await page.fill('input[name=jurisdiction]', '430921');
    await page.click('form[action="/console/sign-in"] button');
    await page.click('nav a[href="/console/adjustments"]');
    await page.fill('input[name=effectiveMonth]', EFFECTIVE);
    await page.fill('input[name=ruralYuan]', '480');
    await page.fill('input[name=documentRef]', '益民发〔2026〕8号');
    await page.click('form.filters button[type=submit]');
    await page.waitForSelector('#chart-delta canvas');
    await page.waitForSelector('#chart-households canvas');
    const card = (title: string) => page.locator('.card', { hasText: title }).locator('.n').textContent();
    expect(await card('每月资金增减')).toBe('+309.00 元');
    expect(await card('金额提高户数')).toBe('5');
    for (const key of ['real', 'A', 'B', 'D', 'E', 'F']) expect(await page.locator('tr', { hasText: ids[key] }).count()).toBe(1);
    expect(await page.locator('tr', { hasText: ids.C }).count()).toBe(0);
    expect(await page.locator('tr', { hasText: ids.B }).textContent()).toContain('+30.00 元');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'console-adjustment-preview');
    const csv = await context.request.get(h.api.url + (await page.locator('#csv').getAttribute('href'))!);
    expect(csv.status()).toBe(200);
    expect((await csv.text()).split('\r\n').filter(Boolean)).toHaveLength(7);
    // A bad month comes back as the form with the problem named, not an error page.
    await page.fill('input[name=effectiveMonth]', '2026-00');
    await page.locator('input[name=effectiveMonth]').evaluate((el) => el.removeAttribute('pattern'));
    await page.click('form.filters button[type=submit]');
    expect(await page.locator('.notice').textContent()).toContain('effectiveMonth');
  } finally {
    await browser.close();
  }
});

test('an urban cut: who falls, who would no longer qualify (and keeps the amount until reviewed)', async () => {
  const r = await preview(draft({ changes: { dibaoMonthlyFen: { urban: 55000 } } }), auditor);
  expect(r.status).toBe(200);
  const rows = Object.fromEntries(r.body.rows.items.map((o: { caseId: string }) => [o.caseId, o]));
  expect(rows[ids.C]).toMatchObject({ currentFen: 70000, newFen: 55000 * 2 - 50000, deltaFen: -10000 });
  expect(rows[ids.I]).toMatchObject({ currentFen: 4000, newFen: 4000, noLongerQualifies: true, standingUnderDraft: 'low_income' });
  expect(r.body.summary.total).toMatchObject({ falling: 1, noLongerQualify: 1, monthlyDeltaFen: -10000 });
  expect(rows[ids.A]).toBeUndefined(); // rows=affected by default
});

test('rows page by case id; the CSV has Chinese headers and one line per affected case', async () => {
  const first = await preview(draft(), supervisor, '?limit=2');
  expect(first.body.rows.items).toHaveLength(2);
  const second = await preview(draft(), supervisor, `?limit=2&after=${first.body.rows.nextAfter}`);
  expect(second.body.summary).toBeNull();
  expect(second.body.rows.items[0].caseId > first.body.rows.items[1].caseId).toBe(true);
  expect((await preview(draft(), supervisor, '?limit=501')).status).toBe(400);

  const csv = await h.api.call('POST', '/api/adjustments/preview.csv', { actor: auditor, body: draft() });
  expect(csv.status).toBe(200);
  expect(csv.headers['content-disposition']).toContain(`adjustment-preview-${PROFILE}-${EFFECTIVE}-430921.csv`);
  const lines = csv.text.split('\r\n').filter(Boolean);
  expect(lines[0]).toMatch(/^案件编号,乡镇街道,项目,户主,人数,现行月金额（元）,调整后月金额（元）/);
  expect(lines).toHaveLength(1 + 6); // real, A, B, D, E, F
  expect(lines.find((l) => l.startsWith(ids.B))).toContain(',250.00,280.00,30.00,');
});

test('bad drafts are 400 with field paths; other roles and areas 403', async () => {
  const fields = async (body: unknown) => (await preview(body)).body.error?.fields?.map((f: { path: string }) => f.path);
  expect(await fields(draft({ effectiveMonth: '2026-13' }))).toEqual(['effectiveMonth']);
  expect(await fields(draft({ changes: {} }))).toEqual(['changes']);
  expect(await fields(draft({ changes: { dibaoMonthlyFen: { rural: 0 } } }))).toEqual(['changes.dibaoMonthlyFen.rural']);
  expect(await fields({ ...draft(), extra: 1 })).toEqual(['extra']);
  expect(await fields(draft({ profileId: 'no-such-profile' }))).toEqual(['profileId']);
  expect(await fields(draft({ baseVersion: 99 }))).toEqual(['baseVersion']);
  expect(await fields(draft({ effectiveMonth: '2020-01' }))).toEqual(['effectiveMonth']);
  expect((await preview(draft(), clerk)).status).toBe(403);
  expect((await preview(draft(), { ...supervisor, jurisdiction: '430922' })).status).toBe(403);
  // Only v4 is stored in a fresh installation: v3 is unknown (400); a stale base (409) follows a publication below.
  expect(await fields(draft({ baseVersion: 3 }))).toEqual(['baseVersion']);
});

test('publishing: issuing level only; the next version; bindings follow from the effective month; stale drafts refused', async () => {
  const publish = (body: unknown, actor: Actor) => h.api.call('POST', '/api/adjustments', { actor, body });
  expect((await publish(draft(), approver)).status).toBe(403);
  expect((await publish(draft(), { ...supervisor, jurisdiction: '430921101' })).status).toBe(403);
  expect((await publish(draft({ changes: {} }), supervisor)).status).toBe(400);

  // Published as of FIXED (before the effective month): the old binding is pinned to v4 until then.
  const a = await publishAdjustment(h.deps, { ...supervisor, id: 'adj-sup' }, draft(), Date.parse(`${FIXED}T02:00:00Z`));
  expect(a).toMatchObject({ id: `ADJ-${PROFILE}-v5`, fromVersion: 4, toVersion: 5, effectiveMonth: EFFECTIVE, areaCode: '430921' });
  expect((await bindingInForce(h.deps, '430921101', '2026-03-31'))?.profileVersion).toBe(4);
  const v5 = await profileForTownship(h.deps, '430921101', `${EFFECTIVE}-01`);
  expect(v5.version).toBe(5);
  expect(v5.standards.dibaoMonthlyFen.rural.value).toBe(48000);
  expect(v5.standards.dibaoMonthlyFen.rural.source).toContain('益民发〔2026〕8号');
  expect(v5.standards.dibaoMonthlyFen.urban.value).toBe(60000);

  const stale = await preview(draft());
  expect(stale.status).toBe(409);
  expect(stale.body.error).toMatchObject({ code: 'STALE_BASE_VERSION', latestVersion: 5 });
  expect(strictDeep(errorSchema).safeParse(stale.body).error).toBeUndefined();
  expect((await publish(draft(), supervisor)).status).toBe(409);
  const second = await publish(draft({ baseVersion: 5, effectiveMonth: '2026-07', changes: { tekunMultiplier: 1.4 } }), supervisor);
  expect(second.status).toBe(201);
  expect(second.body).toMatchObject({ id: `ADJ-${PROFILE}-v6`, fromVersion: 5, toVersion: 6, publishedBy: supervisor.id });
  expect((await profileForTownship(h.deps, '430921101', '2026-07-01')).version).toBe(6);
  expect((await profileForTownship(h.deps, '430921101', '2026-06-30')).version).toBe(5);

  const one = await h.api.call('GET', `/api/adjustments/${second.body.id}`, { actor: auditor });
  expect(one.body).toEqual(second.body);
  expect(strictDeep(adjustmentResponse).safeParse(one.body).error).toBeUndefined();
  const list = await h.api.call('GET', `/api/adjustments?profileId=${PROFILE}&pageSize=1`, { actor: approver });
  expect(list.body).toMatchObject({ total: 2, page: 1, pageSize: 1 });
  expect(strictDeep(adjustmentListResponse).safeParse(list.body).error).toBeUndefined();
  expect((await h.api.call('GET', `/api/adjustments/ADJ-${PROFILE}-v99`, { actor: auditor })).status).toBe(404);
  expect((await h.api.call('GET', '/api/adjustments', { actor: clerk })).status).toBe(403);
});

test('the seed refuses to ship a profile version a publication already holds', async () => {
  await h.db.query(
    `INSERT INTO standard_adjustments (id, profile_id, from_version, to_version, effective_month, back_pay, draft, document_ref,
       document_title, area_code, published_by) VALUES ('ADJ-clash', $1, 4, 4, '2026-01', false, '{}', 'x', 'x', '430921', 'adj-test')`,
    [PROFILE],
  );
  try {
    await expect(seed(h.db)).rejects.toThrow(/clashes with published adjustment ADJ-clash/);
  } finally {
    await h.db.query("DELETE FROM standard_adjustments WHERE id = 'ADJ-clash'");
  }
  await expect(seed(h.db)).resolves.toBeUndefined();
});
