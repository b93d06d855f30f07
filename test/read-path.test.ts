// The case read made cheap without weakening it (#11, P3b): verified tokens remembered only until
// they expire, the case row read once with its state passed on as stored, and the access line
// written without pino-http, still one per request with the same fields.
import express from 'express';
import type { Pool } from 'pg';
import { createAuthenticator } from '../api/auth';
import { requestLogging } from '../api/observability';
import { VerifiedTokens } from '../api/token-cache';
import { caseDetailJson } from '../api/use-cases/read-case';
import { caseDetail } from '../api/views';
import { getCase, stateJsonOf, toCaseRow } from '../db/case-repo';
import { createLogger } from '../infra/logger';
import { mintToken } from '../infra/tokens';
import { caseState, insertCases } from '../bench/support/case-fixture';
import { testDb } from './support/db';
import { TEST_JWT_SECRET } from './support/trust';

describe('verified tokens', () => {
  test('kept until exp, never past the maximum age, least recently used dropped first; copies handed out', () => {
    let now = 1_000_000;
    const cache = new VerifiedTokens<{ id: string }>(2, 60_000, () => now);
    cache.set('a', { id: 'A' }, now / 1000 + 10);
    expect(cache.get('a')).toEqual({ id: 'A' });
    now += 9_999;
    expect(cache.get('a')).toEqual({ id: 'A' });
    now += 1;
    expect(cache.get('a')).toBeUndefined(); // exp reached: jose refuses it now, so must the cache
    cache.set('b', { id: 'B' }, now / 1000 + 3600);
    now += 60_000;
    expect(cache.get('b')).toBeUndefined(); // an hour's token is re-verified after the maximum age
    cache.set('c', { id: 'C' }, now / 1000 + 3600);
    cache.set('d', { id: 'D' }, now / 1000 + 3600);
    expect(cache.get('c')).toEqual({ id: 'C' }); // c used: d is now the least recent
    cache.set('e', { id: 'E' }, now / 1000 + 3600);
    expect([cache.get('c'), cache.get('d'), cache.get('e')]).toEqual([{ id: 'C' }, undefined, { id: 'E' }]);
    expect(cache.size).toBe(2);
    const got = cache.get('c')!;
    got.id = 'changed';
    expect(cache.get('c')).toEqual({ id: 'C' });
    cache.set('old', { id: 'X' }, now / 1000 - 1);
    expect(cache.get('old')).toBeUndefined();
  });

  test('a token verified (and remembered) once is refused after it expires; a forged one is never taken for it', async () => {
    const authenticate = await createAuthenticator({ secret: TEST_JWT_SECRET, issuer: 'aidflow', audience: 'aidflow-api' });
    const token = await mintToken(TEST_JWT_SECRET, { sub: 'sup-001', role: 'supervisor', jurisdiction: '430921', ttl: '1s' });
    const first = await authenticate(`Bearer ${token}`);
    expect(first).toEqual({ id: 'sup-001', role: 'supervisor', jurisdiction: '430921' });
    expect(await authenticate(`Bearer ${token}`)).toEqual(first);
    const [h, p] = token.split('.');
    const forged = `${h}.${Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(p, 'base64url').toString()), role: 'auditor' })).toString('base64url')}.${token.split('.')[2]}`;
    await expect(authenticate(`Bearer ${forged}`)).rejects.toMatchObject({ status: 401 });
    await new Promise((r) => setTimeout(r, 2_100));
    await expect(authenticate(`Bearer ${token}`)).rejects.toMatchObject({ status: 401, message: expect.stringMatching(/exp/) });
  });
});

describe('reading one case', () => {
  let db: Pool;
  let caseId: string;
  beforeAll(async () => {
    db = await testDb();
    caseId = await insertCases(db, 3);
  });
  afterAll(async () => {
    await db.query('DELETE FROM cases');
    await db.end();
  });

  test('getCase fills every field of the row as SELECT * does; no case, no row', async () => {
    const row = (await getCase(db, caseId))!;
    const full = toCaseRow((await db.query('SELECT * FROM cases WHERE case_id = $1', [caseId])).rows[0]);
    expect({ ...row }).toEqual(full);
    for (const [k, v] of Object.entries(row)) expect({ k, v }).not.toEqual({ k, v: undefined });
    expect(await getCase(db, 'DB-430921101-2026-999999')).toBeNull();
  });

  test('the answer is caseDetail of the row, key for key, with the state as stored; a replaced state is what is sent', async () => {
    const row = (await getCase(db, caseId))!;
    const sent = caseDetailJson(row);
    expect(JSON.parse(sent)).toEqual(caseDetail(toCaseRow((await db.query('SELECT * FROM cases WHERE case_id = $1', [caseId])).rows[0])));
    expect(Object.keys(JSON.parse(sent))).toEqual(Object.keys(caseDetail(row)));
    const other = (await getCase(db, caseId))!;
    other.state = { ...caseState(caseId, 'HH-X'), stage: 'deciding' };
    expect(JSON.parse(stateJsonOf(other))).toMatchObject({ stage: 'deciding', householdId: 'HH-X' });
    expect(JSON.parse(stateJsonOf({ ...row, state: null }))).toBeNull();
  });
});

test('the access log: one line per request, with id, method, url, status, time, route, user and role; 5xx as errors; no token from a query', async () => {
  const lines: string[] = [];
  const log = createLogger('api', { NODE_ENV: 'production' }, { write: (s: string) => void lines.push(s) });
  const app = express();
  app.use(requestLogging(log));
  app.get('/api/things/:id', (req, res) => {
    res.locals.actor = { id: 'clerk-001', role: 'clerk' };
    res.json({ id: req.params.id });
  });
  app.get('/boom', (_req, res) => void res.status(500).json({}));
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  try {
    const ok = await fetch(`${base}/api/things/7?x=430921196503122017`, {
      headers: { 'x-request-id': 'r-1', authorization: 'Bearer t0ken' },
    });
    expect(ok.headers.get('x-request-id')).toBe('r-1');
    await fetch(`${base}/boom?token=eyJsecret.part&next=1`);
  } finally {
    server.close();
  }
  const [a, b] = lines.map((l) => JSON.parse(l));
  expect(lines).toHaveLength(2);
  expect(a).toMatchObject({
    level: 30,
    name: 'api',
    requestId: 'r-1',
    req: { method: 'GET', url: '/api/things/7?x=4309**********2017' },
    res: { statusCode: 200 },
    route: '/api/things/:id',
    user: 'clerk-001',
    role: 'clerk',
    responseTime: expect.any(Number),
  });
  expect(a.msg).toMatch(/^GET \/api\/things\/7\?x=4309\*+2017 200 \d+ ms$/);
  expect(b).toMatchObject({
    level: 50,
    msg: 'GET /boom?token=[redacted]&next=1 500',
    req: { url: '/boom?token=[redacted]&next=1' },
    res: { statusCode: 500 },
    requestId: expect.stringMatching(/^[0-9a-f-]{36}$/),
  });
  expect(lines.join('')).not.toMatch(/t0ken|eyJsecret|430921196503122017/);
});
