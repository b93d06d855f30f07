// The OpenAPI document is the contract: every status an operation can answer is in it, request
// schemas are as strict as the validators (unknown fields refused), real answers match the
// documented bodies, and a short Schemathesis run finds no 5xx and no schema violation.
import path from 'node:path';
import { allRoutes } from '../api/app';
import { errorSchema } from '../api/openapi-errors';
import {
  calendarLoadedResponse,
  caseDetailResponse,
  caseListResponse,
  eventsResponse,
  noticesResponse,
  verifyResponse,
} from '../api/responses';
import { attentionResponse, bindingHistoryResponse, bindingsResponse, dueDateResponse, ledgerResponse } from '../api/responses-deadlines';
import {
  departmentsResponse,
  householdReferralsResponse,
  referralDetailResponse,
  referralEventsResponse,
  referralListResponse,
  referralStateResponse,
  rollResponse,
} from '../api/responses-referrals';
import { strictDeep } from '../api/strict';
import { auditor, clerk, dibaoApplication, homeVisit, supervisor } from './support/fixtures';
import { useHarness } from './support/harness';
import { failuresOf, runSchemathesis } from './support/schemathesis';
import { tokenFor } from './support/trust';

const h = useHarness({ server: 'dev', taskQueue: 'contract-test', api: true });

type Op = { parameters: { in: string }[]; requestBody?: { content: Record<string, { schema: any }> }; responses: Record<string, any> };
async function operations(): Promise<{ key: string; method: string; path: string; op: Op }[]> {
  const spec = (await h.api.call('GET', '/openapi.json', { actor: null })).body;
  return Object.entries(spec.paths as Record<string, Record<string, Op>>).flatMap(([p, ops]) =>
    Object.entries(ops).map(([method, op]) => ({ key: `${method.toUpperCase()} ${p}`, method, path: p, op })),
  );
}
const fieldPaths = (body: any): string[] => body.error.fields.map((f: { path: string }) => f.path);
/** Output schemas checked strictly: a key the document does not name fails, as it would for a client. */
const conforms = (schema: Parameters<typeof strictDeep>[0], body: unknown) => strictDeep(schema)!.safeParse(body);

describe('the document', () => {
  test('every operation documents 401, 403, 503 (Retry-After), and 400/404/409/413/429 where the route can answer them', async () => {
    const ops = await operations();
    const routes = allRoutes({} as never);
    expect(ops.length).toBe(routes.length + 3); // and the three codec endpoints
    for (const { key, method, path: p, op } of ops) {
      const statuses = Object.keys(op.responses).map(Number);
      const writes = method === 'post' || method === 'put';
      const expected = [401, 403, 503];
      if (op.parameters.length || op.requestBody || writes) expected.push(400);
      if (op.requestBody || writes) expected.push(413);
      if (p.includes('{caseId}')) expected.push(404);
      if (p.includes('{caseId}') && writes) expected.push(409);
      if (writes && !p.startsWith('/codec/')) expected.push(429);
      expect({ key, statuses: expected.filter((s) => !statuses.includes(s)) }).toEqual({ key, statuses: [] });
      expect({
        key,
        ok: statuses.some((s) => s >= 200 && s < 300 && Object.values(op.responses[s].content ?? {}).some((c: any) => c.schema)),
      }).toEqual({ key, ok: true });
      for (const s of statuses.filter((x) => x >= 400))
        expect(op.responses[s].content['application/json'].schema.$ref).toBe('#/components/schemas/Error');
      expect(op.responses[503].headers['Retry-After'].required).toBe(true);
    }
    expect(ops.map((o) => o.key)).toEqual(expect.arrayContaining(['GET /codec/session', 'POST /codec/encode', 'POST /codec/decode']));
  });

  test('the error body allows field messages and the details the API sends, nothing else', async () => {
    const spec = (await h.api.call('GET', '/openapi.json', { actor: null })).body;
    const err = spec.components.schemas.Error.properties.error;
    expect(err.required).toEqual(['code', 'message']);
    expect(Object.keys(err.properties).sort()).toEqual([
      'caseId',
      'code',
      'fields',
      'latestVersion',
      'message',
      'missing',
      'notice',
      'referralId',
      'retryAfterSeconds',
    ]);
    expect(err.properties.fields.items.required).toEqual(['path', 'message']);
    expect(err.additionalProperties).toBe(false);
  });

  test('request bodies refuse unknown fields at every depth; refinements show as formats, patterns and descriptions', async () => {
    const open: string[] = [];
    const walk = (s: any, at: string) => {
      if (!s || typeof s !== 'object') return;
      if (s.type === 'object' && s.properties && s.additionalProperties !== false) open.push(at);
      for (const [k, v] of Object.entries(s)) if (k !== 'additionalProperties') walk(v, `${at}/${k}`);
    };
    for (const { key, op } of await operations()) walk(op.requestBody?.content['application/json'].schema, key);
    // The codec's payload objects are Temporal's protocol (it may add fields); everything else is closed.
    expect(open.filter((k) => !k.startsWith('POST /codec/'))).toEqual([]);
    const spec = (await h.api.call('GET', '/openapi.json', { actor: null })).body;
    const visit = spec.paths['/api/cases/{caseId}/home-visit'].post.requestBody.content['application/json'].schema;
    expect(visit.properties.visitedOn).toMatchObject({ format: 'date' });
    expect(visit.properties.findings).toMatchObject({ minLength: 1, maxLength: 2000, pattern: '\\S' });
    expect(visit.description).toContain('a disputed visit says what is disputed');
    const app = spec.paths['/api/cases'].post.requestBody.content['application/json'].schema;
    expect(app.properties.members.items.properties.idNumber.pattern).toBeDefined();
    expect(app.description).toContain('exactly one member has relation "applicant"');
  });
});

describe('unknown fields answer 400 naming them', () => {
  test('in a body, at any depth, and in a query string; nothing is accepted', async () => {
    const application = dibaoApplication();
    const r = await h.api.call('POST', '/api/cases', {
      body: { ...application, nickname: 'x', members: [{ ...application.members[0], hobby: 'y' }, ...application.members.slice(1)] },
    });
    expect(r.status).toBe(400);
    expect(fieldPaths(r.body)).toEqual(expect.arrayContaining(['nickname', 'members.0.hobby']));
    expect(r.body.error.fields.find((f: { path: string }) => f.path === 'nickname').message).toContain('unknown field');
    expect(
      (await h.db.query('SELECT count(*)::int AS n FROM cases WHERE household_id = $1', [application.household.householdId])).rows[0].n,
    ).toBe(0);
    const q = await h.api.call('GET', '/api/cases?stage=investigating&colour=red');
    expect(q.status).toBe(400);
    expect(fieldPaths(q.body)).toEqual(['query.colour']);
    const none = await h.api.call('GET', '/api/calendar?year=2026');
    expect(none.status).toBe(400);
    expect(fieldPaths(none.body)).toEqual(['query.year']);
  });

  test('in a step on a real case: refused, the case unchanged; a route without a body refuses one', async () => {
    const accepted = await h.api.call('POST', '/api/cases', { body: dibaoApplication() });
    expect(accepted.status).toBe(201);
    const id = accepted.body.caseId;
    const before = (await h.api.call('GET', `/api/cases/${id}/events`)).body.events.length;
    const step = await h.api.call('POST', `/api/cases/${id}/home-visit`, {
      body: { ...homeVisit({ visitedOn: accepted.body.acceptedOn }), recomendation: 'eligible' },
    });
    expect(step.status).toBe(400);
    expect(fieldPaths(step.body)).toEqual(['recomendation']);
    expect((await h.api.call('GET', `/api/cases/${id}/events`)).body.events.length).toBe(before);
    const events = await h.api.call('GET', `/api/cases/${id}/events?verbose=1`);
    expect(fieldPaths(events.body)).toEqual(['query.verbose']);
  });
});

test('real answers match the documented bodies exactly (no key the document does not name)', async () => {
  const application = dibaoApplication();
  const created = await h.api.call('POST', '/api/cases', { body: application });
  expect(created.status).toBe(201);
  expect(conforms(caseDetailResponse, created.body).error?.issues).toBeUndefined();
  const id = created.body.caseId;
  expect(conforms(caseListResponse, (await h.api.call('GET', '/api/cases?pageSize=5')).body).error?.issues).toBeUndefined();
  expect(conforms(eventsResponse, (await h.api.call('GET', `/api/cases/${id}/events`)).body).error?.issues).toBeUndefined();
  expect(conforms(noticesResponse, (await h.api.call('GET', `/api/cases/${id}/notices`)).body).error?.issues).toBeUndefined();
  const conflict = await h.api.call('POST', '/api/cases', { body: { ...application, members: application.members.slice(0, 2) } });
  expect(conflict.status).toBe(409);
  expect(conforms(errorSchema, conflict.body).error?.issues).toBeUndefined();
  const incomplete = await h.api.call('POST', '/api/cases', { body: dibaoApplication({ materials: ['application_form'] }) });
  expect(incomplete.body.error.code).toBe('APPLICATION_INCOMPLETE');
  expect(conforms(errorSchema, incomplete.body).error?.issues).toBeUndefined();
  const unauth = await h.api.call('GET', '/api/cases', { actor: null });
  expect(unauth.status).toBe(401);
  expect(conforms(errorSchema, unauth.body).error?.issues).toBeUndefined();
});

test('real answers of referrals, the roll, deadlines, bindings, the ledger, verify and attention match their documented bodies', async () => {
  const ok = (schema: Parameters<typeof conforms>[0], r: { status: number; body: unknown }) => {
    expect(r.status).toBeLessThan(300);
    expect(conforms(schema, r.body).error?.issues).toBeUndefined();
  };
  const created = await h.api.call('POST', '/api/cases', { body: dibaoApplication() });
  const id = created.body.caseId;
  const referral = await h.api.call('POST', '/api/referrals', {
    body: {
      township: '430921101',
      householdId: 'HH-CONTRACT-R1',
      profileId: 'hunan-datonghu-2021',
      kind: 'employment',
      departmentCode: 'human-resources',
      requester: { name: '张建国' },
      description: '户主失业，申请就业援助',
    },
  });
  ok(referralDetailResponse, referral);
  const rf = referral.body.referralId;
  ok(referralListResponse, await h.api.call('GET', '/api/referrals'));
  ok(referralDetailResponse, await h.api.call('GET', `/api/referrals/${rf}`));
  ok(referralEventsResponse, await h.api.call('GET', `/api/referrals/${rf}/events`));
  ok(householdReferralsResponse, await h.api.call('GET', '/api/households/HH-CONTRACT-R1/referrals'));
  ok(departmentsResponse, await h.api.call('GET', '/api/referral-departments'));
  ok(
    referralStateResponse,
    await h.api.call('POST', `/api/referrals/${rf}/feedback`, { body: { outcome: 'refused', reason: '不符合条件' } }),
  );
  const roll = await h.api.call('GET', '/api/roll?township=430921101&village=%E5%8D%97%E6%B9%BE%E6%9D%91&month=2026-03');
  ok(rollResponse, roll);
  const csv = await h.api.call('GET', '/api/roll/export.csv?township=430921101&village=x&month=2026-03');
  expect(csv.headers['content-type']).toMatch(/^text\/csv/);
  expect(csv.headers['content-disposition']).toMatch(/^attachment/);
  ok(dueDateResponse, await h.api.call('GET', '/api/calendar/due?from=2026-09-28&workingDays=10'));
  ok(bindingsResponse, await h.api.call('GET', '/api/profile-bindings?township=430921101&on=2026-03-01'));
  ok(bindingHistoryResponse, await h.api.call('GET', '/api/profile-bindings/430921/history', { actor: supervisor }));
  ok(ledgerResponse, await h.api.call('GET', `/api/cases/${id}/deadlines`));
  ok(verifyResponse, await h.api.call('GET', `/api/cases/${id}/audit/verify`, { actor: auditor }));
  ok(attentionResponse, await h.api.call('GET', '/api/supervision/attention', { actor: supervisor }));
  ok(
    calendarLoadedResponse,
    await h.api.call('PUT', '/api/calendar/2031', {
      actor: supervisor,
      body: { source: '国务院办公厅通知（测试）', holidays: ['2031-01-01'] },
    }),
  );
});

test("found by the fuzz: a profile version beyond a PostgreSQL integer, or a NUL in a binding's text, answers 400 naming the field", async () => {
  const binding = {
    regionName: '大通湖区',
    profileId: 'hunan-datonghu-2021',
    profileVersion: 9007199254740991,
    effectiveFrom: '2031-01-01',
    source: '区民政局通知',
  };
  const huge = await h.api.call('PUT', '/api/profile-bindings/430921', { actor: supervisor, body: binding });
  expect({ status: huge.status, fields: fieldPaths(huge.body) }).toEqual({ status: 400, fields: ['profileVersion'] });
  const nul = await h.api.call('PUT', '/api/profile-bindings/430921', {
    actor: supervisor,
    body: { ...binding, profileVersion: null, regionName: '大通\u0000湖区', source: '区民政局通知\ud800' },
  });
  expect({ status: nul.status, fields: fieldPaths(nul.body).sort() }).toEqual({ status: 400, fields: ['regionName', 'source'] });
  const history = await h.api.call('GET', '/api/profile-bindings/430921/history', { actor: supervisor });
  expect(history.body.changes.filter((c: { effectiveFrom: string }) => c.effectiveFrom === '2031-01-01')).toEqual([]);
});

// The long run (every role, >1,000 requests) is `npm run test:fuzz`; this one keeps the suite honest.
test('short Schemathesis run (one role, ~150 requests): no 5xx, no response-schema or status violation', async () => {
  const run = await runSchemathesis({
    label: 'clerk',
    baseUrl: h.api.url,
    token: await tokenFor(clerk),
    maxExamples: 4,
    phases: 'examples,fuzzing',
    reportDir: path.resolve(__dirname, '../.data/contract-fuzz'),
    timeoutMs: 150_000,
  });
  const summary = { requests: run.requests, serverErrors: run.serverErrors, failures: run.failures };
  expect(run.requests).toBeGreaterThanOrEqual(100);
  expect(summary).toEqual({ requests: run.requests, serverErrors: 0, failures: [] });
  expect(failuresOf(run, /schema/i)).toBe(0);
  expect(run.exitCode).toBe(0);
}, 200_000);
