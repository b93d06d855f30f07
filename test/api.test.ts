// The API over HTTP against the Temporal CLI dev server and a real PostgreSQL.
import { shanghaiDate } from '../domain/calendar';
import { approver, auditor, clerk, dibaoApplication, homeVisit, supervisor } from './support/fixtures';
import { useHarness } from './support/harness';
import { eventually, startWorker } from './support/temporal';

const TQ = 'api-test';

const h = useHarness({ server: 'dev', taskQueue: TQ, api: true });

const today = () => shanghaiDate(Date.now());
const fieldPaths = (body: any) => (body.error.fields as { path: string }[]).map((f) => f.path);

describe('acceptance', () => {
  test('a valid application is accepted once; the same request returns the same case', async () => {
    const application = dibaoApplication();
    const first = await h.api.call('POST', '/api/cases', { body: application });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      stage: 'investigating',
      sla: 'on_time',
      acceptedOn: today(),
      profile: { id: 'hunan-datonghu-2021', version: 4 },
    });
    expect(first.body.dueDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(first.body.applicant.idNumberMasked).toBe('4309**********2017');
    const again = await h.api.call('POST', '/api/cases', { body: application });
    expect(again.status).toBe(200);
    expect(again.body.caseId).toBe(first.body.caseId);
    const other = await h.api.call('POST', '/api/cases', { body: { ...application, members: application.members.slice(0, 2) } });
    expect(other.status).toBe(409);
    expect(other.body.error).toMatchObject({ code: 'OPEN_CASE_EXISTS', caseId: first.body.caseId });
  });

  test('invalid input gets 400 with a message per field', async () => {
    const application = dibaoApplication();
    application.members[0].idNumber = '430921196503122018';
    (application.members[1] as any).monthlyIncomeFen = 12.5;
    (application as any).township = '4309';
    const r = await h.api.call('POST', '/api/cases', { body: application });
    expect(r.status).toBe(400);
    expect(fieldPaths(r.body)).toEqual(expect.arrayContaining(['members.0.idNumber', 'members.1.monthlyIncomeFen', 'township']));
    expect(r.body.error.fields.find((f: any) => f.path === 'members.0.idNumber').message).toContain('resident ID');
  });

  test('an incomplete file gets one list of everything missing (一次性告知)', async () => {
    const r = await h.api.call('POST', '/api/cases', { body: dibaoApplication({ materials: ['application_form'] }) });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('APPLICATION_INCOMPLETE');
    expect(r.body.error.missing.map((m: any) => m.code)).toEqual([
      'id_documents',
      'household_register',
      'economic_statement',
      'data_check_authorization',
      'disability_certificate',
    ]);
    expect(r.body.error.notice).toContain('一次性告知');
  });

  test('unknown profile, malformed JSON and oversized bodies are client errors, not 500', async () => {
    const unknown = await h.api.call('POST', '/api/cases', { body: dibaoApplication({ profileId: 'nowhere-2030' }) });
    expect(unknown.status).toBe(400);
    expect(fieldPaths(unknown.body)).toEqual(['profileId']);
    expect((await h.api.call('POST', '/api/cases', { raw: '{"program":' })).status).toBe(400);
    expect((await h.api.call('POST', '/api/cases', { raw: JSON.stringify({ pad: 'x'.repeat(300_000) }) })).status).toBe(413);
  });

  test('only a clerk of the township accepts', async () => {
    expect((await h.api.call('POST', '/api/cases', { body: dibaoApplication(), actor: null })).status).toBe(401);
    const wrongRole = await h.api.call('POST', '/api/cases', { body: dibaoApplication(), actor: approver });
    expect(wrongRole.status).toBe(403);
    expect(wrongRole.body.error.message).toContain('clerk');
    const elsewhere = await h.api.call('POST', '/api/cases', { body: dibaoApplication({ township: '430921102' }) });
    expect(elsewhere.status).toBe(403);
    expect(elsewhere.body.error.message).toContain('outside');
  });
});

describe('steps and reads', () => {
  let caseId: string;
  beforeAll(async () => {
    caseId = (await h.api.call('POST', '/api/cases', { body: dibaoApplication() })).body.caseId;
  });

  test('unknown case → 404; malformed case id → 400', async () => {
    expect((await h.api.call('GET', '/api/cases/DB-430921101-2026-999999')).status).toBe(404);
    expect(
      (await h.api.call('POST', '/api/cases/DB-430921101-2026-999999/home-visit', { body: homeVisit({ visitedOn: today() }) })).status,
    ).toBe(404);
    const bad = await h.api.call('GET', '/api/cases/not-a-case');
    expect(bad.status).toBe(400);
    expect(fieldPaths(bad.body)).toEqual(['params.caseId']);
  });

  test('a step that does not fit the stage → 409 with the reason', async () => {
    const r = await h.api.call('POST', `/api/cases/${caseId}/decision`, { body: { outcome: 'approve' }, actor: approver });
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('WRONG_STAGE');
    expect(r.body.error.message).toMatch(/only in stage deciding.*is in stage investigating/);
  });

  test('step input is checked by the API (400) and by the workflow (400 with its reason)', async () => {
    const oneInvestigator = await h.api.call('POST', `/api/cases/${caseId}/home-visit`, {
      body: { ...homeVisit({ visitedOn: today() }), investigators: ['王芳'] },
    });
    expect(oneInvestigator.status).toBe(400);
    expect(fieldPaths(oneInvestigator.body)).toContain('investigators');
    const same = await h.api.call('POST', `/api/cases/${caseId}/home-visit`, {
      body: homeVisit({ visitedOn: today(), investigators: ['王芳', '王芳'] }),
    });
    expect(same.status).toBe(400);
    expect(same.body.error.message).toContain('two different investigators');
    const reject = await h.api.call('POST', `/api/cases/${caseId}/decision`, { body: { outcome: 'reject', reasons: [] }, actor: approver });
    expect(reject.status).toBe(400);
  });

  test('lists filter by stage, program, township and SLA; the Temporal list query sees the stage too', async () => {
    const r = await h.api.call('GET', '/api/cases?stage=investigating&program=dibao&township=430921101&sla=on_time&pageSize=100');
    expect(r.status).toBe(200);
    expect(r.body.items.map((c: any) => c.caseId)).toContain(caseId);
    expect(r.body.items[0].state).toBeUndefined();
    expect((await h.api.call('GET', '/api/cases?stage=approved')).body.items.map((c: any) => c.caseId)).not.toContain(caseId);
    expect((await h.api.call('GET', '/api/cases?stage=nope')).status).toBe(400);
    const listed = await eventually(
      async () => {
        const ids: string[] = [];
        for await (const wf of h.env.client.workflow.list({ query: `CaseStage = 'investigating' AND CaseTownship = '430921101'` }))
          ids.push(wf.workflowId);
        return ids;
      },
      (ids) => ids.includes(caseId),
    );
    expect(listed).toContain(caseId);
  });

  test('supervisors see cases near their due date; others may not', async () => {
    const r = await h.api.call('GET', '/api/supervision/due-soon?withinWorkingDays=60', { actor: supervisor });
    expect(r.status).toBe(200);
    expect(r.body.items.map((c: any) => c.caseId)).toContain(caseId);
    const none = await h.api.call('GET', '/api/supervision/due-soon?withinWorkingDays=0', { actor: supervisor });
    expect(none.body.items.map((c: any) => c.caseId)).not.toContain(caseId);
    expect((await h.api.call('GET', '/api/supervision/breached', { actor: supervisor })).body.items).toEqual([]);
    expect((await h.api.call('GET', '/api/supervision/breached', { actor: clerk })).status).toBe(403);
  });

  test('restarting the worker mid-case loses nothing', async () => {
    await h.worker.stop();
    h.worker = await startWorker(h.env, h.db, TQ);
    const r = await h.api.call('POST', `/api/cases/${caseId}/home-visit`, { body: homeVisit({ visitedOn: today() }) });
    expect(r.status).toBe(200);
    expect(r.body.stage).toBe('public_notice');
    const events = await h.api.call('GET', `/api/cases/${caseId}/events`, { actor: auditor });
    expect(events.body.events.map((e: any) => e.type)).toEqual([
      'case_accepted',
      'data_match_completed',
      'home_visit_recorded',
      'democratic_review_skipped',
      'public_notice_posted',
    ]);
    const notices = await h.api.call('GET', `/api/cases/${caseId}/notices`);
    expect(notices.body.notices[0]).toMatchObject({ kind: 'public_notice', status: 'posted', startsOn: today() });
  });
});

describe('calendar', () => {
  test('loading a year checks it, and open cases with provisional deadlines recompute', async () => {
    // A case accepted today may be due next year (from late November on): the test clears and reloads
    // every year its deadline can touch, so it holds on any day of the year.
    const year = Number(today().slice(0, 4));
    const years = [year, year + 1];
    const saved = new Map<number, any>();
    for (const y of years) {
      const r = await h.api.call('GET', `/api/calendar/${y}`);
      if (r.status === 200) saved.set(y, r.body);
    }
    const scheduleOf = (y: number) => {
      const s = saved.get(y);
      // A year with no official schedule gets a minimal one (New Year's Day only) for the test's duration.
      return s
        ? { source: s.source, holidays: s.holidays, workdays: s.workdays }
        : { source: 'test schedule (测试用)', holidays: [`${y}-01-01`], workdays: [] };
    };
    await h.db.query('DELETE FROM calendar_years WHERE year = ANY($1::int[])', [years]);
    try {
      const c = await h.api.call('POST', '/api/cases', { body: dibaoApplication() });
      expect(c.body.dueProvisional).toBe(true);
      const weekday = await h.api.call('PUT', `/api/calendar/${year}`, {
        actor: supervisor,
        body: { ...scheduleOf(year), workdays: [`${year}-03-04`, `${year}-03-07`] },
      });
      expect(weekday.status).toBe(400);
      expect((await h.api.call('PUT', `/api/calendar/${year}`, { actor: clerk, body: scheduleOf(year) })).status).toBe(403);
      const loaded = [];
      for (const y of years) loaded.push(await h.api.call('PUT', `/api/calendar/${y}`, { actor: supervisor, body: scheduleOf(y) }));
      expect(loaded.map((r) => r.status)).toEqual([200, 200]);
      expect(loaded[0].body.casesNotified).toBeGreaterThanOrEqual(1);
      const after = await eventually(
        () => h.api.call('GET', `/api/cases/${c.body.caseId}`),
        (r) => r.body.dueProvisional === false,
      );
      expect(after.body.state.deadline.provisional).toBe(false);
      // The ledger shows the move and why, to every reader of the case.
      const ledger = await h.api.call('GET', `/api/cases/${c.body.caseId}/deadlines`, { actor: auditor });
      expect(ledger.status).toBe(200);
      const entry = ledger.body.entries.find((e: any) => e.key === 'application');
      expect(entry).toMatchObject({ unit: 'workingDays', amount: 25, provisional: false, open: true, due: after.body.dueDate });
      expect(entry.log.at(-1).reason).toContain(`by ${supervisor.id}`);
    } finally {
      for (const y of years) {
        if (saved.has(y)) await h.api.call('PUT', `/api/calendar/${y}`, { actor: supervisor, body: scheduleOf(y) });
        else await h.db.query('DELETE FROM calendar_years WHERE year = $1', [y]);
      }
    }
  });
});

test('the docs page (Chinese) and the OpenAPI document are served without a token', async () => {
  const docs = await h.api.call('GET', '/docs', { actor: null });
  expect(docs.status).toBe(200);
  expect(docs.text).toContain('接口文档');
  const spec = await h.api.call('GET', '/openapi.json', { actor: null });
  expect(spec.body.openapi).toBe('3.1.0');
  expect(Object.keys(spec.body.paths)).toEqual(
    expect.arrayContaining(['/api/cases', '/api/cases/{caseId}/decision', '/api/calendar/{year}']),
  );
  expect(spec.body.paths['/api/cases'].post.requestBody.content['application/json'].schema.properties.members).toBeDefined();
  // The contract in full is checked by test/contract.test.ts; here: 400 carries `fields`, the codec is in.
  expect(spec.body.components.schemas.Error.properties.error.properties.fields).toBeDefined();
  expect(spec.body.paths['/api/cases'].post.responses['400'].content['application/json'].schema.$ref).toBe('#/components/schemas/Error');
  expect(Object.keys(spec.body.paths)).toEqual(expect.arrayContaining(['/codec/decode', '/codec/encode', '/codec/session']));
  expect((await h.api.call('GET', '/health', { actor: null })).body.status).toBe('ok');
});
