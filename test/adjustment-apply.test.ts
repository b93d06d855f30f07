// 调标, applying, through the API on the dev server in demo time (one case day per second): live cases
// get the new amounts from the effective month, the payroll pays them, and months already paid at the
// old amount are topped up once (补发).
import { insertAdjustment } from '../db/adjustment-repo';
import { latestProfile, saveProfile } from '../db/profile-repo';
import { AdjustmentDraft, applyDraft } from '../domain/adjustment-draft';
import type { Application } from '../domain/application';
import { nextMonth } from '../domain/payments';
import { applyStandardAdjustment } from '../workflows/adjustment-defs';
import { approver, auditor, dibaoApplication, homeVisit, supervisor } from './support/fixtures';
import { useHarness } from './support/harness';
import { eventually } from './support/temporal';

const PROFILE = 'hunan-datonghu-2021';
let published: number[] = [];
// Registered before the harness so it runs while the harness's pools are open.
afterAll(async () => {
  // Later test files in the same run expect the shipped profile as the latest version.
  const ids = published.map((v) => `ADJ-${PROFILE}-v${v}`);
  for (const t of ['adjustment_runs', 'back_payments', 'adjustment_cases', 'standard_adjustments'])
    await h.db?.query(`DELETE FROM ${t} WHERE ${t === 'standard_adjustments' ? 'id' : 'adjustment_id'} = ANY($1)`, [ids]);
  await h.db?.query('DELETE FROM policy_profiles WHERE id = $1 AND version = ANY($2)', [PROFILE, published]);
});
const h = useHarness({ server: 'dev', taskQueue: 'adjustment-apply-test', api: true, demoSpeed: 86400 });

const withIncome = (fen: number, over: Partial<Application> = {}) => {
  const app = dibaoApplication(over);
  return { ...app, members: app.members.map((m, i) => (i === 0 ? { ...m, monthlyIncomeFen: fen } : m)) };
};

async function liveCase(app: Application): Promise<string> {
  const id = (await h.api.call('POST', '/api/cases', { body: app })).body.caseId as string;
  const visitedOn = (await h.api.call('GET', `/api/cases/${id}`)).body.acceptedOn;
  expect((await h.api.call('POST', `/api/cases/${id}/home-visit`, { body: homeVisit({ visitedOn }) })).status).toBe(200);
  await eventually(
    () => h.api.call('GET', `/api/cases/${id}`),
    (r) => r.body.stage === 'deciding',
    90_000,
  );
  expect((await h.api.call('POST', `/api/cases/${id}/decision`, { actor: approver, body: { outcome: 'approve' } })).status).toBe(200);
  await eventually(
    () => h.api.call('GET', `/api/cases/${id}`),
    (r) => r.body.stage === 'in_benefit',
    60_000,
  );
  return id;
}

async function publish(changes: AdjustmentDraft['changes'], effectiveMonth: string, backPay: boolean) {
  const base = (await latestProfile(h.db, PROFILE))!;
  const draft: AdjustmentDraft = {
    profileId: PROFILE,
    baseVersion: base.version,
    effectiveMonth,
    backPay,
    document: { ref: `大民发〔2026〕${base.version + 10}号`, title: '关于调整城乡低保标准的通知' },
    changes,
  };
  await saveProfile(h.db, applyDraft(base, draft, base.version + 1));
  published.push(base.version + 1);
  return insertAdjustment(h.db, { draft, toVersion: base.version + 1, areaCode: '430921', publishedBy: supervisor.id });
}

const applyAndWait = async (id: string) => {
  const first = await h.api.call('POST', `/api/adjustments/${id}/apply`, { actor: supervisor });
  expect(first.status).toBe(202);
  const again = await h.api.call('POST', `/api/adjustments/${id}/apply`, { actor: supervisor });
  expect(again.status).toBe(200);
  expect(again.body.workflowId).toBe(first.body.workflowId);
  return (
    await eventually(
      () => h.api.call('GET', `/api/adjustments/${id}/progress`, { actor: auditor }),
      (r) => r.body.status === 'completed',
      90_000,
    )
  ).body;
};
const pay = (period: string) => h.api.call('POST', `/api/payroll/${period}/run`, { actor: supervisor });
const amountOf = async (id: string) => (await h.api.call('GET', `/api/cases/${id}`)).body.monthlyAmountFen as number;
const events = async (id: string, adj: string) =>
  (
    await h.db.query("SELECT reason FROM case_events WHERE case_id = $1 AND type = 'standard_adjusted' AND data->>'adjustmentId' = $2", [
      id,
      adj,
    ])
  ).rows;

test('a rise from a month already paid: new amounts from then on, one 补发 line per case, nothing paid twice', async () => {
  published = [];
  const rural = (await latestProfile(h.db, PROFILE))!.standards.dibaoMonthlyFen.rural.value;
  // Three people each: 差额 = standard × 3 − household income.
  const [poor, nearly, urban] = await Promise.all([
    liveCase(withIncome(30_000)),
    liveCase(withIncome(3 * rural - 5_000)),
    liveCase(withIncome(30_000, { household: { ...dibaoApplication().household, area: 'urban' } })),
  ]);
  expect(await amountOf(poor)).toBe(3 * rural - 30_000);
  const paidFrom = (await h.db.query('SELECT case_id, paid_from FROM cases WHERE case_id = ANY($1)', [[poor, nearly, urban]])).rows;
  const effective = paidFrom.map((r) => r.paid_from as string).sort()[0];
  const paidOld = new Set(paidFrom.filter((r) => r.paid_from === effective).map((r) => r.case_id));
  expect((await pay(effective)).status).toBe(200);

  const adj = await publish({ dibaoMonthlyFen: { rural: rural + 5_000 } }, effective, true);
  expect((await h.api.call('POST', `/api/adjustments/${adj.id}/apply`, { actor: auditor })).status).toBe(403);
  expect((await h.api.call('POST', `/api/adjustments/${adj.id}/apply`, { actor: { ...supervisor, jurisdiction: '430922' } })).status).toBe(
    403,
  );
  expect((await h.api.call('POST', '/api/adjustments/ADJ-none-v9/apply', { actor: supervisor })).status).toBe(404);
  const run = await applyAndWait(adj.id);
  expect(run).toMatchObject({ total: 3, done: 3, failed: 0, changed: 2, unchanged: 1, flagged: 0 });
  expect((await h.api.call('POST', `/api/adjustments/${adj.id}/pause`, { actor: supervisor })).status).toBe(409);

  // Read model, payment basis and audit trail.
  expect(await amountOf(poor)).toBe(3 * (rural + 5_000) - 30_000);
  expect(await amountOf(nearly)).toBe(20_000);
  expect(await amountOf(urban)).toBe((await latestProfile(h.db, PROFILE))!.standards.dibaoMonthlyFen.urban.value * 3 - 30_000);
  const basis = await h.db.query('SELECT from_month, amount_fen, reason FROM benefit_amounts WHERE case_id = $1 ORDER BY from_month', [
    poor,
  ]);
  expect(basis.rows.at(-1)).toMatchObject({ amount_fen: 3 * (rural + 5_000) - 30_000, reason: `调标 ${adj.document.ref}` });
  for (const id of [poor, nearly, urban]) expect(await events(id, adj.id)).toHaveLength(1);
  expect((await events(poor, adj.id))[0].reason).toContain(`月保障金 ${((3 * rural - 30_000) / 100).toFixed(2)}元 → `);
  expect((await events(urban, adj.id))[0].reason).toContain('月保障金不变');
  // Told again (a batch retried after a crash): the case answers 'already' and records nothing.
  const plan = {
    adjustmentId: adj.id,
    profile: { id: PROFILE, version: adj.toVersion },
    effectiveMonth: effective,
    document: adj.document,
  };
  const repeat = await h.env.client.workflow.getHandle(poor).executeUpdate(applyStandardAdjustment, { args: [plan] });
  expect(repeat).toMatchObject({ outcome: 'already', recorded: 'changed' });
  expect(await events(poor, adj.id)).toHaveLength(1);

  // The next payroll pays the new amounts and tops up the month paid at the old one, once.
  const next = nextMonth(effective);
  const first = await pay(next);
  expect(first.body.backPaid).toBe([poor, nearly].filter((id) => paidOld.has(id)).length);
  expect((await pay(next)).body).toMatchObject({ paid: 0, backPaid: 0 });
  const roster = (await h.api.call('GET', `/api/payroll/${next}`, { actor: supervisor })).body;
  const lines = (id: string, kind: string) =>
    roster.items.filter((i: { caseId: string; kind: string }) => i.caseId === id && i.kind === kind);
  expect(lines(poor, 'regular')).toEqual([expect.objectContaining({ amountFen: 3 * (rural + 5_000) - 30_000, months: [next] })]);
  expect(lines(urban, 'regular')[0].amountFen).toBe(await amountOf(urban));
  for (const id of [poor, nearly])
    expect(lines(id, 'back_pay')).toEqual(paidOld.has(id) ? [expect.objectContaining({ amountFen: 15_000, months: [effective] })] : []);
  expect(lines(urban, 'back_pay')).toEqual([]);
  const csv = (await h.api.call('GET', `/api/payroll/${next}/export.csv`, { actor: auditor })).text;
  expect(csv.split('\r\n')[0]).toContain('备注');
  if (paidOld.has(poor)) expect(csv).toContain(`补发（调标 ${adj.document.ref}）`);
  expect((await pay(nextMonth(next))).body.backPaid).toBe(0);
  const dup = await h.db.query('SELECT case_id FROM payments WHERE case_id = ANY($1) GROUP BY case_id, period HAVING count(*) > 1', [
    [poor, nearly, urban],
  ]);
  expect(dup.rowCount).toBe(0);

  // A later cut that leaves a household above the standard: not stopped, flagged for review.
  const cut = await publish({ dibaoMonthlyFen: { rural: rural - 2_000 } }, nextMonth(nextMonth(next)), false);
  const run2 = await applyAndWait(cut.id);
  expect(run2).toMatchObject({ total: 3, changed: 1, unchanged: 1, flagged: 1, failed: 0 });
  const flagged = (await h.api.call('GET', `/api/cases/${nearly}`)).body;
  expect(flagged).toMatchObject({ stage: 'reviewing', monthlyAmountFen: 20_000, state: { review: { kind: 'ad_hoc' } } });
  expect((await events(nearly, cut.id))[0].reason).toContain('转入复核');
});
