import type { Pool } from 'pg';
import { InvalidCursorError } from '../db/keyset';
import { rosterLinePage, rosterLines, rosterTotals } from '../db/roster-repo';
import { testDb } from './support/db';

// The roster (发放花名册) pages its payments, then its 补发 lines, under one cursor (#11, #13): following
// nextCursor at any page size visits the CSV's lines exactly once and in its order; totals count both.

const PERIOD = '2027-02';
const ADJ = 'ADJ-roster-paging-v2';
let db: Pool;

beforeAll(async () => {
  db = await testDb();
  await db.query(
    `INSERT INTO policy_profiles (id, version, body) VALUES ('roster-paging', 1, '{}'), ('roster-paging', 2, '{}') ON CONFLICT DO NOTHING`,
  );
  await db.query(
    `INSERT INTO standard_adjustments (id, profile_id, from_version, to_version, effective_month, back_pay, draft, document_ref,
       document_title, area_code, published_by)
     VALUES ($1, 'roster-paging', 1, 2, '2027-01', true, '{}', '测〔2027〕1号', '测试调标', '430921', 'sup') ON CONFLICT DO NOTHING`,
    [ADJ],
  );
  // Seven cases over two townships of 430921 and one of 430922; each paid this period, four also topped up.
  await db.query(
    `INSERT INTO cases (case_id, program, township, household_id, applicant_name, applicant_id_masked, member_count, profile_id,
       stage, request_hash, application, accepted_by, accepted_role, is_open)
     SELECT 'RP-' || g, 'dibao', (ARRAY['430921101', '430921102', '430922101'])[1 + g % 3], 'HH-RP-' || g, '李' || g,
       '4309**********0000', 1, 'roster-paging', 'in_benefit', 'h', '{}', 'c', 'clerk', true
     FROM generate_series(1, 7) g`,
  );
  await db.query(
    `INSERT INTO payments (case_id, period, program, township, months, amount_fen, due_on, payee)
     SELECT case_id, $1, program, township, ARRAY[$1], 30000, '2027-02-10', applicant_name FROM cases WHERE case_id LIKE 'RP-%'`,
    [PERIOD],
  );
  await db.query(
    `INSERT INTO back_payments (case_id, adjustment_id, period, program, township, payee, months, amount_fen, due_on)
     SELECT case_id, $2, $1, program, township, applicant_name, ARRAY['2027-01'], CASE WHEN g = 5 THEN 0 ELSE 1500 END, '2027-02-10'
     FROM cases, LATERAL (SELECT substr(case_id, 4)::int AS g) x WHERE case_id LIKE 'RP-%' AND g % 2 = 1`,
    [PERIOD, ADJ],
  );
});
// The test database is shared by every file: the profile made up here must not outlive this one.
afterAll(async () => {
  await db.query('DELETE FROM back_payments WHERE adjustment_id = $1', [ADJ]);
  await db.query('DELETE FROM standard_adjustments WHERE id = $1', [ADJ]);
  await db.query("DELETE FROM policy_profiles WHERE id = 'roster-paging'");
  await db.end();
});

async function walk(within: string, limit: number) {
  const out = [];
  let cursor: string | undefined;
  for (let i = 0; i < 50; i++) {
    const p = await rosterLinePage(db, PERIOD, within, { cursor, limit });
    expect(p.items.length).toBeLessThanOrEqual(limit);
    out.push(...p.items);
    if (!p.nextCursor) return out;
    cursor = p.nextCursor;
  }
  throw new Error('paging does not end');
}

test('every page size walks the payments, then the 补发 lines, once each, as the CSV lists them', async () => {
  const whole = await rosterLines(db, PERIOD, '430921');
  // 5 payments in 430921; back pay for cases 1, 3, 7 (case 5's line is 0 fen: nothing owed, not listed).
  expect(whole.map((l) => `${l.kind}:${l.caseId}`)).toEqual([
    ...['RP-3', 'RP-6', 'RP-1', 'RP-4', 'RP-7'].map((c) => `regular:${c}`),
    ...['RP-3', 'RP-1', 'RP-7'].map((c) => `back_pay:${c}`),
  ]);
  for (const limit of [1, 2, 3, 4, 5, 6, 8, 200]) expect(await walk('430921', limit)).toEqual(whole);
  expect(whole.filter((l) => l.kind === 'back_pay').every((l) => l.note === '补发（调标 测〔2027〕1号）')).toBe(true);
  expect(await walk('430921101', 1)).toEqual(await rosterLines(db, PERIOD, '430921101'));
});

test('totals per township and program count payments and 补发 lines together', async () => {
  const totals = await rosterTotals(db, PERIOD, '430921');
  expect(totals).toEqual([
    { township: '430921101', program: 'dibao', count: 3, fen: 2 * 30000 + 1500 },
    { township: '430921102', program: 'dibao', count: 5, fen: 3 * 30000 + 2 * 1500 },
  ]);
});

test('a 补发 cursor is checked like any other: damaged, it is refused', async () => {
  const bad = Buffer.from(JSON.stringify(['roster-back-pay', "430921101' OR 1=1", 'x', 'y'])).toString('base64url');
  await expect(rosterLinePage(db, PERIOD, '430921', { cursor: bad, limit: 2 })).rejects.toBeInstanceOf(InvalidCursorError);
});
