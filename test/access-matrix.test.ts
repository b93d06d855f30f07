// Every endpoint × every role × four jurisdictions, plus no token and bad tokens: each
// combination is either let through or refused with 401/403, and none is wrongly let through.
import { allRoutes } from '../api/app';
import type { Actor, Role } from '../domain/case';
import { mintToken } from '../infra/tokens';
import { clerk, dibaoApplication, emergencyAid } from './support/fixtures';
import { useHarness } from './support/harness';
import { apiDeps, TEST_JWT_SECRET } from './support/trust';

const TQ = 'matrix-test';
const CASE_TOWNSHIP = '430921101';
const JURISDICTIONS = { ownTownship: '430921101', otherTownship: '430921102', ownCounty: '430921', otherCounty: '430922' };
const ROLES: Exclude<Role, 'system'>[] = ['clerk', 'approver', 'coordinator', 'supervisor', 'auditor'];
const ALL = ROLES;

// The policy, written out by hand: who may call what. A new endpoint without a line here fails.
const POLICY: Record<string, { roles: Role[]; area: 'case' | 'any'; countyOnly?: boolean }> = {
  'POST /api/cases': { roles: ['clerk'], area: 'case' },
  'GET /api/cases': { roles: ALL, area: 'any' },
  'GET /api/cases/:caseId': { roles: ALL, area: 'case' },
  'GET /api/cases/:caseId/events': { roles: ALL, area: 'case' },
  'GET /api/cases/:caseId/notices': { roles: ALL, area: 'case' },
  'GET /api/cases/:caseId/deadlines': { roles: ALL, area: 'case' },
  'POST /api/cases/:caseId/data-match/objection': { roles: ['clerk'], area: 'case' },
  'POST /api/cases/:caseId/data-match/recheck': { roles: ['clerk'], area: 'case' },
  'POST /api/cases/:caseId/home-visit': { roles: ['clerk'], area: 'case' },
  'POST /api/cases/:caseId/democratic-review': { roles: ['clerk'], area: 'case' },
  'POST /api/cases/:caseId/notice-objection': { roles: ['clerk'], area: 'case' },
  'POST /api/cases/:caseId/extension': { roles: ['clerk', 'approver'], area: 'case' },
  // The test case is approved at county level: only a county approver decides it.
  'POST /api/cases/:caseId/decision': { roles: ['approver'], area: 'case', countyOnly: true },
  'POST /api/cases/:caseId/assignment': { roles: ['supervisor'], area: 'case' },
  'GET /api/cases/:caseId/audit/verify': { roles: ['auditor'], area: 'case' },
  'GET /api/cases/:caseId/audit/history': { roles: ['auditor'], area: 'case' },
  'POST /api/cases/:caseId/audit/replay': { roles: ['auditor'], area: 'case' },
  'POST /api/cases/:caseId/review': { roles: ['clerk'], area: 'case' },
  'POST /api/cases/:caseId/review/postpone': { roles: ['clerk'], area: 'case' },
  'POST /api/cases/:caseId/changes': { roles: ['clerk'], area: 'case' },
  'POST /api/cases/:caseId/termination-objection': { roles: ['clerk'], area: 'case' },
  'POST /api/cases/:caseId/termination-objection/decision': { roles: ['approver'], area: 'case', countyOnly: true },
  'POST /api/payroll/:period/run': { roles: ['supervisor'], area: 'any' },
  'GET /api/payroll/:period': { roles: ['supervisor', 'auditor'], area: 'any' },
  'GET /api/payroll/:period/export.csv': { roles: ['supervisor', 'auditor'], area: 'any' },
  'POST /api/temporary': { roles: ['clerk'], area: 'case' },
  'POST /api/cases/:caseId/paperwork': { roles: ['clerk'], area: 'case' },
  'POST /api/cases/:caseId/referral': { roles: ['clerk'], area: 'case' },
  'POST /api/cases/:caseId/verification': { roles: ['clerk'], area: 'case' },
  'POST /api/cases/:caseId/temporary-decision': { roles: ['approver'], area: 'case' },
  'POST /api/cases/:caseId/stages/cancel': { roles: ['clerk'], area: 'case' },
  'POST /api/cases/:caseId/deliberation': { roles: ['coordinator'], area: 'case', countyOnly: true },
  'GET /api/supervision/due-soon': { roles: ['supervisor', 'auditor'], area: 'any' },
  'GET /api/supervision/breached': { roles: ['supervisor', 'auditor'], area: 'any' },
  'GET /api/supervision/staff-related': { roles: ['supervisor', 'auditor'], area: 'any' },
  'GET /api/supervision/access-denials': { roles: ['supervisor', 'auditor'], area: 'any' },
  'GET /api/supervision/attention': { roles: ['supervisor', 'auditor'], area: 'any' },
  'GET /api/calendar': { roles: ALL, area: 'any' },
  'GET /api/calendar/:year': { roles: ALL, area: 'any' },
  'PUT /api/calendar/:year': { roles: ['supervisor'], area: 'any' },
  'GET /api/profiles': { roles: ALL, area: 'any' },
  'GET /api/profiles/:id': { roles: ALL, area: 'any' },
  'POST /api/referrals': { roles: ['clerk'], area: 'case' },
  'GET /api/referrals': { roles: ALL, area: 'any' },
  'GET /api/referrals/:referralId': { roles: ALL, area: 'case' },
  'GET /api/referrals/:referralId/events': { roles: ALL, area: 'case' },
  'POST /api/referrals/:referralId/feedback': { roles: ['clerk'], area: 'case' },
  'GET /api/households/:householdId/referrals': { roles: ALL, area: 'any' },
  'GET /api/supervision/referrals-overdue': { roles: ['supervisor', 'auditor'], area: 'any' },
  'GET /api/referral-departments': { roles: ALL, area: 'any' },
  // The test referral's county is 430921: only its own county-level supervisor replaces the list.
  'PUT /api/referral-departments/:county': { roles: ['supervisor'], area: 'case', countyOnly: true },
  // The roll is asked for the case's township (see concrete()): every role of that area reads it.
  'GET /api/roll': { roles: ALL, area: 'case' },
  'GET /api/roll/print.html': { roles: ALL, area: 'case' },
  'GET /api/roll/export.csv': { roles: ALL, area: 'case' },
  'GET /api/calendar/due': { roles: ALL, area: 'any' },
  'GET /api/profile-bindings': { roles: ALL, area: 'any' },
  'GET /api/profile-bindings/:region/history': { roles: ['supervisor', 'auditor'], area: 'any' },
  // The region bound is the case's township: a supervisor whose area contains it.
  'PUT /api/profile-bindings/:region': { roles: ['supervisor'], area: 'case' },
  // 调标: the draft in the body names the profile; the area and issuing-level checks follow its validation (test/adjustment-preview.test.ts).
  'POST /api/adjustments/preview': { roles: ['supervisor', 'approver', 'auditor'], area: 'any' },
  'POST /api/adjustments/preview.csv': { roles: ['supervisor', 'approver', 'auditor'], area: 'any' },
  'POST /api/adjustments': { roles: ['supervisor'], area: 'any' },
  'GET /api/adjustments': { roles: ['supervisor', 'approver', 'auditor'], area: 'any' },
  'GET /api/adjustments/:id': { roles: ['supervisor', 'approver', 'auditor'], area: 'any' },
  // Withdrawing: like publishing, the issuing level is checked once the adjustment is found (test/adjustment-withdrawal.test.ts).
  'POST /api/adjustments/:id/withdraw': { roles: ['supervisor'], area: 'any' },
  // Applying: the adjustment's issuing area is checked once it is found (test/adjustment-apply.test.ts).
  'POST /api/adjustments/:id/apply': { roles: ['supervisor'], area: 'any' },
  'GET /api/adjustments/:id/progress': { roles: ['supervisor', 'auditor'], area: 'any' },
  'POST /api/adjustments/:id/pause': { roles: ['supervisor'], area: 'any' },
  'POST /api/adjustments/:id/resume': { roles: ['supervisor'], area: 'any' },
  'POST /api/adjustments/:id/stop': { roles: ['supervisor'], area: 'any' },
};

let caseId: string;
let referralId: string;
const referralBody = {
  township: CASE_TOWNSHIP,
  householdId: 'HH-MATRIX-1',
  profileId: 'hunan-datonghu-2021',
  kind: 'education',
  departmentCode: 'education',
  requester: { name: '张建国' },
  description: '子女就读高中，申请教育救助',
};

const h = useHarness({ server: 'time-skipping', taskQueue: TQ, api: true });

beforeAll(async () => {
  const r = await h.api.call('POST', '/api/cases', { body: dibaoApplication(), actor: clerk });
  expect(r.status).toBe(201);
  caseId = r.body.caseId;
  const rf = await h.api.call('POST', '/api/referrals', { body: referralBody, actor: clerk });
  expect(rf.status).toBe(201);
  referralId = rf.body.referralId;
});

function concrete(path: string): string {
  if (path.startsWith('/api/roll')) return `${path}?township=${CASE_TOWNSHIP}&village=${encodeURIComponent('北洲子村')}&month=2026-12`;
  return path
    .replace(':caseId', caseId)
    .replace(':referralId', referralId)
    .replace(':householdId', 'HH-MATRIX-1')
    .replace(':county', '430921')
    .replace(':year', '2026')
    .replace(':id', 'hunan-datonghu-2021')
    .replace(':period', '2026-12')
    .replace(':region', CASE_TOWNSHIP);
}

// Allowed calls get a body that fails validation where possible, so the matrix changes no case.
function bodyFor(key: string): unknown {
  if (key === 'POST /api/cases') return dibaoApplication();
  if (key === 'POST /api/temporary') return emergencyAid();
  if (key === 'POST /api/referrals') return referralBody;
  return key.startsWith('GET') ? undefined : {};
}

test('the policy table names every endpoint the API serves', async () => {
  const served = allRoutes(await apiDeps({ db: h.app, temporal: h.env.client, taskQueue: TQ, acceptWaitMs: 0 })).map(
    (r) => `${r.method.toUpperCase()} ${r.path}`,
  );
  expect(served.sort()).toEqual(Object.keys(POLICY).sort());
});

test('role × endpoint × jurisdiction: allowed, or 401/403, never wrongly allowed', async () => {
  const wrong: string[] = [];
  let tried = 0;
  for (const [key, rule] of Object.entries(POLICY)) {
    const [method, path] = key.split(' ');
    const url = concrete(path);
    for (const role of ROLES) {
      for (const [name, jurisdiction] of Object.entries(JURISDICTIONS)) {
        const actor: Actor = { id: `${role}-${name}`, role, jurisdiction };
        const inArea = rule.area === 'any' || CASE_TOWNSHIP.startsWith(jurisdiction);
        const levelOk = !rule.countyOnly || jurisdiction.length === 6;
        const allowed = rule.roles.includes(role) && inArea && levelOk;
        const r = await h.api.call(method, url, { actor, body: bodyFor(key) });
        tried++;
        const ok = allowed ? ![401, 403].includes(r.status) && r.status < 500 : r.status === 403;
        if (!ok) wrong.push(`${key} as ${role}@${name}: expected ${allowed ? 'allowed' : '403'}, got ${r.status} ${r.text.slice(0, 120)}`);
      }
    }
    const none = await h.api.call(method, url, { actor: null, body: bodyFor(key) });
    const expired = await h.api.call(method, url, {
      body: bodyFor(key),
      headers: {
        authorization: `Bearer ${await mintToken(TEST_JWT_SECRET, { sub: 'x', role: 'auditor', jurisdiction: '430921', ttl: '-1s' })}`,
      },
    });
    const forged = await h.api.call(method, url, {
      body: bodyFor(key),
      headers: {
        authorization: `Bearer ${await mintToken('another-secret-of-sufficient-length-000000', { sub: 'x', role: 'auditor', jurisdiction: '430921' })}`,
      },
    });
    tried += 3;
    for (const [what, r] of [
      ['no token', none],
      ['expired token', expired],
      ['forged token', forged],
    ] as const) {
      if (r.status !== 401) wrong.push(`${key} with ${what}: expected 401, got ${r.status}`);
    }
  }
  console.log(`access matrix: ${tried} combinations tried`);
  expect(wrong).toEqual([]);
  expect(tried).toBe(Object.keys(POLICY).length * (ROLES.length * 4 + 3));
});

test('refusals are logged for supervisors and auditors', async () => {
  const r = await h.api.call('GET', '/api/supervision/access-denials', {
    actor: { id: 'sup-x', role: 'supervisor', jurisdiction: '430921' },
  });
  expect(r.status).toBe(200);
  expect(r.body.items.length).toBeGreaterThan(10);
  expect(r.body.items[0]).toMatchObject({ actor: { jurisdiction: expect.stringMatching(/^430921/) } });
});
