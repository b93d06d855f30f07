// Personal data never in clear in Temporal; the audit chain catches tampering; relatives of
// staff are registered apart and their related worker stays out; the API's hardening holds.
import { execFileSync } from 'node:child_process';
import { temporalCli } from '../infra/tools';
import { shanghaiDate } from '../domain/calendar';
import { approver, auditor, clerk, dibaoApplication, homeVisit, IDS, supervisor } from './support/fixtures';
import { useHarness } from './support/harness';
import { startApi } from './support/http';
import { apiDeps, TEST_JWT_SECRET, tokenFor } from './support/trust';

const TQ = 'trust-test';
let caseId: string;
const today = () => shanghaiDate(Date.now());

const h = useHarness({ server: 'dev', taskQueue: TQ, api: true });

beforeAll(async () => {
  caseId = (await h.api.call('POST', '/api/cases', { body: dibaoApplication() })).body.caseId;
  expect((await h.api.call('POST', `/api/cases/${caseId}/home-visit`, { body: homeVisit({ visitedOn: today() }) })).status).toBe(200);
});

describe('personal data in Temporal', () => {
  test('the history the Temporal CLI shows has no ID number, name or address in clear text', () => {
    const out = execFileSync(temporalCli(), ['workflow', 'show', '--address', h.env.address, '--workflow-id', caseId, '--output', 'json'], { encoding: 'utf8' });
    // Every payload but the search attributes (which hold no personal data) is ciphertext.
    const encodings = new Map<string, number>();
    const walk = (node: unknown, path: string): void => {
      if (!node || typeof node !== 'object') return;
      const enc = (node as { metadata?: { encoding?: string } }).metadata?.encoding;
      if (enc && !path.includes('searchAttributes')) {
        const name = Buffer.from(enc, 'base64').toString();
        encodings.set(name, (encodings.get(name) ?? 0) + 1);
      }
      for (const [k, v] of Object.entries(node)) walk(v, `${path}.${k}`);
    };
    walk(JSON.parse(out), '');
    expect([...encodings.keys()]).toEqual(['binary/encrypted']);
    expect(encodings.get('binary/encrypted')).toBeGreaterThan(10);
    expect(out).toContain('EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED');
    for (const secret of [...Object.values(IDS), '张建国', '北洲子村3组12号']) {
      expect(out).not.toContain(secret);
      expect(out).not.toContain(Buffer.from(secret).toString('base64'));
    }
  });

  test('the codec endpoint decodes for supervisors and auditors only; the Web UI origin may call it', async () => {
    const history = JSON.parse(execFileSync(temporalCli(), ['workflow', 'show', '--address', h.env.address, '--workflow-id', caseId, '--output', 'json'], { encoding: 'utf8' }));
    const started = history.events[0].workflowExecutionStartedEventAttributes.input.payloads;
    const asAuditor = await h.api.call('POST', '/codec/decode', { actor: auditor, body: { payloads: started } });
    expect(asAuditor.status).toBe(200);
    const input = JSON.parse(Buffer.from(asAuditor.body.payloads[0].data, 'base64').toString());
    expect(input.application.members[0].idNumber).toBe(IDS.father);
    expect((await h.api.call('POST', '/codec/decode', { actor: clerk, body: { payloads: started } })).status).toBe(403);
    const elsewhere = await h.api.call('POST', '/codec/decode', { actor: { ...auditor, id: 'aud-xa', jurisdiction: '610102' }, body: { payloads: started } });
    expect(elsewhere.status).toBe(403);
    const logged = await h.db.query('SELECT actor_id, case_ids FROM payload_decodes ORDER BY id');
    expect(logged.rows[0]).toEqual({ actor_id: auditor.id, case_ids: [caseId] });
    // The Web UI's way in: a session cookie set once from a token, sent with "include credentials".
    const session = await fetch(`${h.api.url}/codec/session?token=${await tokenFor(auditor)}`);
    expect(session.status).toBe(200);
    const cookie = session.headers.get('set-cookie')!.split(';')[0];
    const viaCookie = await fetch(`${h.api.url}/codec/decode`, {
      method: 'POST', headers: { 'content-type': 'application/json', cookie, origin: 'http://localhost:8233' }, body: JSON.stringify({ payloads: started }),
    });
    expect(viaCookie.status).toBe(200);
    expect(viaCookie.headers.get('access-control-allow-credentials')).toBe('true');
    expect((await fetch(`${h.api.url}/codec/session?token=${await tokenFor(clerk)}`)).status).toBe(403);
    const unknownKey = { ...started[0], metadata: { ...started[0].metadata, 'encryption-key-id': Buffer.from('k9').toString('base64') } };
    expect((await h.api.call('POST', '/codec/decode', { actor: auditor, body: { payloads: [unknownKey] } })).status).toBe(400);
    expect((await h.api.call('POST', '/codec/decode', { actor: null, body: { payloads: started } })).status).toBe(401);
    const preflight = await fetch(`${h.api.url}/codec/decode`, { method: 'OPTIONS', headers: { origin: 'http://localhost:8233' } });
    expect(preflight.headers.get('access-control-allow-origin')).toBe('http://localhost:8233');
    const foreign = await fetch(`${h.api.url}/codec/decode`, { method: 'OPTIONS', headers: { origin: 'https://evil.example' } });
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('audit chain', () => {
  test('the application role cannot change or delete audit rows; nor can the owner while the trigger stands', async () => {
    await expect(h.app.query("UPDATE case_events SET reason = 'x' WHERE case_id = $1", [caseId])).rejects.toThrow(/permission denied/);
    await expect(h.app.query('DELETE FROM case_events WHERE case_id = $1', [caseId])).rejects.toThrow(/permission denied/);
    await expect(h.db.query("UPDATE case_events SET reason = 'x' WHERE case_id = $1", [caseId])).rejects.toThrow(/append-only/);
    await expect(h.db.query('TRUNCATE case_events CASCADE')).rejects.toThrow(/append-only/);
  });

  test('an altered row is reported as the first broken link', async () => {
    const intact = await h.api.call('GET', `/api/cases/${caseId}/audit/verify`, { actor: auditor });
    expect(intact.body).toMatchObject({ intact: true, firstBroken: null, events: 5 });
    // A DBA who disables the protection to rewrite history.
    await h.db.query('ALTER TABLE case_events DISABLE TRIGGER case_events_append_only');
    try {
      await h.db.query("UPDATE case_events SET reason = '入户调查：一切正常' WHERE case_id = $1 AND seq = 2", [caseId]);
    } finally {
      await h.db.query('ALTER TABLE case_events ENABLE TRIGGER case_events_append_only');
    }
    const broken = await h.api.call('GET', `/api/cases/${caseId}/audit/verify`, { actor: auditor });
    expect(broken.body).toMatchObject({ intact: false, firstBroken: { seq: 2 } });
    expect(broken.body.firstBroken.problem).toContain('altered');
  });
});

describe('relatives of staff (单独登记备案)', () => {
  test('flagged at acceptance, listed apart, and the related worker cannot act or decide', async () => {
    const relatedApprover = { ...approver, id: 'approver-007' };
    const app1 = dibaoApplication({ staffRelation: { staffId: relatedApprover.id, staffName: '刘主任', staffRole: 'case_worker', relation: '配偶的兄弟' } });
    const r = await h.api.call('POST', '/api/cases', { body: app1 });
    expect(r.status).toBe(201);
    expect(r.body.staffRelated).toBe(true);
    const listed = await h.api.call('GET', '/api/supervision/staff-related', { actor: supervisor });
    expect(listed.body.items.map((c: any) => c.caseId)).toEqual([r.body.caseId]);
    const ext = await h.api.call('POST', `/api/cases/${r.body.caseId}/extension`, { actor: relatedApprover, body: { reason: 'difficult_investigation', note: '需补充调查' } });
    expect(ext.status).toBe(403);
    expect(ext.body.error.message).toContain('回避');
    expect((await h.api.call('POST', `/api/cases/${r.body.caseId}/extension`, { actor: approver, body: { reason: 'difficult_investigation', note: '需补充调查' } })).status).toBe(200);
    const denials = await h.api.call('GET', '/api/supervision/access-denials', { actor: supervisor });
    expect(denials.body.items[0]).toMatchObject({ actor: { id: relatedApprover.id }, path: `/api/cases/${r.body.caseId}/extension` });
  });

  test('the related staff member cannot accept the application either', async () => {
    const own = dibaoApplication({ staffRelation: { staffId: clerk.id, staffName: '王芳', staffRole: 'village_cadre', relation: '母亲' } });
    const r = await h.api.call('POST', '/api/cases', { body: own });
    expect(r.status).toBe(403);
    expect(r.body.error.message).toContain('回避');
  });

  test('the case belongs to its clerk until a supervisor reassigns it', async () => {
    const other = { ...clerk, id: 'clerk-002' };
    const id = (await h.api.call('POST', '/api/cases', { body: dibaoApplication() })).body.caseId;
    const visit = { body: homeVisit({ visitedOn: today() }), actor: other };
    const refused = await h.api.call('POST', `/api/cases/${id}/home-visit`, visit);
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toContain('assigned to clerk-001');
    const moved = await h.api.call('POST', `/api/cases/${id}/assignment`, { actor: supervisor, body: { clerkId: other.id, reason: '原经办人休假' } });
    expect(moved.status).toBe(200);
    expect(moved.body.assignee).toBe(other.id);
    expect((await h.api.call('POST', `/api/cases/${id}/home-visit`, visit)).status).toBe(200);
  });
});

describe('hardening', () => {
  test('a token without an expiry is refused', async () => {
    const { SignJWT } = await import('jose');
    const forever = await new SignJWT({ role: 'auditor', jurisdiction: '430921' }).setProtectedHeader({ alg: 'HS256' }).setSubject('aud-x')
      .setIssuer('aidflow').setAudience('aidflow-api').sign(new TextEncoder().encode(TEST_JWT_SECRET));
    const r = await h.api.call('GET', '/api/profiles', { headers: { authorization: `Bearer ${forever}` } });
    expect(r.status).toBe(401);
    expect(r.body.error.message).toContain('exp');
  });

  test('security headers are set and no CORS is offered to other origins', async () => {
    const r = await fetch(`${h.api.url}/api/profiles`, { headers: { origin: 'https://evil.example' } });
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    expect(r.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(r.headers.get('access-control-allow-origin')).toBeNull();
    expect(r.headers.get('x-powered-by')).toBeNull();
  });

  test('mutating requests are rate-limited; reads are not', async () => {
    const limited = await startApi(await apiDeps({ db: h.app, temporal: h.env.client, taskQueue: TQ, acceptWaitMs: 0 }, { rateLimitPerMinute: 3 }));
    try {
      const codes: number[] = [];
      for (let i = 0; i < 5; i++) codes.push((await limited.call('POST', '/api/cases', { body: {} })).status);
      expect(codes).toEqual([400, 400, 400, 429, 429]);
      expect((await limited.call('GET', '/api/profiles')).status).toBe(200);
    } finally {
      await limited.close();
    }
  });
});
