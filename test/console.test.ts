// The console in a real browser (Debian's chromium via playwright-core) against the real API, the
// Temporal dev server and PostgreSQL, in demo time (one case day per second) so an emergency's
// paperwork deadline passes within seconds and the case is breached for real.
import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { approver, dibaoApplication, emergencyAid, homeVisit, supervisor } from './support/fixtures';
import { launchChromium, screenshot, seriousViolations } from './support/browser';
import { useHarness } from './support/harness';
import { toCsv } from '../api/routes/payroll';
import { eventually } from './support/temporal';

const h = useHarness({ server: 'dev', taskQueue: 'console-test', api: true, demoSpeed: 86400 });
let browser: Browser;
let caseId: string;
let period: string;

/** A 低保 case carried through to the benefit period and paid by a real payroll run: the roster's content. */
async function approvedAndPaid(): Promise<string> {
  const id = (await h.api.call('POST', '/api/cases', { body: dibaoApplication() })).body.caseId as string;
  const get = () => h.api.call('GET', `/api/cases/${id}`);
  expect(
    (await h.api.call('POST', `/api/cases/${id}/home-visit`, { body: homeVisit({ visitedOn: (await get()).body.acceptedOn }) })).status,
  ).toBe(200);
  await eventually(get, (r) => r.body.stage === 'deciding', 60_000);
  expect((await h.api.call('POST', `/api/cases/${id}/decision`, { actor: approver, body: { outcome: 'approve' } })).status).toBe(200);
  await eventually(get, (r) => r.body.stage === 'in_benefit', 60_000);
  const month = (await h.db.query('SELECT paid_from FROM cases WHERE case_id = $1', [id])).rows[0].paid_from as string;
  const run = await h.api.call('POST', `/api/payroll/${month}/run`, { actor: supervisor });
  expect(run.body.paid).toBeGreaterThanOrEqual(1);
  return month;
}

beforeAll(async () => {
  browser = await launchChromium();
  const r = await h.api.call('POST', '/api/temporary', { body: emergencyAid() });
  expect(r.status).toBe(201);
  caseId = r.body.caseId;
  // 10 working days of paperwork at one case day per second: breached in well under a minute.
  [, period] = await Promise.all([
    eventually(
      () => h.api.call('GET', `/api/cases/${caseId}`),
      (x) => x.body.sla === 'breached',
      90_000,
    ),
    approvedAndPaid(),
  ]);
});
afterAll(async () => browser?.close());

async function signIn(role: string, jurisdiction: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, acceptDownloads: true, locale: 'zh-CN' });
  const page = await context.newPage();
  await page.goto(`${h.api.url}/console/sign-in`);
  await page.selectOption('select[name=role]', role);
  await page.fill('input[name=jurisdiction]', jurisdiction);
  await page.click('form[action="/console/sign-in"] button');
  return { context, page };
}

test('a supervisor sees the breached case counted on the overview, in the list, and its timeline', async () => {
  const { context, page } = await signIn('supervisor', '430921');
  expect(new URL(page.url()).pathname).toBe('/console/');
  const expected = (
    await h.db.query("SELECT count(*)::int AS n FROM cases WHERE is_open AND sla_status = 'breached' AND township LIKE '430921%'")
  ).rows[0].n;
  expect(expected).toBeGreaterThanOrEqual(1);
  const card = page.locator('.card', { hasText: '已超期（在办）' }).locator('a');
  expect(Number(await card.textContent())).toBe(expected);
  await page.waitForSelector('#chart-sla canvas');
  expect(await seriousViolations(page)).toEqual([]);
  await screenshot(page, 'console-overview');

  await card.click();
  await page.waitForURL(/\/console\/cases\?/);
  const row = page.locator('tr', { hasText: caseId });
  await expect(row.textContent()).resolves.toContain('已超期');
  expect(await seriousViolations(page)).toEqual([]);
  await screenshot(page, 'console-list');

  await row.locator('a').first().click();
  await page.waitForURL(new RegExp(`/console/cases/${caseId}$`));
  const text = await page.locator('main').innerText();
  expect(text).toContain('办理过程（审计记录）');
  expect(text).toContain('补充说明逾期'); // paperwork_overdue, by the system
  expect(text).toContain('登记临时救助');
  expect(text).not.toMatch(/\d{17}[\dX]/); // no full ID number
  expect(await seriousViolations(page)).toEqual([]);
  await screenshot(page, 'console-case');
  await context.close();
});

test('an auditor verifies the chain and replays the case from its page', async () => {
  const { context, page } = await signIn('auditor', '430921');
  await page.goto(`${h.api.url}/console/cases/${caseId}`);
  await page.click('button:has-text("核验审计链")');
  await expect(page.locator('#audit-result').innerText()).resolves.toContain('审计链完整');
  await page.click('button:has-text("重放核验")');
  const replay = await page.locator('#audit-result').innerText();
  expect(replay).toContain('重放一致');
  expect(await seriousViolations(page)).toEqual([]);
  await screenshot(page, 'console-audit');
  await context.close();
});

test('a clerk of another township is refused with a Chinese page, and the refusal is recorded', async () => {
  const { context, page } = await signIn('clerk', '430921102');
  const res = await page.goto(`${h.api.url}/console/cases/${caseId}`);
  expect(res!.status()).toBe(403);
  expect(await page.locator('main').innerText()).toContain('无权访问');
  expect(await page.content()).not.toContain('"error"');
  await screenshot(page, 'console-forbidden');
  const logged = await h.db.query("SELECT 1 FROM access_denials WHERE actor_role = 'clerk' AND jurisdiction = '430921102' AND path = $1", [
    `/console/cases/${caseId}`,
  ]);
  expect(logged.rowCount).toBe(1);
  await context.close();
});

test("the payroll roster shows the month's payments and its CSV downloads", async () => {
  const paid = (await h.db.query('SELECT case_id FROM payments WHERE period = $1', [period])).rows.map((x) => x.case_id as string);
  const { context, page } = await signIn('supervisor', '430921');
  await page.goto(`${h.api.url}/console/payroll?period=${period}`);
  expect(paid.length).toBeGreaterThanOrEqual(1);
  for (const id of paid) expect(await page.locator('main').innerText()).toContain(id);
  expect(await seriousViolations(page)).toEqual([]);
  await page.emulateMedia({ media: 'print' });
  await screenshot(page, 'console-payroll-print');
  await page.emulateMedia({ media: 'screen' });
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#csv')]);
  expect(download.suggestedFilename()).toBe(`payroll-${period}-430921.csv`);
  const csv = readFileSync((await download.path())!, 'utf8');
  expect(csv).toContain('案件编号');
  expect(csv.trim().split('\r\n')).toHaveLength(paid.length + 1);
  for (const id of paid) expect(csv).toContain(id);
  await context.close();
});

test('without a token the console sends one to sign in; the development sign-in is refused in production', async () => {
  const anon = await fetch(`${h.api.url}/console/`, { redirect: 'manual' });
  expect(anon.status).toBe(303);
  expect(anon.headers.get('location')).toBe('/console/sign-in?expired=1');
  const was = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    // A well-formed post from the sign-in page itself (its cookie, form token and origin): refused all the same.
    const form = await fetch(`${h.api.url}/console/sign-in`);
    const cookie = form.headers.getSetCookie()[0].split(';')[0];
    const _csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())![1];
    const r = await fetch(`${h.api.url}/console/sign-in`, {
      method: 'POST',
      headers: { cookie, origin: h.api.url },
      body: new URLSearchParams({ _csrf, role: 'supervisor', jurisdiction: '430921' }),
      redirect: 'manual',
    });
    expect(r.status).toBe(403);
    expect(r.headers.get('set-cookie')).toBeNull();
    expect(await r.text()).toContain('生产环境不能在此签发令牌');
  } finally {
    process.env.NODE_ENV = was;
  }
});

test('the roster CSV neutralises cells a spreadsheet would run as formulas', () => {
  const csv = toCsv([
    {
      caseId: 'DB-430921101-2026-000009',
      period: '2026-01',
      program: 'dibao',
      township: '430921101',
      months: ['2026-01'],
      amountFen: 105000,
      dueOn: '2026-01-10',
      payee: '=HYPERLINK("http://x","张三")',
    },
  ]);
  expect(csv).toContain(`"'=HYPERLINK(""http://x"",""张三"")"`);
  expect(csv).toContain(',1050.00,');
});

test('the API reference (Swagger UI, served locally) renders the OpenAPI document with a token box', async () => {
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  const external: string[] = [];
  page.on('request', (r) => void (new URL(r.url()).host !== new URL(h.api.url).host && external.push(r.url())));
  await page.goto(`${h.api.url}/docs/reference`);
  await page.waitForSelector('.opblock-summary-path');
  expect(await page.locator('.opblock-summary-path', { hasText: '/api/cases/{caseId}/audit/replay' }).count()).toBe(1);
  expect(await page.locator('button.authorize').count()).toBe(1);
  expect(external).toEqual([]);
  await screenshot(page, 'docs-reference');
  await page.close();
});

test("the API states zod's own messages in Chinese, with the field paths unchanged", async () => {
  const r = await h.api.call('GET', '/api/cases?pageSize=500', { actor: supervisor });
  expect(r.status).toBe(400);
  expect(r.body.error.fields).toEqual([{ path: 'query.pageSize', message: expect.stringContaining('过大') }]);
});
