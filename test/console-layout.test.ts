// Every console page in a real browser at a desktop (1366×768) and a phone (390×844) width: the page never
// scrolls sideways, no table cell stands one character per line, axe finds nothing serious, and a
// screenshot of each is kept in test-artifacts/ (layout-<width>-<page>.png) for a person to look at.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { shanghaiDate } from '../domain/calendar';
import { nextMonth } from '../domain/payments';
import path from 'node:path';
import { ARTIFACTS, launchChromium, screenshot, seriousViolations } from './support/browser';
import { benefitCase, deliberatingCase, overdueReferral, seedRoster } from './support/console-data';
import { dibaoApplication, emergencyAid } from './support/fixtures';
import { useHarness } from './support/harness';
import { eventually } from './support/temporal';

const h = useHarness({ server: 'dev', taskQueue: 'console-layout-test', api: true, demoSpeed: 86400 });
const PERIOD = '2031-06';
const WIDTHS = [
  { width: 1366, height: 768 },
  { width: 390, height: 844 },
];
let browser: Browser;
const ids: Record<string, string> = {};

beforeAll(async () => {
  browser = await launchChromium();
  const accepted = await h.api.call('POST', '/api/cases', { body: dibaoApplication() });
  const emergency = await h.api.call('POST', '/api/temporary', { body: emergencyAid() });
  [ids.benefit, ids.deliberation, ids.referral] = await Promise.all([
    benefitCase(h),
    deliberatingCase(h),
    overdueReferral(h, 'HH-CL-R1'),
    eventually(
      () => h.api.call('GET', `/api/cases/${emergency.body.caseId}`),
      (x) => x.body.sla === 'breached',
      90_000,
    ),
  ]);
  ids.application = accepted.body.caseId;
  ids.emergency = emergency.body.caseId;
  await seedRoster(h.db, PERIOD, 12, 'DB-430921101-2031-6');
}, 150_000);
afterAll(async () => browser?.close());

async function signedIn(viewport: { width: number; height: number }, role: string, area: string): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport, locale: 'zh-CN' });
  const page = await context.newPage();
  await page.goto(`${h.api.url}/console/sign-in`);
  await page.selectOption('select[name=role]', role);
  await page.fill('input[name=jurisdiction]', area);
  await page.click('form[action="/console/sign-in"] button');
  await page.waitForURL(/\/console\/(cases)?$/);
  await page.close();
  return context;
}

/** Sideways overflow of the page, and table cells (other than long text) whose text takes more than three lines. */
async function layoutProblems(page: Page): Promise<{ scrollWidth: number; innerWidth: number; tallCells: string[] }> {
  return page.evaluate(`(() => {
    const line = (c) => parseFloat(getComputedStyle(c).lineHeight) || 1.5 * parseFloat(getComputedStyle(c).fontSize);
    const tall = [...document.querySelectorAll('th, td:not(.long)')]
      .filter((c) => {
        const text = document.createRange();
        text.selectNodeContents(c);
        return text.getBoundingClientRect().height > 3 * line(c) + 8;
      })
      .map((c) => c.textContent.slice(0, 20));
    return { scrollWidth: document.scrollingElement.scrollWidth, innerWidth: window.innerWidth, tallCells: tall.slice(0, 5) };
  })()`);
}

async function check(page: Page, name: string, width: number): Promise<void> {
  // A chart is drawn (a canvas) or says it has nothing to draw.
  await page.waitForFunction(`[...document.querySelectorAll('.chart')].every((c) => c.querySelector('canvas') || c.textContent.trim())`);
  const p = await layoutProblems(page);
  expect({ name, width, fits: p.scrollWidth <= p.innerWidth, tallCells: p.tallCells }).toEqual({ name, width, fits: true, tallCells: [] });
  expect({ name, width, axe: await seriousViolations(page) }).toEqual({ name, width, axe: [] });
  await screenshot(page, `layout-${width}-${name}`);
}

const supervisorPages = () => {
  const effective = nextMonth(shanghaiDate(Date.now()).slice(0, 7));
  return [
    ['overview', '/console/'],
    ['cases', '/console/cases?open=1'],
    ['case-application', `/console/cases/${ids.application}`],
    ['case-benefit', `/console/cases/${ids.benefit}`],
    ['case-emergency', `/console/cases/${ids.emergency}`],
    ['case-deliberation', `/console/cases/${ids.deliberation}`],
    ['referrals', '/console/referrals'],
    ['referral', `/console/referrals/${ids.referral}`],
    ['attention', '/console/attention'],
    ['denials', '/console/denials'],
    ['payroll', `/console/payroll?period=${PERIOD}&limit=5`],
    ['payroll-print', `/console/payroll?period=${PERIOD}&print=all`],
    ['adjustments', '/console/adjustments'],
    ['adjustments-preview', `/console/adjustments?profileId=hunan-datonghu-2021&effectiveMonth=${effective}&ruralYuan=480`],
    ['not-found', '/console/no-such-page'],
  ];
};

test.each(WIDTHS)(
  'every page fits $width px and keeps its tables in their boxes',
  async (viewport) => {
    const anonymous = await browser.newContext({ viewport, locale: 'zh-CN' });
    const signIn = await anonymous.newPage();
    await signIn.goto(`${h.api.url}/console/sign-in`);
    await check(signIn, 'sign-in', viewport.width);
    await anonymous.close();

    // A clerk first: the refusal it meets is what the denials page then lists.
    const clerk = await signedIn(viewport, 'clerk', '430921101');
    const cp = await clerk.newPage();
    expect((await cp.goto(`${h.api.url}/console/payroll?period=${PERIOD}`))!.status()).toBe(403);
    await check(cp, 'forbidden', viewport.width);
    await cp.click('main a:has-text("返回首页")');
    expect(new URL(cp.url()).pathname).toBe('/console/cases');
    await check(cp, 'clerk-cases', viewport.width);
    await clerk.close();

    const sup = await signedIn(viewport, 'supervisor', '430921');
    const page = await sup.newPage();
    for (const [name, path] of supervisorPages()) {
      const res = await page.goto(h.api.url + path);
      expect({ name, status: res!.status() }).toEqual({ name, status: name === 'not-found' ? 404 : 200 });
      await check(page, name, viewport.width);
      if (name === 'payroll-print') {
        await page.emulateMedia({ media: 'print' });
        await screenshot(page, `layout-${viewport.width}-payroll-printed`);
        await page.emulateMedia({ media: 'screen' });
      }
    }
    await sup.close();
  },
  180_000,
);

test('at a phone width the navigation is a menu that opens, and the charts follow the width', async () => {
  const sup = await signedIn({ width: 390, height: 844 }, 'supervisor', '430921');
  const page = await sup.newPage();
  await page.goto(`${h.api.url}/console/`);
  expect(await page.locator('nav.wide').isVisible()).toBe(false);
  expect(await page.locator('details.menu nav a[href="/console/payroll"]').isVisible()).toBe(false);
  await page.click('details.menu summary');
  expect(await page.locator('details.menu nav a[href="/console/payroll"]').isVisible()).toBe(true);
  // The menu drops down as a column, a link to a line across the phone's width (not a character to a line).
  const box = await page.locator('details.menu nav a[href="/console/payroll"]').boundingBox();
  expect(box!.width).toBeGreaterThan(300);
  expect(box!.height).toBeLessThan(60);
  await page.screenshot({ path: path.join(ARTIFACTS, 'layout-390-menu-open.png') });
  // Each chart fits its box, whose width follows the phone's.
  await page.waitForSelector('#chart-weeks canvas');
  for (const id of ['chart-sla', 'chart-stage', 'chart-weeks']) {
    const chart = await page.locator(`#${id}`).boundingBox();
    const canvas = await page.locator(`#${id} canvas`).first().boundingBox();
    expect(chart!.width).toBeLessThanOrEqual(390);
    expect(canvas!.width).toBeLessThanOrEqual(chart!.width);
  }
  await page.setViewportSize({ width: 844, height: 390 });
  // Polled from Node: the console's CSP forbids the string evaluation waitForFunction would need.
  let wide = 0;
  for (let i = 0; i < 50 && wide <= 390; i++) {
    await page.waitForTimeout(200);
    wide = (await page.locator('#chart-weeks canvas').first().boundingBox())?.width ?? 0;
  }
  expect(wide).toBeGreaterThan(390);
  await sup.close();
});
