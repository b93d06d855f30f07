// Personal data never in clear in Temporal; the audit chain catches tampering; relatives of
// staff are registered apart and their related worker stays out; the API's hardening holds.
import { execFileSync } from 'node:child_process';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { algorithmsForPublicKey, createAuthenticator } from '../api/auth';
import { CodecSessions, SESSION_TTL_MS } from '../api/codec-session';
import type { Actor } from '../domain/case';
import { temporalCli } from '../infra/tools';
import { shanghaiDate } from '../domain/calendar';
import { approver, auditor, clerk, dibaoApplication, emergencyAid, homeVisit, IDS, supervisor } from './support/fixtures';
import { useHarness } from './support/harness';
import { startApi } from './support/http';
import { decodeAs, encryptedPayloadsIn, isEncrypted, JsonPayload, rawHistory, text } from './support/payloads';
import { indexHistory } from '../infra/legacy-index';
import { eventually } from './support/temporal';
import { apiDeps, TEST_JWT_SECRET, testDataConverter, tokenFor } from './support/trust';

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
    const out = execFileSync(temporalCli(), ['workflow', 'show', '--address', h.env.address, '--workflow-id', caseId, '--output', 'json'], {
      encoding: 'utf8',
    });
    // Every payload but the search attributes (which hold no personal data) is ciphertext.
    const encodings = new Map<string, number>();
    const walk = (node: unknown, path: string): void => {
      if (!node || typeof node !== 'object') return;
      const enc = (node as { metadata?: { encoding?: string } }).metadata?.encoding;
      // The SDK writes patch markers (patched()) and the bookkeeping of local activities outside the
      // codec: they may only ever name a patch, or a local activity and its attempt (its result is encrypted).
      const clear = enc && Buffer.from(enc, 'base64').toString() !== 'binary/encrypted';
      if (clear && path.includes('markerRecordedEventAttributes')) {
        const data = JSON.parse(Buffer.from((node as { data?: string }).data ?? '', 'base64').toString());
        if ('activity_type' in data) {
          expect(Object.keys(data).sort()).toEqual([
            'activity_id',
            'activity_type',
            'attempt',
            'backoff',
            'complete_time',
            'original_schedule_time',
            'seq',
          ]);
          expect(data.activity_type).toMatch(/^[a-zA-Z]+$/);
        } else {
          expect(Object.keys(data).sort()).toEqual(['deprecated', 'id']);
          expect(data.id).toMatch(/^[a-z0-9-]+$/);
        }
        return;
      }
      if (enc && !path.includes('searchAttributes')) {
        const name = Buffer.from(enc, 'base64').toString();
        encodings.set(name, (encodings.get(name) ?? 0) + 1);
      }
      for (const [k, v] of Object.entries(node)) walk(v, `${path}.${k}`);
    };
    walk(JSON.parse(out), '');
    expect([...encodings.keys()]).toEqual(['binary/encrypted']);
    // Input, update arguments and results, local activities' results (the lean path records few payloads, #11).
    expect(encodings.get('binary/encrypted')).toBeGreaterThan(5);
    expect(out).toContain('EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED');
    for (const secret of [...Object.values(IDS), '张建国', '北洲子村3组12号']) {
      expect(out).not.toContain(secret);
      expect(out).not.toContain(Buffer.from(secret).toString('base64'));
    }
  });

  test('the codec endpoint decodes for supervisors and auditors only; the Web UI origin may call it', async () => {
    const history = JSON.parse(
      execFileSync(temporalCli(), ['workflow', 'show', '--address', h.env.address, '--workflow-id', caseId, '--output', 'json'], {
        encoding: 'utf8',
      }),
    );
    const started = history.events[0].workflowExecutionStartedEventAttributes.input.payloads;
    const asAuditor = await h.api.call('POST', '/codec/decode', { actor: auditor, body: { payloads: started } });
    expect(asAuditor.status).toBe(200);
    const input = JSON.parse(Buffer.from(asAuditor.body.payloads[0].data, 'base64').toString());
    expect(input.application.members[0].idNumber).toBe(IDS.father);
    expect((await h.api.call('POST', '/codec/decode', { actor: clerk, body: { payloads: started } })).status).toBe(403);
    // Another county's auditor gets the payloads back still encrypted (the UI shows ciphertext).
    const elsewhere = await h.api.call('POST', '/codec/decode', {
      actor: { ...auditor, id: 'aud-xa', jurisdiction: '610102' },
      body: { payloads: started },
    });
    expect(elsewhere.status).toBe(200);
    expect(elsewhere.body.payloads).toEqual(started);
    expect(elsewhere.headers['x-aidflow-refused-payloads']).toBe('1');
    const logged = await h.db.query('SELECT actor_id, case_ids FROM payload_decodes ORDER BY id');
    expect(logged.rows[0]).toEqual({ actor_id: auditor.id, case_ids: [caseId] });
    // The Web UI's way in: a session cookie set once from a token, sent with "include credentials".
    const session = await fetch(`${h.api.url}/codec/session?token=${await tokenFor(auditor)}`);
    expect(session.status).toBe(200);
    const setCookie = session.headers.get('set-cookie')!;
    const cookie = setCookie.split(';')[0];
    const viaCookie = await fetch(`${h.api.url}/codec/decode`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, origin: 'http://localhost:8233' },
      body: JSON.stringify({ payloads: started }),
    });
    expect(viaCookie.status).toBe(200);
    // The cookie holds a session id of its own, never the bearer token; HttpOnly, only for /codec.
    const token = await tokenFor(auditor);
    expect(cookie).not.toContain(token.split('.')[0]);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/Path=\/codec/);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    const withCookie = (c: string) =>
      fetch(`${h.api.url}/codec/decode`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: c },
        body: JSON.stringify({ payloads: started }),
      });
    expect((await withCookie(`aidflow_codec=${token}`)).status).toBe(401);
    expect((await withCookie('aidflow_codec=forged-session-id')).status).toBe(401);
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
    const app1 = dibaoApplication({
      staffRelation: { staffId: relatedApprover.id, staffName: '刘主任', staffRole: 'case_worker', relation: '配偶的兄弟' },
    });
    const r = await h.api.call('POST', '/api/cases', { body: app1 });
    expect(r.status).toBe(201);
    expect(r.body.staffRelated).toBe(true);
    const listed = await h.api.call('GET', '/api/supervision/staff-related', { actor: supervisor });
    expect(listed.body.items.map((c: any) => c.caseId)).toEqual([r.body.caseId]);
    const ext = await h.api.call('POST', `/api/cases/${r.body.caseId}/extension`, {
      actor: relatedApprover,
      body: { reason: 'difficult_investigation', note: '需补充调查' },
    });
    expect(ext.status).toBe(403);
    expect(ext.body.error.message).toContain('回避');
    expect(
      (
        await h.api.call('POST', `/api/cases/${r.body.caseId}/extension`, {
          actor: approver,
          body: { reason: 'difficult_investigation', note: '需补充调查' },
        })
      ).status,
    ).toBe(200);
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
    const moved = await h.api.call('POST', `/api/cases/${id}/assignment`, {
      actor: supervisor,
      body: { clerkId: other.id, reason: '原经办人休假' },
    });
    expect(moved.status).toBe(200);
    expect(moved.body.assignee).toBe(other.id);
    expect((await h.api.call('POST', `/api/cases/${id}/home-visit`, visit)).status).toBe(200);
  });
});

describe('hardening', () => {
  test('a token without an expiry is refused', async () => {
    const { SignJWT } = await import('jose');
    const forever = await new SignJWT({ role: 'auditor', jurisdiction: '430921' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('aud-x')
      .setIssuer('aidflow')
      .setAudience('aidflow-api')
      .sign(new TextEncoder().encode(TEST_JWT_SECRET));
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
    const limited = await startApi(
      await apiDeps({ db: h.app, temporal: h.env.client, taskQueue: TQ, acceptWaitMs: 0 }, { rateLimitPerMinute: 3 }),
    );
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

describe('payloads bound to their case (/codec/decode)', () => {
  const coordinator: Actor = { id: 'coord-001', role: 'coordinator', jurisdiction: '430921' };
  const outsiders: Actor[] = [
    { id: 'sup-xa', role: 'supervisor', jurisdiction: '610112' },
    { id: 'aud-nx', role: 'auditor', jurisdiction: '430922' },
    { id: 'aud-t2', role: 'auditor', jurisdiction: '430921102' },
  ];
  let emergencyId: string;
  let memoId: string;
  const workflows = () => [caseId, emergencyId, `${emergencyId}-YSYY`, memoId];

  beforeAll(async () => {
    // 一事一议 above the township cap: a child workflow decides, the parent pays.
    const e = await h.api.call('POST', '/api/temporary', { body: emergencyAid({ amountFen: 300_000 }) });
    expect(e.status).toBe(201);
    emergencyId = e.body.caseId;
    // The read model says 'deliberating' a moment before the child workflow exists (404 until then).
    const d = await eventually(
      () =>
        h.api.call('POST', `/api/cases/${emergencyId}/deliberation`, {
          actor: coordinator,
          body: { meetingOn: today(), participants: 7, outcome: 'grant', amountFen: 200_000, reasons: ['火灾损失严重，酌情救助'] },
        }),
      (r) => r.status !== 404,
      10_000,
    );
    expect(d.status).toBe(200);
    // A memo, written by the client: started on a queue nobody polls, so only the start is recorded.
    memoId = `DB-430921101-2026-9${String(process.pid % 100_000).padStart(5, '0')}`;
    await h.env.client.workflow.start('caseWorkflow', {
      workflowId: memoId,
      taskQueue: 'nobody-polls',
      args: [{ caseId: memoId }],
      memo: { household: { head: '张建国', idNumber: IDS.father } },
    });
  });
  afterAll(async () => {
    await h.env.client.workflow
      .getHandle(memoId)
      .terminate('test done')
      .catch(() => undefined);
  });

  test('every payload of a case: none for another area, all for its own, and the log names the case', async () => {
    const mark = (await h.db.query('SELECT coalesce(max(id), 0) AS m FROM payload_decodes')).rows[0].m;
    const kinds = new Set<string>();
    let total = 0;
    for (const id of workflows()) {
      const found = encryptedPayloadsIn(await rawHistory(h.env, id));
      expect(found.length).toBeGreaterThan(0);
      found.forEach((f) => kinds.add(f.path));
      total += found.length;
      const payloads = found.map((f) => f.payload);
      for (const who of outsiders) {
        const r = await decodeAs(h.api, who, payloads);
        expect({ who: who.id, id, decoded: r.decoded }).toEqual({ who: who.id, id, decoded: 0 });
        expect(r.out).toEqual(payloads);
      }
      for (const who of [auditor, supervisor]) {
        const r = await decodeAs(h.api, who, payloads);
        expect({ who: who.id, id, decoded: r.decoded, still: r.still }).toEqual({ who: who.id, id, decoded: found.length, still: 0 });
        if (id === caseId) expect(r.out.map(text).join('\n')).toContain(IDS.father); // the data-match input too
      }
    }
    expect(total).toBeGreaterThan(30);
    // Inputs and results of the workflow, its activities, updates, the child workflow, and a memo.
    for (const kind of [
      '.events.workflowExecutionStartedEventAttributes.input.payloads',
      '.events.workflowExecutionStartedEventAttributes.memo.fields.household',
      '.events.activityTaskScheduledEventAttributes.input.payloads',
      '.events.activityTaskCompletedEventAttributes.result.payloads',
      '.events.workflowExecutionUpdateAcceptedEventAttributes.acceptedRequest.input.args.payloads',
      '.events.workflowExecutionUpdateCompletedEventAttributes.outcome.success.payloads',
      '.events.startChildWorkflowExecutionInitiatedEventAttributes.input.payloads',
      '.events.childWorkflowExecutionCompletedEventAttributes.result.payloads',
    ])
      expect([...kinds]).toContain(kind);
    const logged = (await h.db.query('SELECT actor_id, payloads, case_ids FROM payload_decodes WHERE id > $1 ORDER BY id', [mark])).rows;
    expect(logged.map((r) => r.actor_id)).toEqual(workflows().flatMap(() => [auditor.id, supervisor.id]));
    expect(logged.map((r) => r.case_ids)).toEqual([caseId, emergencyId, emergencyId, memoId].flatMap((c) => [[c], [c]]));
    const denied = await h.db.query("SELECT actor_id, reason FROM access_denials WHERE path = '/codec/decode' AND actor_id = 'sup-xa'");
    expect(denied.rows.length).toBe(workflows().length);
    expect(denied.rows[0].reason).toContain(`${caseId} outside the area`);
  });

  test('a payload copied into another case does not decode there; an edited binding decodes for nobody', async () => {
    const [started] = encryptedPayloadsIn(await rawHistory(h.env, caseId)).map((f) => f.payload);
    const otherId = `DB-430921101-2026-8${String(process.pid % 100_000).padStart(5, '0')}`;
    // The real worker polls TQ: it must refuse to read case A's input as case B's.
    await h.env.connection.workflowService.startWorkflowExecution({
      namespace: 'default',
      workflowId: otherId,
      requestId: randomUUID(),
      workflowType: { name: 'caseWorkflow' },
      taskQueue: { name: TQ },
      input: {
        payloads: [
          {
            metadata: Object.fromEntries(Object.entries(started.metadata).map(([k, v]) => [k, Buffer.from(v, 'base64')])),
            data: Buffer.from(started.data, 'base64'),
          },
        ],
      },
    });
    try {
      const failed = await eventually(
        async () => JSON.stringify(await rawHistory(h.env, otherId)),
        (t) => t.includes('workflowTaskFailedEventAttributes'),
      );
      expect(failed).toContain(`payload bound to case ${caseId} cannot be read by workflow ${otherId}`);
      expect(failed).not.toContain('workflowTaskCompletedEventAttributes');
    } finally {
      await h.env.client.workflow.getHandle(otherId).terminate('test done');
    }
    // Relabelled as a case of Xi'an: the binding no longer authenticates, so nobody reads it.
    const b64 = (x: string) => Buffer.from(x).toString('base64');
    const forged = {
      ...started,
      metadata: {
        ...started.metadata,
        'aidflow-case-id': b64('DB-610112001-2026-000001'),
        'aidflow-area': b64('610112001'),
        'aidflow-workflow-id': b64('DB-610112001-2026-000001'),
      },
    };
    const r = await h.api.call('POST', '/codec/decode', { actor: outsiders[0], body: { payloads: [forged] } });
    expect(r.status).toBe(400);
    expect(r.body.error.message).toMatch(/authenticate/);
    const unbound = {
      ...started,
      metadata: Object.fromEntries(Object.entries(started.metadata).filter(([k]) => !k.startsWith('aidflow-'))),
    };
    // Stripped of its binding it is an unbound payload no history holds: refused, still encrypted.
    const stripped = await h.api.call('POST', '/codec/decode', { actor: auditor, body: { payloads: [unbound] } });
    expect(stripped.headers['x-aidflow-refused-payloads']).toBe('1');
    expect(stripped.body.payloads[0].data).toBe(unbound.data);
  });

  test('recorded histories (written before bindings), once indexed: their own area decodes every payload, others none', async () => {
    const dir = path.join(__dirname, 'histories');
    const areaOf = (f: string) => (f.includes('shaanxi') ? { own: '610112', other: '430921' } : { own: '430921', other: '610112' });
    const codec = testDataConverter().payloadCodecs![0];
    const fromJson = (p: JsonPayload) => ({
      metadata: Object.fromEntries(Object.entries(p.metadata).map(([k, v]) => [k, Buffer.from(v, 'base64')])),
      data: Buffer.from(p.data, 'base64'),
    });
    const recorded = readdirSync(dir)
      .filter((x) => x.endsWith('.json'))
      .map((f) => {
        const history = JSON.parse(readFileSync(path.join(dir, f), 'utf8'));
        return { f, history, found: encryptedPayloadsIn(history), ...areaOf(f) };
      })
      // Histories recorded before encryption are clear text in Temporal already; those recorded since
      // bindings (the lean path's, #11; the 调标 batch's, #13) carry their scope from the start.
      .filter((r) => r.found.length && !r.found.some((x) => 'aidflow-scope' in x.payload.metadata));
    const files = recorded.length;
    // Before indexing nothing ties these payloads to a case: nobody decodes them.
    for (const r of recorded)
      expect(
        (
          await decodeAs(
            h.api,
            { ...auditor, id: 'aud-own', jurisdiction: r.own },
            r.found.map((x) => x.payload),
          )
        ).decoded,
      ).toBe(0);
    for (const r of recorded) {
      // The history's workflow is the case named in its start input (the indexing script reads it from Temporal).
      const [started] = await codec.decode([
        fromJson(r.found.find((x) => x.path.includes('workflowExecutionStartedEventAttributes'))!.payload),
      ]);
      const workflowId = /\b[A-Z]{2}-\d{9}-\d{4}-\d{6}\b/.exec(Buffer.from(started.data!).toString())![0];
      await indexHistory(h.app, workflowId, r.history);
    }
    for (const { f, found, own, other } of recorded) {
      const payloads = found.map((x) => x.payload);
      for (const jurisdiction of [other, '430922']) {
        expect({
          f,
          jurisdiction,
          decoded: (await decodeAs(h.api, { ...auditor, id: 'aud-out', jurisdiction }, payloads)).decoded,
        }).toEqual({ f, jurisdiction, decoded: 0 });
      }
      const mine = await decodeAs(h.api, { ...auditor, id: 'aud-own', jurisdiction: own }, payloads);
      expect({ f, decoded: mine.decoded, still: mine.still }).toEqual({ f, decoded: payloads.length, still: 0 });
    }
    expect(files).toBeGreaterThanOrEqual(5);
    const logged = (await h.db.query("SELECT case_ids FROM payload_decodes WHERE actor_id = 'aud-own'")).rows.flatMap(
      (r) => r.case_ids as string[],
    );
    expect(logged.some((c) => /^DB-430921101-\d{4}-\d{6}$/.test(c))).toBe(true);
    expect(logged.every((c) => /^[A-Z]{2}-\d{9}-\d{4}-\d{6}$/.test(c))).toBe(true);
    expect((await h.db.query("SELECT count(*)::int AS n FROM payload_decodes WHERE actor_id = 'aud-out'")).rows[0].n).toBe(0);
    // The application role may add an owner but never move one.
    await expect(h.app.query("UPDATE legacy_payload_owners SET area = '610112'")).rejects.toThrow(/permission denied/);
  });
});

describe('tokens and limits', () => {
  test('only the configured algorithm family is accepted: HS512 refused where HS256 is configured', async () => {
    const { SignJWT } = await import('jose');
    const sign = (alg: string) =>
      new SignJWT({ role: 'auditor', jurisdiction: '430921' })
        .setProtectedHeader({ alg })
        .setSubject('aud-x')
        .setIssuer('aidflow')
        .setAudience('aidflow-api')
        .setExpirationTime('1h')
        .sign(new TextEncoder().encode(TEST_JWT_SECRET));
    expect((await h.api.call('GET', '/api/profiles', { headers: { authorization: `Bearer ${await sign('HS256')}` } })).status).toBe(200);
    for (const alg of ['HS384', 'HS512']) {
      const r = await h.api.call('GET', '/api/profiles', { headers: { authorization: `Bearer ${await sign(alg)}` } });
      expect({ alg, status: r.status }).toEqual({ alg, status: 401 });
      expect(r.body.error.message).toContain('alg');
    }
  });

  test('a public key accepts its own family only; an HMAC made with the key text is refused', async () => {
    const { SignJWT } = await import('jose');
    const claims = () =>
      new SignJWT({ role: 'auditor', jurisdiction: '430921' })
        .setSubject('aud-x')
        .setIssuer('aidflow')
        .setAudience('aidflow-api')
        .setExpirationTime('1h');
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const pem = ec.publicKey.export({ type: 'spki', format: 'pem' }).toString();
    expect(algorithmsForPublicKey(pem)).toEqual(['ES256']);
    expect(
      algorithmsForPublicKey(
        generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ type: 'spki', format: 'pem' }).toString(),
      ),
    ).toEqual(['RS256', 'RS384', 'RS512']);
    const auth = await createAuthenticator({ publicKeyPem: pem, issuer: 'aidflow', audience: 'aidflow-api' });
    await expect(auth(`Bearer ${await claims().setProtectedHeader({ alg: 'ES256' }).sign(ec.privateKey)}`)).resolves.toMatchObject({
      id: 'aud-x',
    });
    const confused = await claims().setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(pem));
    await expect(auth(`Bearer ${confused}`)).rejects.toMatchObject({ status: 401 });
  });

  test('codec sessions expire after 30 minutes, and never outlive the token they came from', () => {
    let now = 1_000_000;
    const sessions = new CodecSessions(() => now);
    const a = sessions.open(auditor);
    const b = sessions.open(supervisor, now + 5 * 60_000);
    expect(a.id).not.toBe(b.id);
    expect([a.maxAgeMs, b.maxAgeMs]).toEqual([SESSION_TTL_MS, 5 * 60_000]);
    now += 5 * 60_000;
    expect([sessions.actor(a.id), sessions.actor(b.id)]).toEqual([auditor, undefined]);
    now += SESSION_TTL_MS;
    expect(sessions.actor(a.id)).toBeUndefined();
  });

  test('changes are limited per user once authenticated, per address before', async () => {
    const limited = await startApi(
      await apiDeps({ db: h.app, temporal: h.env.client, taskQueue: TQ, acceptWaitMs: 0 }, { rateLimitPerMinute: 3 }),
    );
    try {
      const codes = async (actor: Actor | null, n: number) => {
        const out: number[] = [];
        for (let i = 0; i < n; i++) out.push((await limited.call('POST', '/api/cases', { actor, body: {} })).status);
        return out;
      };
      expect(await codes(clerk, 4)).toEqual([400, 400, 400, 429]);
      // A colleague at the same address has a budget of their own.
      expect(await codes({ ...clerk, id: 'clerk-002' }, 3)).toEqual([400, 400, 400]);
      // Without a token: counted for the address, apart from the people using it.
      expect(await codes(null, 4)).toEqual([401, 401, 401, 429]);
      const r = await limited.call('POST', '/api/cases', { actor: clerk, body: {} });
      expect(r.body.error.message).toContain('from you');
    } finally {
      await limited.close();
    }
  });
});
