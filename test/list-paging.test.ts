import type { Pool } from 'pg';
import { listDenials } from '../db/access-repo';
import { breachedPage, listCases, staffRelatedPage } from '../db/case-queries';
import { InvalidCursorError } from '../db/keyset';
import { testDb } from './support/db';

// Keyset paging of the lists (#11) on the real read model: following nextCursor visits every matching
// row exactly once in the list's order, whatever the page size; a cursor of another list is refused.

let db: Pool;
beforeAll(async () => {
  db = await testDb();
  // 23 cases over two townships of county 430921 and one of 430922; equal created_at to test the tie-break.
  await db.query(
    `INSERT INTO cases (case_id, program, township, household_id, applicant_name, applicant_id_masked, member_count, profile_id,
       stage, request_hash, application, accepted_by, accepted_role, sla_status, due_date, is_open, staff_related, created_at)
     SELECT 'DB-' || t || '-2026-' || lpad(g::text, 6, '0'), 'dibao', t, 'HH-P-' || g, '张' || g, '4309**********0000', 1, 'p',
       'investigating', 'h', '{}', 'c', 'clerk', CASE WHEN g % 3 = 0 THEN 'breached' ELSE 'on_time' END,
       CASE WHEN g % 4 = 0 THEN NULL ELSE date '2026-03-01' + (g % 5) END, g % 7 <> 0, g % 2 = 0,
       timestamptz '2026-01-01 00:00:00.123456+00' + make_interval(secs => g / 3)
     FROM generate_series(1, 23) g, LATERAL (SELECT (ARRAY['430921101', '430921102', '430922101'])[1 + g % 3] AS t) x`,
  );
  await db.query(
    `INSERT INTO access_denials (at, actor_id, actor_role, jurisdiction, method, path, reason)
     SELECT timestamptz '2026-01-01' + make_interval(mins => g % 4), 'u' || g, 'clerk', CASE WHEN g % 2 = 0 THEN '430921' ELSE '430921101' END,
       'GET', '/x', 'r' FROM generate_series(1, 9) g`,
  );
});
afterAll(() => db.end());

async function all<T>(page: (cursor?: string) => Promise<{ items: T[]; nextCursor: string | null }>): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < 100; i++) {
    const p = await page(cursor);
    out.push(...p.items);
    if (!p.nextCursor) return out;
    cursor = p.nextCursor;
  }
  throw new Error('paging does not end');
}

test('cases: newest first and by due date, every page size gives the same rows in the same order', async () => {
  const whole = (await db.query("SELECT case_id FROM cases WHERE township LIKE '430921%' ORDER BY created_at DESC, case_id DESC")).rows;
  for (const limit of [1, 2, 5, 50]) {
    const rows = await all((cursor) => listCases(db, { within: '430921', cursor, limit }));
    expect(rows.map((r) => r.caseId)).toEqual(whole.map((r) => r.case_id));
  }
  const expected = async (order: string) =>
    (await db.query(`SELECT case_id FROM cases WHERE county = '430921' AND is_open ORDER BY ${order}`)).rows.map((r) => r.case_id);
  for (const [sort, order] of [
    ['due', 'due_date NULLS LAST, case_id'],
    ['due_desc', 'due_date DESC NULLS LAST, case_id DESC'],
  ] as const) {
    const rows = await all((cursor) => listCases(db, { within: '430921', openOnly: true, sort, cursor, limit: 3 }));
    expect(rows.map((r) => r.caseId)).toEqual(await expected(order));
    expect(rows.every((r) => !('state' in r))).toBe(true);
  }
  const first = await listCases(db, { within: '430921', limit: 4 });
  expect(first).toMatchObject({ total: whole.length, totalCapped: false });
  expect(first.items).toHaveLength(4);
});

test('supervision lists and denials page through their own area only', async () => {
  const breached = await all((cursor) => breachedPage(db, '430921', { cursor, limit: 2 }));
  expect(breached.length).toBeGreaterThan(2);
  expect(breached.every((c) => c.slaStatus === 'breached' && c.township.startsWith('430921'))).toBe(true);
  const staff = await all((cursor) => staffRelatedPage(db, '430921101', { cursor, limit: 1 }));
  expect(staff.every((c) => c.staffRelated && c.township === '430921101')).toBe(true);
  const denials = await all((cursor) => listDenials(db, '430921', { cursor, limit: 2 }));
  expect(denials).toHaveLength(9);
  expect(denials.map((d) => d.at)).toEqual([...denials.map((d) => d.at)].sort().reverse());
  expect(await all((cursor) => listDenials(db, '430921101', { cursor, limit: 2 }))).toHaveLength(5);
});

test('a cursor of another list, or a damaged one, is refused', async () => {
  const p = await breachedPage(db, '430921', { limit: 1 });
  expect(p.nextCursor).not.toBeNull();
  await expect(staffRelatedPage(db, '430921', { cursor: p.nextCursor!, limit: 1 })).rejects.toBeInstanceOf(InvalidCursorError);
  await expect(breachedPage(db, '430921', { cursor: 'bm90LWpzb24', limit: 1 })).rejects.toBeInstanceOf(InvalidCursorError);
  const forged = Buffer.from(JSON.stringify(['breached', "2026-01-01'; --", 'x'])).toString('base64url');
  await expect(breachedPage(db, '430921', { cursor: forged, limit: 1 })).rejects.toBeInstanceOf(InvalidCursorError);
});
