// Bounded money and dates over HTTP (#18 items 1 and 2), on the time-skipping server and a real
// PostgreSQL: what outside testing sent (1e15 fen, the year 9999, the year 100) answers 400 naming the
// field and stores nothing; the due-date calculator never answers 500; the OpenAPI document shows the bounds.
import { FEN_CEILINGS } from '../domain/bounds';
import { clerk, dibaoApplication, emergencyAid, ruralRiseDraft, supervisor } from './support/fixtures';
import { useHarness } from './support/harness';

const h = useHarness({ server: 'time-skipping', taskQueue: 'bounds-api-test', api: true });

const fieldPaths = (body: any): string[] => (body.error?.fields ?? []).map((f: { path: string }) => f.path);
const count = async (sql: string, args: unknown[] = []) => (await h.db.query(sql, args)).rows[0].n as number;
const requestBody = (spec: any, path: string, method = 'post') => spec.paths[path][method].requestBody.content['application/json'].schema;

test('referral feedback of 1e15 fen: 400 on amountFen, the referral unanswered and its trail unchanged', async () => {
  const created = await h.api.call('POST', '/api/referrals', {
    actor: clerk,
    body: {
      township: '430921101',
      householdId: 'HH-BOUNDS-R1',
      profileId: 'hunan-datonghu-2021',
      kind: 'medical',
      departmentCode: 'medical-insurance',
      requester: { name: '张建国' },
      description: '住院费用自付部分较高，申请医疗救助',
    },
  });
  expect(created.status).toBe(201);
  const id = created.body.referralId as string;
  const events = () => count('SELECT count(*)::int AS n FROM referral_events WHERE referral_id = $1', [id]);
  const before = await events();
  const r = await h.api.call('POST', `/api/referrals/${id}/feedback`, { actor: clerk, body: { outcome: 'accepted', amountFen: 1e15 } });
  expect({ status: r.status, fields: fieldPaths(r.body) }).toEqual({ status: 400, fields: ['amountFen'] });
  expect(r.body.error.fields[0].message).toContain('专项救助金额');
  const after = await h.api.call('GET', `/api/referrals/${id}`, { actor: clerk });
  expect(after.body.state).toMatchObject({ stage: 'referred', feedback: null });
  expect(await events()).toBe(before);
  // Within the ceiling it is recorded as before.
  const ok = await h.api.call('POST', `/api/referrals/${id}/feedback`, { actor: clerk, body: { outcome: 'accepted', amountFen: 300_000 } });
  expect(ok.status).toBe(200);
  expect(ok.body).toMatchObject({ stage: 'answered', feedback: { amountFen: 300_000 } });
});

test('other amounts beyond their ceilings: 400 on the field, no case', async () => {
  const cases = () => count('SELECT count(*)::int AS n FROM cases');
  const before = await cases();
  const aid = await h.api.call('POST', '/api/temporary', {
    actor: clerk,
    body: emergencyAid({ amountFen: FEN_CEILINGS.temporaryAid.max + 1 }),
  });
  expect({ status: aid.status, fields: fieldPaths(aid.body) }).toEqual({ status: 400, fields: ['amountFen'] });
  const app = dibaoApplication();
  app.members[0].monthlyIncomeFen = 1e15;
  const rich = await h.api.call('POST', '/api/cases', { actor: clerk, body: app });
  expect({ status: rich.status, fields: fieldPaths(rich.body) }).toEqual({ status: 400, fields: ['members.0.monthlyIncomeFen'] });
  expect(await cases()).toBe(before);
});

test('the due-date calculator: a date beyond the calendar years, or a result past them, is 400 naming the field, not 500', async () => {
  const far = await h.api.call('GET', '/api/calendar/due?from=9999-12-31&workingDays=400');
  expect({ status: far.status, fields: fieldPaths(far.body) }).toEqual({ status: 400, fields: ['query.from'] });
  expect((await h.api.call('GET', '/api/calendar/due?from=0100-01-01&workingDays=5')).status).toBe(400);
  const past = await h.api.call('GET', '/api/calendar/due?from=2100-12-31&workingDays=400');
  expect({ status: past.status, fields: fieldPaths(past.body) }).toEqual({ status: 400, fields: ['query.workingDays'] });
  expect(past.body.error.fields[0].message).toContain('超出工作日历可载入的年份（2000–2100年）');
  // The last days that still fall in 2100 are answered (provisional: no calendar is loaded for it).
  const last = await h.api.call('GET', '/api/calendar/due?from=2100-06-01&workingDays=10');
  expect(last.status).toBe(200);
  expect(last.body).toMatchObject({ due: '2100-06-15', provisional: true, provisionalYears: [2100] });
});

test('a binding from 9999-12-31 or 0100-01-01: 400 on effectiveFrom, nothing stored', async () => {
  const history = () => count('SELECT count(*)::int AS n FROM profile_bindings WHERE region = $1', ['430921']);
  const before = await history();
  const binding = { regionName: '大通湖区', profileId: 'hunan-datonghu-2021', source: '区民政局通知（测试）' };
  for (const effectiveFrom of ['9999-12-31', '0100-01-01', '2014-04-30']) {
    const r = await h.api.call('PUT', '/api/profile-bindings/430921', { actor: supervisor, body: { ...binding, effectiveFrom } });
    expect({ effectiveFrom, status: r.status, fields: fieldPaths(r.body) }).toEqual({
      effectiveFrom,
      status: 400,
      fields: ['effectiveFrom'],
    });
  }
  expect(await history()).toBe(before);
});

test('a 调标 effective from 9999-12: 400 on effectiveMonth, in the preview and on publishing; nothing published', async () => {
  const adjustments = () => count('SELECT count(*)::int AS n FROM standard_adjustments');
  const before = await adjustments();
  const draft = ruralRiseDraft('9999-12');
  for (const path of ['/api/adjustments/preview', '/api/adjustments']) {
    const r = await h.api.call('POST', path, { actor: supervisor, body: draft });
    expect({ path, status: r.status, fields: fieldPaths(r.body) }).toEqual({ path, status: 400, fields: ['effectiveMonth'] });
  }
  const huge = await h.api.call('POST', '/api/adjustments', {
    actor: supervisor,
    body: { ...draft, effectiveMonth: '2027-01', changes: { dibaoMonthlyFen: { rural: 1e9 } } },
  });
  expect({ status: huge.status, fields: fieldPaths(huge.body) }).toEqual({ status: 400, fields: ['changes.dibaoMonthlyFen.rural'] });
  expect(await adjustments()).toBe(before);
});

test('the OpenAPI document shows the bounds: minimum/maximum on amounts, the window on dates and months', async () => {
  const spec = (await h.api.call('GET', '/openapi.json', { actor: null })).body;
  const feedback = requestBody(spec, '/api/referrals/{referralId}/feedback').oneOf[0].properties.amountFen;
  expect(feedback).toMatchObject({ type: 'integer', minimum: 1, maximum: FEN_CEILINGS.referralAward.max });
  const aid = requestBody(spec, '/api/temporary').properties;
  expect(aid.amountFen).toMatchObject({ minimum: 1, maximum: FEN_CEILINGS.temporaryAid.max });
  expect(aid.expense.properties.expenseFen).toMatchObject({ maximum: FEN_CEILINGS.expense.max });
  const member = requestBody(spec, '/api/cases').properties.members.items.properties.monthlyIncomeFen;
  expect(member).toMatchObject({ minimum: 0, maximum: FEN_CEILINGS.monthlyIncome.max });
  const decision = requestBody(spec, '/api/cases/{caseId}/temporary-decision').properties;
  expect(decision.stages.items.properties.amountFen).toMatchObject({ maximum: FEN_CEILINGS.temporaryAid.max });
  const years = '^(20\\d{2}|2100)-';
  const visit = requestBody(spec, '/api/cases/{caseId}/home-visit').properties.visitedOn;
  expect(visit).toMatchObject({ format: 'date', pattern: `${years}\\d{2}-\\d{2}$` });
  expect(visit.description).toContain('from 2000-01-01 to 2100-12-31');
  const from = spec.paths['/api/calendar/due'].get.parameters.find((p: { name: string }) => p.name === 'from');
  expect(from.schema.pattern).toBe(`${years}\\d{2}-\\d{2}$`);
  const binding = requestBody(spec, '/api/profile-bindings/{region}', 'put').properties.effectiveFrom;
  expect(binding.description).toContain('from 2014-05-01 to the end of the 5th year after the current one');
  const month = requestBody(spec, '/api/adjustments').properties.effectiveMonth;
  expect(month).toMatchObject({ pattern: `${years}(0[1-9]|1[0-2])$` });
  expect(month.description).toContain('from 2014-05 to the end of the 5th year');
  expect(requestBody(spec, '/api/adjustments').properties.changes.properties.dibaoMonthlyFen.properties.rural).toMatchObject({
    maximum: FEN_CEILINGS.monthlyStandard.max,
  });
  const period = spec.paths['/api/payroll/{period}'].get.parameters.find((p: { name: string }) => p.name === 'period');
  expect(period.schema.pattern).toBe(`${years}(0[1-9]|1[0-2])$`);
});
