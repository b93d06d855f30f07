// Cross-site request forgery against the console, in a real browser (#18): a victim signed in to the
// console opens pages of another origin (another port of the same host, which browsers count as the
// same site and send SameSite=Strict cookies to; and localhost against 127.0.0.1) that auto-submit forms
// to verify, replay, sign in (with the intruder's own token, and by the development sign-in) and sign out.
// Each is refused with 403 and nothing changes: the victim stays signed in as themself, no check runs.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { dibaoApplication } from './support/fixtures';
import { launchChromium, screenshot, seriousViolations } from './support/browser';
import { useHarness } from './support/harness';
import { eventually } from './support/temporal';
import { tokenFor } from './support/trust';

const h = useHarness({ server: 'time-skipping', taskQueue: 'console-csrf-test', api: true });
let browser: Browser;
let attacker: Server;
let caseId: string;
let intruderToken: string;

const esc = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

/** The intruder's page: a form to `target` that submits itself as soon as it is read. */
function forged(target: string, fields: Record<string, string>): string {
  const inputs = Object.entries(fields).map(([k, v]) => `<input type="hidden" name="${esc(k)}" value="${esc(v)}">`);
  return `<!doctype html><html><body><form method="post" action="${esc(target)}">${inputs.join('')}</form>
<script>document.forms[0].submit()</script></body></html>`;
}

const ATTACKS: Record<string, (api: string) => string> = {
  verify: (api) => forged(`${api}/console/cases/${caseId}/verify`, {}),
  replay: (api) => forged(`${api}/console/cases/${caseId}/replay`, {}),
  session: (api) => forged(`${api}/console/session`, { token: intruderToken }),
  'sign-in': (api) => forged(`${api}/console/sign-in`, { role: 'supervisor', jurisdiction: '430921', sub: 'intruder-dev' }),
  'sign-out': (api) => forged(`${api}/console/sign-out`, {}),
};

beforeAll(async () => {
  browser = await launchChromium();
  const r = await h.api.call('POST', '/api/cases', { body: dibaoApplication() });
  expect(r.status).toBe(201);
  caseId = r.body.caseId;
  intruderToken = await tokenFor({ id: 'intruder', role: 'supervisor', jurisdiction: '430921' });
  attacker = await new Promise((resolve) => {
    const s = createServer((req, res) => {
      const url = new URL(req.url!, 'http://x');
      const make = ATTACKS[url.pathname.slice(1)];
      if (!make) return void res.writeHead(404).end();
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(make(url.searchParams.get('api')!));
    });
    s.listen(0, '127.0.0.1', () => resolve(s));
  });
});
afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => attacker?.close(resolve));
});

async function signIn(apiBase: string, sub: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
  const page = await context.newPage();
  await page.goto(`${apiBase}/console/sign-in`);
  await page.selectOption('select[name=role]', 'auditor');
  await page.fill('input[name=jurisdiction]', '430921');
  await page.fill('input[name=sub]', sub);
  await Promise.all([page.waitForURL(`${apiBase}/console/`), page.click('form[action="/console/sign-in"] button')]);
  return { context, page };
}

/** The victim opens the intruder's page; what the console answered to the form it submitted. */
async function attack(page: Page, from: string, apiBase: string, kind: string): Promise<{ status: number; text: string }> {
  const posted = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().startsWith(apiBase));
  await page.goto(`${from}/${kind}?api=${encodeURIComponent(apiBase)}`, { waitUntil: 'commit' });
  const r = await posted;
  // A redirect's body cannot be read: it is the answer of a request that went through.
  return { status: r.status(), text: await r.text().catch(() => '') };
}

const sessionCookie = async (context: BrowserContext) => (await context.cookies()).find((c) => c.name === 'aidflow_console')?.value;

test.each([
  ['127.0.0.1', '127.0.0.1'],
  ['localhost', '127.0.0.1'],
  ['127.0.0.1', 'localhost'],
  ['localhost', 'localhost'],
])(
  'a signed-in auditor at %s opening pages on another port of %s: every forged form is refused, nothing changes',
  async (victimHost, attackerHost) => {
    const port = (attacker.address() as AddressInfo).port;
    const apiBase = h.api.url.replace('127.0.0.1', victimHost);
    const from = `http://${attackerHost}:${port}`;
    const sub = `victim-${victimHost === 'localhost' ? 'lh' : 'ip'}-${attackerHost === 'localhost' ? 'lh' : 'ip'}`;
    // The database is shared with the other suites, whose own tests sign an intruder in on purpose: count what this test adds.
    const intruderSessions = async () =>
      (await h.db.query("SELECT 1 FROM console_sessions WHERE actor_id IN ('intruder', 'intruder-dev')")).rowCount;
    const intrudersBefore = await intruderSessions();
    const { context, page } = await signIn(apiBase, sub);
    const before = await sessionCookie(context);
    const sameSite = victimHost === attackerHost;

    for (const kind of Object.keys(ATTACKS)) {
      const r = await attack(page, from, apiBase, kind);
      expect({ kind, status: r.status }).toEqual({ kind, status: 403 });
      expect(r.text).toContain('请求未予办理');
      expect(r.text).not.toContain('核验审计链结果');
      expect(r.text).not.toContain('重放核验结果');
    }
    expect(await seriousViolations(page)).toEqual([]);
    if (sameSite && victimHost === '127.0.0.1') await screenshot(page, 'console-csrf-refused');

    // Still the victim, with the same session: not signed out, not swapped for the intruder.
    expect(await sessionCookie(context)).toBe(before);
    expect(before).toMatch(/^[A-Za-z0-9_-]{43}$/); // a session id, not the bearer token
    await page.goto(`${apiBase}/console/cases/${caseId}`);
    expect(await page.locator('.who').innerText()).toContain(sub);
    expect(await intruderSessions()).toBe(intrudersBefore);
    expect((await h.db.query('SELECT 1 FROM console_sessions WHERE actor_id = $1', [sub])).rowCount).toBe(1);
    // Where the browser sent the victim's cookie (another port, same site), each refusal is recorded in the victim's name.
    const denials = () => h.db.query("SELECT path FROM access_denials WHERE actor_id = $1 AND reason LIKE 'console:%' ORDER BY id", [sub]);
    // Denials are written after the answer: wait for the five there should be, then compare them (and see none where there should be none).
    if (sameSite) await eventually(denials, (r) => r.rowCount === 5, 5_000);
    const denied = await denials();
    // Each is written on a pool connection of its own: compared without their order.
    expect(denied.rows.map((d) => d.path).sort()).toEqual(
      sameSite
        ? [
            `/console/cases/${caseId}/verify`,
            `/console/cases/${caseId}/replay`,
            '/console/session',
            '/console/sign-in',
            '/console/sign-out',
          ].sort()
        : [],
    );

    // The same buttons on the console's own page work.
    await page.click('button:has-text("核验审计链")');
    await expect(page.locator('#audit-result').innerText()).resolves.toContain('审计链完整');
    await Promise.all([page.waitForURL(`${apiBase}/console/sign-in`), page.click('button:has-text("退出")')]);
    expect(await sessionCookie(context)).toBeUndefined();
    expect((await h.db.query('SELECT 1 FROM console_sessions WHERE actor_id = $1', [sub])).rowCount).toBe(0);
    await context.close();
  },
);
