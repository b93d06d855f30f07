// The console's pages as their users found them broken (#18), over HTTP against the real API, the Temporal
// dev server and PostgreSQL, in demo time (one case day per second): a benefit-period case, a 一事一议 case
// and an overdue referral made by the real workflows, and rosters written into the read model.
import { daysBetween, shanghaiDate } from '../domain/calendar';
import { weekStart } from '../domain/weeks';
import { consoleCookie, consolePage, benefitCase, deliberatingCase, overdueReferral, seedRoster } from './support/console-data';
import { clerk as clerkActor, supervisor } from './support/fixtures';
import { useHarness } from './support/harness';
import { eventually } from './support/temporal';

const h = useHarness({ server: 'dev', taskQueue: 'console-pages-test', api: true, demoSpeed: 86400 });
// Months far from any run day's own: the page must find them, not assume the current month.
const LATEST = '2031-04';
const EARLIER = '2031-03';
const LARGE = '2031-01';
let sup: string;
let clerk: string;
let benefitId: string;
let deliberationId: string;
let referralId: string;

beforeAll(async () => {
  [benefitId, deliberationId, referralId] = await Promise.all([benefitCase(h), deliberatingCase(h), overdueReferral(h, 'HH-CP-R1')]);
  await seedRoster(h.db, EARLIER, 2, 'DB-430921101-2031-2');
  await seedRoster(h.db, LATEST, 4, 'DB-430921101-2031-3');
  await seedRoster(h.db, LARGE, 5_001, 'DB-430921101-2031-5');
  [sup, clerk] = await Promise.all([consoleCookie(h.api.url, 'supervisor', '430921'), consoleCookie(h.api.url, 'clerk', '430921101')]);
}, 150_000);

const get = (path: string, cookie = sup) => consolePage(h.api.url, path, cookie);
const rowOf = (html: string, head: string) => new RegExp(`<td>${head}</td><td[^>]*>([^<]*)`).exec(html)?.[1];

test('案件列表 filters by each temporary-assistance program the 项目 menu offers', async () => {
  for (const program of ['emergency', 'expense', 'unemployed']) {
    const r = await get(`/console/cases?program=${program}`);
    expect({ program, status: r.status }).toEqual({ program, status: 200 });
    expect(r.html).toContain(`<option value="${program}" selected>`);
  }
  expect((await get('/console/cases?program=emergency')).html).toContain(deliberationId);
  expect((await get('/console/cases?program=expense')).html).not.toContain(deliberationId);
  const api = await h.api.call('GET', '/api/cases?program=emergency', { actor: supervisor });
  expect(api.body.items.map((c: { caseId: string }) => c.caseId)).toContain(deliberationId);
});

test('督办总览 charts 12 consecutive weeks up to this one, quiet weeks as zeros', async () => {
  const r = await get('/console/');
  const data = JSON.parse(/<script type="application\/json" id="chart-data">([^<]*)<\/script>/.exec(r.html)![1]);
  expect(data.weeks).toHaveLength(12);
  for (let i = 1; i < 12; i++) expect(daysBetween(data.weeks[i - 1], data.weeks[i])).toBe(7);
  expect(data.weeks[11] >= weekStart(shanghaiDate(Date.now()))).toBe(true);
  expect(data.warnings).toHaveLength(12);
  expect(data.breaches).toHaveLength(12);
  expect(data.warnings.filter((n: number) => n === 0).length).toBeGreaterThanOrEqual(1);
});

test('督办总览 counts overdue referrals on a card that opens their list, and each has a page', async () => {
  const overview = (await get('/console/')).html;
  const card = /<div class="card">转办逾期[^<]*<div class="n[^"]*"><a href="([^"]+)">(\d+)<\/a>/.exec(overview);
  expect(card).not.toBeNull();
  expect(Number(card![2])).toBeGreaterThanOrEqual(1);
  const list = await get(card![1].replace(/&amp;/g, '&'));
  expect(list.status).toBe(200);
  expect(list.html).toContain(`href="/console/referrals/${referralId}"`);

  const page = await get(`/console/referrals/${referralId}`);
  expect(page.status).toBe(200);
  for (const text of ['人力资源和社会保障局', '就业救助', '张建国', '户主失业，申请就业援助', '已超期', '转办超时'])
    expect(page.html).toContain(text);
  expect(page.html).not.toMatch(/\d{17}[\dX]/);
  expect((await get(`/console/referrals/${referralId}`, clerk)).status).toBe(200);
  const other = await get(`/console/referrals/${referralId}`, await consoleCookie(h.api.url, 'clerk', '430921102'));
  expect(other.status).toBe(403);
  expect(other.html).toContain('无权访问');
  expect((await get('/console/referrals/RF-1')).status).toBe(400);
  expect((await get('/console/referrals/RF-430921101-2026-999999')).status).toBe(404);
});

test('an 一事一议 case shows the amount asked for, not 0.00 元', async () => {
  const r = await get(`/console/cases/${deliberationId}`);
  expect(rowOf(r.html, '申请救助金额')).toBe('3000.00 元');
  expect(rowOf(r.html, '提交一事一议金额')).toBe('3000.00 元');
  expect(rowOf(r.html, '批准救助金额')).toBe('尚未决定');
  expect(r.html).not.toMatch(/<td>0\.00 元<\/td>/);
  expect(rowOf(r.html, '一事一议决定期限')).toMatch(/^\d{4}-\d{2}-\d{2}$/);
});

test('a case in its benefit period names its due date as the next review', async () => {
  const c = (await h.api.call('GET', `/api/cases/${benefitId}`, { actor: supervisor })).body;
  const r = await get(`/console/cases/${benefitId}`);
  expect(rowOf(r.html, '下次复核期限')).toMatch(new RegExp(`^${c.dueDate}`));
  expect(r.html).not.toContain('<td>办理期限</td>');
});

test('发放花名册 opens on the latest month with a roster and offers the months that have one', async () => {
  const r = await get('/console/payroll');
  expect(r.html).toContain(`<h1>发放花名册 ${LATEST}</h1>`);
  const options = [...r.html.matchAll(/<option value="(\d{4}-\d{2})"/g)].map((m) => m[1]);
  expect(options).toEqual([LATEST, EARLIER, LARGE]);
  expect(r.html).toContain(`<option value="${LATEST}" selected>`);
});

test('a page of the roster says it is one of several; the print view prints every line of the month', async () => {
  const paged = await get(`/console/payroll?period=${LATEST}&limit=2`);
  expect(paged.html).toContain('全月共发放 4 笔，合计 1800.00 元');
  expect(paged.html).toContain('本页只列出全月 4 笔中的 2 笔（本页合计');
  expect(paged.html).not.toContain('class="signatures"');
  const all = await get(`/console/payroll?period=${LATEST}&print=all`);
  for (let g = 1; g <= 4; g++) expect(all.html).toContain(`DB-430921101-2031-3${String(g).padStart(5, '0')}`);
  expect(all.html).toContain('以上共 4 笔，合计 1800.00 元');
  expect(all.html).toContain('class="signatures"');

  const large = await get(`/console/payroll?period=${LARGE}&print=all`);
  expect(large.html).toContain('全月共 5001 笔，超过一次打印的上限 5000 笔');
  expect(large.html).not.toContain('class="signatures"');
  expect(large.html).toContain(`href="/console/payroll?period=${LARGE}&amp;township=430921101&amp;print=all"`);
  const township = await get(`/console/payroll?period=${LARGE}&township=430921101&print=all`);
  expect(township.html).toContain('以上共 2500 笔，合计');
  expect(township.html).toContain('class="signatures"');
}, 60_000);

test('the roster CSVs name the programs in Chinese', async () => {
  const csv = await fetch(`${h.api.url}/console/payroll/${LATEST}/export.csv`, { headers: { cookie: sup } }).then((r) => r.text());
  const api = (await h.api.call('GET', `/api/payroll/${LATEST}/export.csv`, { actor: supervisor })).text;
  for (const text of [csv, api]) {
    const programs = text
      .trim()
      .split('\r\n')
      .slice(1)
      .map((l) => l.split(',')[1]);
    expect(programs.sort()).toEqual(['最低生活保障', '最低生活保障', '最低生活保障', '特困供养']);
  }
});

test('被拒绝的访问 shows Beijing time, the path with its query string (token redacted) and the reason', async () => {
  expect((await get(`/console/payroll?period=${LATEST}&token=s3cret-value`, clerk)).status).toBe(403);
  const row = await eventually(
    () => h.db.query("SELECT at FROM access_denials WHERE actor_role = 'clerk' AND path LIKE '/console/payroll%'"),
    (x) => x.rowCount === 1,
  );
  const at: Date = row.rows[0].at;
  const beijing = `${shanghaiDate(at.getTime())} ${new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(11, 19)}`;
  const r = await get('/console/denials');
  expect(r.html).toContain('时间（北京时间）');
  expect(r.html).toContain(beijing);
  expect(r.html).toContain(`GET <code>/console/payroll?period=${LATEST}&amp;token=[redacted]</code>`);
  expect(r.html).not.toContain('s3cret');
  expect(r.html).toContain('角色不符：需要督办人员或审计人员，当前为经办人员');
});

test('an API refusal is listed with its query string as well', async () => {
  const r = await h.api.call('GET', '/api/cases?township=430921102&limit=5', { actor: clerkActor });
  expect(r.status).toBe(403);
  const row = await eventually(
    () => h.db.query("SELECT path FROM access_denials WHERE actor_id = $1 AND path LIKE '/api/cases%'", [clerkActor.id]),
    (x) => x.rowCount === 1,
  );
  expect(row.rows[0].path).toBe('/api/cases?township=430921102&limit=5');
});

test("an error page's 返回首页 leads each role to a page it may open", async () => {
  const refused = await get('/console/', clerk);
  expect(refused.status).toBe(403);
  expect(refused.html).toContain('<a href="/console/cases">返回首页</a>');
  expect((await get('/console/cases', clerk)).status).toBe(200);
  const missing = await get('/console/nothing-here');
  expect(missing.status).toBe(404);
  expect(missing.html).toContain('<a href="/console/">返回首页</a>');
});
