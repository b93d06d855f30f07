// Referrals and the published roll through the API on the dev server, in demo time (one case day
// per second), so an approval's first paid month and a 7-day termination notice pass in seconds.
import type { Actor } from '../domain/case';
import { nextMonth } from '../domain/payments';
import { approver, auditor, clerk, dibaoApplication, homeVisit, IDS, supervisor } from './support/fixtures';
import { useHarness } from './support/harness';
import { eventually } from './support/temporal';

const h = useHarness({ server: 'dev', taskQueue: 'referral-roll-api-test', api: true, demoSpeed: 86400 });

const otherClerk: Actor = { ...clerk, id: 'clerk-102', jurisdiction: '430921102' };
const body = (over: Record<string, unknown> = {}) => ({
  township: '430921101',
  householdId: 'HH-API-R1',
  profileId: 'hunan-datonghu-2021',
  kind: 'employment',
  departmentCode: 'human-resources',
  requester: { name: '张建国' },
  description: '户主失业，申请就业援助',
  ...over,
});

describe('referrals', () => {
  test('create, list, show with the household, feedback; wrong role or area 403; bad input 400', async () => {
    const created = await h.api.call('POST', '/api/referrals', { body: body() });
    expect(created.status).toBe(201);
    const id = created.body.referralId;
    expect(created.body).toMatchObject({ stage: 'referred', department: { name: '人力资源和社会保障局' }, kindName: '就业救助' });
    expect((await h.api.call('POST', '/api/referrals', { body: body() })).body.referralId).toBe(id);
    const other = await h.api.call('POST', '/api/referrals', { body: body({ description: '另一项需求' }) });
    expect(other).toMatchObject({ status: 409, body: { error: { code: 'OPEN_REFERRAL_EXISTS', referralId: id } } });

    const list = await h.api.call('GET', '/api/referrals?township=430921101', { actor: supervisor });
    expect(list.body.items.map((r: { referralId: string }) => r.referralId)).toContain(id);
    expect((await h.api.call('GET', '/api/referrals?pageSize=500')).status).toBe(400);
    expect((await h.api.call('GET', '/api/referrals', { actor: otherClerk })).body.items).toEqual([]);
    const household = await h.api.call('GET', '/api/households/HH-API-R1/referrals', { actor: auditor });
    expect(household.body.referrals.items.map((r: { referralId: string }) => r.referralId)).toEqual([id]);

    expect((await h.api.call('GET', `/api/referrals/${id}`, { actor: otherClerk })).status).toBe(403);
    expect(
      (await h.api.call('POST', `/api/referrals/${id}/feedback`, { actor: otherClerk, body: { outcome: 'refused', reason: 'x' } })).status,
    ).toBe(403);
    expect(
      (await h.api.call('POST', `/api/referrals/${id}/feedback`, { actor: approver, body: { outcome: 'refused', reason: 'x' } })).status,
    ).toBe(403);
    const bad = await h.api.call('POST', `/api/referrals/${id}/feedback`, { body: { outcome: 'accepted' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toEqual([{ path: 'amountFen', message: expect.stringContaining('amount (fen) or the service') }]);
    const badKind = await h.api.call('POST', '/api/referrals', { body: body({ kind: 'lottery', householdId: 'HH-API-R2' }) });
    expect(badKind.status).toBe(400);
    expect(badKind.body.error.fields[0].path).toBe('kind');

    const answered = await h.api.call('POST', `/api/referrals/${id}/feedback`, {
      body: { outcome: 'accepted', service: '推荐公益性岗位', note: '已上岗' },
    });
    expect(answered.status).toBe(200);
    expect(answered.body).toMatchObject({ stage: 'answered', feedback: { outcome: 'accepted', service: '推荐公益性岗位' } });
    expect((await h.api.call('POST', `/api/referrals/${id}/feedback`, { body: { outcome: 'refused', reason: '重复' } })).status).toBe(409);
    const events = await h.api.call('GET', `/api/referrals/${id}/events`, { actor: auditor });
    expect(events.body.events.map((e: { type: string }) => e.type)).toEqual(expect.arrayContaining(['referral_sent', 'referral_answered']));
    const depts = await h.api.call('GET', '/api/referral-departments', { actor: otherClerk });
    expect(depts.body).toMatchObject({ county: '430921' });
    expect(depts.body.departments.map((d: { code: string }) => d.code)).toContain('justice');
  });

  test('a referral left unanswered is escalated and listed for supervisors of the area only', async () => {
    const created = await h.api.call('POST', '/api/referrals', {
      body: body({ householdId: 'HH-API-R3', kind: 'legal_aid', departmentCode: 'justice', description: '工伤赔偿纠纷，申请法律援助' }),
    });
    expect(created.status).toBe(201);
    const id = created.body.referralId;
    // Demo time: the 10 working days pass in about two weeks of case days, seconds here.
    await eventually(
      () => h.api.call('GET', `/api/referrals/${id}`, { actor: supervisor }),
      (r) => r.body.sla === 'breached',
      90_000,
    );
    const overdue = await h.api.call('GET', '/api/supervision/referrals-overdue', { actor: supervisor });
    expect(overdue.body.items.map((r: { referralId: string }) => r.referralId)).toContain(id);
    const elsewhere = await h.api.call('GET', '/api/supervision/referrals-overdue', { actor: { ...supervisor, jurisdiction: '430922' } });
    expect(elsewhere.body.items).toEqual([]);
  });
});

describe('the published roll (公示名册)', () => {
  const VILLAGE = '东风村';
  const roll = (month: string, actor: Actor = clerk, path = '/api/roll') =>
    h.api.call('GET', `${path}?township=430921101&village=${encodeURIComponent(VILLAGE)}&month=${month}`, { actor });
  const get = (id: string) => h.api.call('GET', `/api/cases/${id}`);

  test('an approved household appears masked from its first paid month, and is dropped after termination', async () => {
    const app = dibaoApplication();
    app.household = { ...app.household, village: VILLAGE };
    const id = (await h.api.call('POST', '/api/cases', { body: app })).body.caseId;
    const visitedOn = (await get(id)).body.acceptedOn;
    expect((await h.api.call('POST', `/api/cases/${id}/home-visit`, { body: homeVisit({ visitedOn }) })).status).toBe(200);
    await eventually(
      () => get(id),
      (r) => r.body.stage === 'deciding',
      60_000,
    );
    expect((await h.api.call('POST', `/api/cases/${id}/decision`, { actor: approver, body: { outcome: 'approve' } })).status).toBe(200);
    const inBenefit = await eventually(
      () => get(id),
      (r) => r.body.stage === 'in_benefit',
    );
    const { paidFrom, monthlyAmountFen } = inBenefit.body.state;
    expect(monthlyAmountFen).toBeGreaterThan(0);

    const listed = await roll(paidFrom, auditor);
    expect(listed.status).toBe(200);
    expect(listed.body).toMatchObject({
      total: 1,
      totalFen: monthlyAmountFen,
      items: [{ headMasked: '张*', householdSize: 3, program: 'dibao', monthlyAmountFen }],
    });
    expect(JSON.stringify(listed.body)).not.toContain('张建国');
    // Before the first paid month (the approval month) the household is not on the roll yet.
    const before = (await h.db.query("SELECT to_char(to_date($1, 'YYYY-MM') - interval '1 month', 'YYYY-MM') AS m", [paidFrom])).rows[0].m;
    expect((await roll(before)).body.total).toBe(0);

    const csv = await roll(paidFrom, clerk, '/api/roll/export.csv');
    expect(csv.status).toBe(200);
    expect(csv.text.startsWith('序号,户主,家庭人数,救助类别,月救助金额（元）')).toBe(true);
    expect(csv.text).toContain(`1,张*,3,最低生活保障,${(monthlyAmountFen / 100).toFixed(2)},${VILLAGE},${paidFrom}`);
    const html = await roll(paidFrom, supervisor, '/api/roll/print.html');
    expect(html.text).toContain('<title>最低生活保障和特困人员救助供养公示名册</title>');
    expect(html.text).toContain('张*');
    expect(html.text).not.toMatch(/<script|https?:\/\//);
    for (const text of [csv.text, html.text]) {
      for (const secret of [IDS.father, IDS.mother, '张建国', app.household.address]) expect(text).not.toContain(secret);
    }
    expect((await roll(paidFrom, otherClerk)).status).toBe(403);

    await h.api.call('POST', `/api/cases/${id}/changes`, { body: { kind: 'income', details: '家庭购置机动车辆' } });
    const t = await h.api.call('POST', `/api/cases/${id}/review`, {
      body: { result: 'terminate', reasons: ['家庭拥有机动车辆，不符合保障条件'] },
    });
    expect(t.status).toBe(200);
    const ended = await eventually(
      () => get(id),
      (r) => r.body.stage === 'terminated',
      60_000,
    );
    const paidThrough: string = ended.body.state.paidThrough;
    const after = nextMonth(paidThrough) > paidFrom ? nextMonth(paidThrough) : paidFrom;
    const dropped = await roll(after);
    expect(dropped.body).toMatchObject({ total: 0, items: [] });
    expect((await roll(after, clerk, '/api/roll/print.html')).text).toContain('本月无公示对象');
  });

  test('bad queries answer 400 with the field', async () => {
    const r = await h.api.call('GET', '/api/roll?township=430921101&month=2026-13');
    expect(r.status).toBe(400);
    expect(r.body.error.fields.map((f: { path: string }) => f.path).sort()).toEqual(['query.month', 'query.village']);
  });
});
