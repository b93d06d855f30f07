// Console sessions and request forgery over HTTP (#18): the cookie holds a random id whose session
// PostgreSQL keeps (hashed, bound to the token's exp); every console POST needs this console's origin
// and the form token; signing out ends the session for good. Against the real API, Temporal and
// PostgreSQL, in development and with NODE_ENV=production.
import { createHash } from 'node:crypto';
import { decodeJwt } from 'jose';
import { loadConfig } from '../infra/config';
import { auditor, dibaoApplication } from './support/fixtures';
import { useHarness } from './support/harness';
import { startApi, type TestApi } from './support/http';
import { eventually } from './support/temporal';
import { apiDeps, tokenFor } from './support/trust';

const h = useHarness({ server: 'time-skipping', taskQueue: 'console-session-test', api: true });
let caseId: string;

beforeAll(async () => {
  const r = await h.api.call('POST', '/api/cases', { body: dibaoApplication() });
  expect(r.status).toBe(201);
  caseId = r.body.caseId;
});

/** A browser's cookie jar and form posts, by hand: what each request sends is spelled out. */
class Visitor {
  readonly cookies = new Map<string, string>();
  constructor(readonly base: string) {}

  async send(method: string, path: string, o: { form?: Record<string, string>; headers?: Record<string, string> } = {}) {
    const headers: Record<string, string> = { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '), ...o.headers };
    if (o.form) headers['content-type'] = 'application/x-www-form-urlencoded';
    const res = await fetch(this.base + path, { method, headers, body: o.form && new URLSearchParams(o.form), redirect: 'manual' });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const [k, v] = [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)];
      if (v && !/Expires=Thu, 01 Jan 1970/i.test(c)) this.cookies.set(k, v);
      else this.cookies.delete(k);
    }
    return { status: res.status, location: res.headers.get('location'), text: await res.text(), setCookie: res.headers.getSetCookie() };
  }

  /** A form post as the console's own page makes it. */
  post(
    path: string,
    form: Record<string, string>,
    headers: Record<string, string> = { origin: this.base, 'sec-fetch-site': 'same-origin' },
  ) {
    return this.send('POST', path, { form, headers });
  }

  /** The form token a page's POST form carries ('' when none: the requests that need one then show it). */
  async formToken(path: string): Promise<string> {
    const page = await this.send('GET', path);
    expect(page.status).toBe(200);
    return /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1] ?? '';
  }

  async signInWith(token: string) {
    return this.post('/console/session', { _csrf: await this.formToken('/console/sign-in'), token });
  }
}

const sessionCookie = (v: Visitor) => v.cookies.get('aidflow_console') ?? v.cookies.get('__Host-aidflow_console');
const hashOf = (id: string) => createHash('sha256').update(id).digest();
/** The console refusals recorded for `actorId`, once `n` of them are in (denials are written after the answer). */
const denials = (actorId: string, n: number) =>
  eventually(
    async () =>
      (await h.db.query("SELECT path, reason FROM access_denials WHERE actor_id = $1 AND reason LIKE 'console:%' ORDER BY id", [actorId]))
        .rows,
    (rows) => rows.length >= n,
    5_000,
  );

test("the cookie holds a random session id, never the token; PostgreSQL keeps its hash, ending with the token's exp", async () => {
  const v = new Visitor(h.api.url);
  const token = await tokenFor({ ...auditor, id: 'aud-cookie' }, '30m');
  const r = await v.signInWith(token);
  expect(r.status).toBe(303);
  expect(r.location).toBe('/console/');
  const id = sessionCookie(v)!;
  expect(id).toMatch(/^[A-Za-z0-9_-]{43}$/); // 256 random bits, base64url
  expect(id).not.toContain(token.split('.')[1]);
  const maxAge = Number(/Max-Age=(\d+)/.exec(r.setCookie.find((c) => c.startsWith('aidflow_console='))!)?.[1]);
  expect(maxAge).toBeLessThanOrEqual(30 * 60);
  const rows = (await h.db.query('SELECT * FROM console_sessions WHERE actor_id = $1', ['aud-cookie'])).rows;
  expect(rows).toHaveLength(1);
  expect(rows[0].id_hash).toEqual(hashOf(id));
  expect(JSON.stringify(rows[0])).not.toContain(id);
  expect({ role: rows[0].actor_role, jurisdiction: rows[0].jurisdiction }).toEqual({ role: 'auditor', jurisdiction: '430921' });
  expect(rows[0].expires_at.getTime()).toBeLessThanOrEqual(decodeJwt(token).exp! * 1000);
  expect((await v.send('GET', `/console/cases/${caseId}`)).status).toBe(200);
  // The app role opens, reads and ends sessions; it cannot rewrite one (e.g. extend it or change its role).
  await expect(h.app.query("UPDATE console_sessions SET actor_role = 'supervisor' WHERE actor_id = 'aud-cookie'")).rejects.toThrow(
    /permission denied/,
  );
});

test("a console POST needs the session's form token and this console's origin", async () => {
  const v = new Visitor(h.api.url);
  expect((await v.signInWith(await tokenFor({ ...auditor, id: 'aud-forms' }))).status).toBe(303);
  const csrf = await v.formToken(`/console/cases/${caseId}`);
  const verify = `/console/cases/${caseId}/verify`;
  const refused = [
    await v.post(verify, {}),
    await v.post(verify, { _csrf: csrf.replace(/^./, (c) => (c === 'A' ? 'B' : 'A')) }),
    await v.post(verify, { _csrf: csrf }, { origin: 'http://127.0.0.1:1' }),
    await v.post(verify, { _csrf: csrf }, { origin: h.api.url.replace('127.0.0.1', 'localhost') }),
    await v.post(verify, { _csrf: csrf }, { origin: 'null' }),
    await v.post(verify, { _csrf: csrf }, { origin: h.api.url, 'sec-fetch-site': 'same-site' }),
    await v.post(verify, { _csrf: csrf }, { origin: h.api.url, 'sec-fetch-site': 'cross-site' }),
    await v.post(verify, { _csrf: csrf }, {}),
    await v.post(verify, { _csrf: csrf }, { referer: 'http://127.0.0.1:1/attack.html' }),
  ];
  for (const r of refused) {
    expect(r.status).toBe(403);
    expect(r.text).toContain('请求未予办理');
    expect(r.text).not.toContain('核验审计链结果');
  }
  const logged = await denials('aud-forms', refused.length);
  expect(logged).toHaveLength(refused.length);
  expect(logged.map((d) => d.path)).toEqual(refused.map(() => verify));
  // Each refusal is written on a pool connection of its own: the rows' order need not be the requests'.
  expect(logged.map((d) => d.reason)).toEqual(
    expect.arrayContaining([
      'console: form token missing or wrong',
      expect.stringMatching(/^console: Origin http:\/\/127\.0\.0\.1:1 is not this console's/),
      'console: Sec-Fetch-Site: same-site',
      'console: neither Origin nor Referer sent',
    ]),
  );

  const ok = await v.post(verify, { _csrf: csrf });
  expect(ok.status).toBe(200);
  expect(ok.text).toContain('审计链完整');
  // Browsers that send only a Referer (of this console's page) are fine too.
  expect((await v.post(verify, { _csrf: csrf }, { referer: `${h.api.url}/console/cases/${caseId}` })).status).toBe(200);
});

test('sign-in and sign-out are refused without their form token or from another origin; nobody changes places', async () => {
  const victim = new Visitor(h.api.url);
  expect((await victim.signInWith(await tokenFor({ ...auditor, id: 'aud-victim' }))).status).toBe(303);
  const before = sessionCookie(victim);
  const attackerToken = await tokenFor({ id: 'intruder', role: 'supervisor', jurisdiction: '430921' });
  // The intruder's own sign-in page gives a cookie and form token that belong together; the victim's browser has neither.
  const intruder = new Visitor(h.api.url);
  const intruderForm = await intruder.formToken('/console/sign-in');
  const foreign = { origin: 'http://127.0.0.1:1', 'sec-fetch-site': 'same-site' };
  const tries = [
    await victim.post('/console/session', { token: attackerToken }, foreign),
    await victim.post('/console/session', { token: attackerToken }),
    await victim.post('/console/session', { token: attackerToken, _csrf: intruderForm }),
    await victim.post('/console/sign-in', { role: 'supervisor', jurisdiction: '430921', sub: 'intruder' }, foreign),
    await victim.post('/console/sign-in', { role: 'supervisor', jurisdiction: '430921', sub: 'intruder' }),
    await victim.post('/console/sign-out', {}, foreign),
    await victim.post('/console/sign-out', {}),
    // Express routes these to the same handlers.
    await victim.post('/console/Session/', { token: attackerToken }),
    await victim.post('/console/SIGN-IN', { role: 'supervisor', jurisdiction: '430921', sub: 'intruder' }),
  ];
  for (const r of tries) {
    expect(r.status).toBe(403);
    expect(r.setCookie).toEqual([]);
  }
  expect(sessionCookie(victim)).toBe(before);
  const page = await victim.send('GET', '/console/cases');
  expect(page.status).toBe(200);
  expect(page.text).toContain('aud-victim（审计人员');
  expect((await h.db.query("SELECT 1 FROM console_sessions WHERE actor_id = 'intruder'")).rowCount).toBe(0);
  expect((await denials('aud-victim', tries.length)).map((d) => d.path).sort()).toEqual(
    [
      '/console/session',
      '/console/session',
      '/console/session',
      '/console/sign-in',
      '/console/sign-in',
      '/console/sign-out',
      '/console/sign-out',
      '/console/Session/',
      '/console/SIGN-IN',
    ].sort(),
  );
  // Login forgery against a browser with no session: the sign-in routes, however spelt, want the sign-in form token.
  const stranger = new Visitor(h.api.url);
  for (const path of ['/console/session', '/console/Session/', '/console/SESSION']) {
    const r = await stranger.post(path, { token: attackerToken });
    expect({ path, status: r.status, setCookie: r.setCookie }).toEqual({ path, status: 403, setCookie: [] });
  }
  // The intruder's own pair works for the intruder: the refusals above are about whose form it is.
  expect((await intruder.post('/console/session', { token: attackerToken, _csrf: intruderForm })).status).toBe(303);
});

test('signing out ends the session: the old cookie then opens the sign-in page, on every process', async () => {
  const v = new Visitor(h.api.url);
  expect((await v.signInWith(await tokenFor({ ...auditor, id: 'aud-out' }))).status).toBe(303);
  const old = sessionCookie(v)!;
  // A second API process on the same database sees the session, and sees it end.
  const other: TestApi = await startApi(await apiDeps(h.deps));
  try {
    const there = new Visitor(other.url);
    there.cookies.set('aidflow_console', old);
    expect((await there.send('GET', '/console/cases')).status).toBe(200);
    const out = await v.post('/console/sign-out', { _csrf: await v.formToken('/console/cases') });
    expect(out.status).toBe(303);
    expect(out.location).toBe('/console/sign-in');
    expect(sessionCookie(v)).toBeUndefined();
    expect((await h.db.query('SELECT 1 FROM console_sessions WHERE id_hash = $1', [hashOf(old)])).rowCount).toBe(0);
    for (const replay of [new Visitor(h.api.url), there]) {
      replay.cookies.set('aidflow_console', old);
      const r = await replay.send('GET', '/console/cases');
      expect(r.status).toBe(303);
      expect(r.location).toBe('/console/sign-in?expired=1');
    }
  } finally {
    await other.close();
  }
});

test('a cookie the console did not set sends its holder to sign in, never to an error', async () => {
  for (const value of ['%E0%A4%A', 'x'.repeat(43), '']) {
    const v = new Visitor(h.api.url);
    v.cookies.set('aidflow_console', value);
    const r = await v.send('GET', '/console/cases');
    expect(r.status).toBe(303);
    expect(r.location).toBe('/console/sign-in?expired=1');
  }
});

test('an expired session sends its holder to sign in again', async () => {
  const v = new Visitor(h.api.url);
  expect((await v.signInWith(await tokenFor({ ...auditor, id: 'aud-expired' }))).status).toBe(303);
  expect((await v.send('GET', '/console/cases')).status).toBe(200);
  await h.db.query("UPDATE console_sessions SET expires_at = now() - interval '1 second' WHERE actor_id = 'aud-expired'");
  const r = await v.send('GET', '/console/cases');
  expect(r.status).toBe(303);
  expect(r.location).toBe('/console/sign-in?expired=1');
});

test('with NODE_ENV=production the same checks hold, and the cookies are __Host- and Secure', async () => {
  const was = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    const v = new Visitor(h.api.url);
    const form = await v.formToken('/console/sign-in');
    expect([...v.cookies.keys()]).toEqual(['__Host-aidflow_console_signin']);
    const token = await tokenFor({ ...auditor, id: 'aud-prod' });
    expect((await v.post('/console/session', { token, _csrf: form }, { origin: 'http://127.0.0.1:1' })).status).toBe(403);
    expect((await v.post('/console/session', { token })).status).toBe(403);
    const r = await v.post('/console/session', { token, _csrf: form });
    expect(r.status).toBe(303);
    const cookie = r.setCookie.find((c) => c.startsWith('__Host-aidflow_console='))!;
    expect(cookie).toMatch(/; Path=\/;/);
    expect(cookie).toMatch(/; HttpOnly; Secure; SameSite=Strict/);
    const verify = `/console/cases/${caseId}/verify`;
    expect((await v.post(verify, {})).status).toBe(403);
    const csrf = await v.formToken(`/console/cases/${caseId}`);
    expect((await v.post(verify, { _csrf: csrf }, { origin: 'http://127.0.0.1:1' })).status).toBe(403);
    expect((await v.post(verify, { _csrf: csrf })).text).toContain('审计链完整');
    expect((await v.post('/console/sign-out', {})).status).toBe(403);
    expect((await v.post('/console/sign-out', { _csrf: csrf })).status).toBe(303);
    expect((await v.send('GET', '/console/cases')).status).toBe(303);
  } finally {
    process.env.NODE_ENV = was;
  }
});

test('behind a proxy: PUBLIC_URL names the origin POSTs come from, and a PUBLIC_URL that is no origin fails at start', async () => {
  const proxied: TestApi = await startApi(await apiDeps(h.deps, { publicOrigin: 'https://aidflow.example.gov.cn' }));
  try {
    const v = new Visitor(proxied.url);
    const form = await v.formToken('/console/sign-in');
    const token = await tokenFor({ ...auditor, id: 'aud-proxy' });
    const from = (origin: string) => ({ origin, 'sec-fetch-site': 'same-origin' });
    expect((await v.post('/console/session', { token, _csrf: form }, from('https://portal.example.gov.cn'))).status).toBe(403);
    expect((await v.post('/console/session', { token, _csrf: form }, from('https://aidflow.example.gov.cn'))).status).toBe(303);
  } finally {
    await proxied.close();
  }
  for (const bad of [
    'https://aidflow.example.gov.cn/console',
    'ftp://aidflow.example.gov.cn',
    'aidflow.example.gov.cn',
    'https://u:p@x.cn',
  ]) {
    expect(() => loadConfig({ PUBLIC_URL: bad, NODE_ENV: 'production' })).toThrow(/PUBLIC_URL/);
  }
  expect(loadConfig({ PUBLIC_URL: 'https://aidflow.example.gov.cn:8443', NODE_ENV: 'production' }).PUBLIC_URL).toBe(
    'https://aidflow.example.gov.cn:8443',
  );
});
