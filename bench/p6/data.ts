import type { Pool, PoolClient } from 'pg';

// P6's data, generated inside PostgreSQL (generate_series; a fixed seed): cases over several counties
// of unequal size and many townships, with the stage, time-limit, due-date and staff-relation mix of a
// working system; a month's payroll, access denials and referrals to go with them.

/** County codes and their number of townships; the first county is the largest (the "worst county"). */
export const COUNTIES: [string, number][] = [
  ['430921', 24],
  ['430922', 18],
  ['430923', 15],
  ['431102', 12],
  ['431103', 10],
  ['431121', 8],
];
// Cumulative shares of cases per county: 30 %, 22 %, 18 %, 14 %, 10 %, 6 %.
const SHARES = [0.3, 0.52, 0.7, 0.84, 0.94];

const countyOf = (r: string) => `CASE ${SHARES.map((s, i) => `WHEN ${r} < ${s} THEN ${i}`).join(' ')} ELSE ${SHARES.length} END`;
/** A township of county number `ci` (an SQL expression), chosen by the random value `r`. */
const townshipOf = (ci: string, r: string) =>
  `${pick(
    COUNTIES.map((c) => c[0]),
    ci,
  )} || (101 + floor(${r} * ${pick(
    COUNTIES.map((c) => c[1]),
    ci,
  )}::int))::int::text`;
const pick = (list: readonly (string | number)[], idx: string) => `(ARRAY[${list.map((x) => `'${x}'`).join(',')}])[${idx} + 1]`;

/**
 * Phases (by r3): 0–.55 benefit period (in_benefit, reviewing, gradual_exit, or ended), .55–.70 applications
 * in progress, .70–.80 rejected, .80–.90 temporary aid in progress, .90–1 temporary aid closed or refused.
 */
const CASES_SQL = (n: number) => `
WITH g AS (
  SELECT g, random() r1, random() r2, random() r3, random() r4, random() r5, random() r6 FROM generate_series(0, ${n - 1}) g
), t AS (
  SELECT *, ${countyOf('r1')} AS ci FROM g
), p AS (
  SELECT *, ${townshipOf('ci', 'r2')} AS township,
    CASE WHEN r3 < 0.40 THEN 'in_benefit' WHEN r3 < 0.44 THEN 'reviewing' WHEN r3 < 0.46 THEN 'gradual_exit'
         WHEN r3 < 0.55 THEN (CASE WHEN r4 < 0.5 THEN 'terminated' ELSE 'exited' END)
         WHEN r3 < 0.70 THEN ${pick(['accepted', 'investigating', 'democratic_review', 'public_notice', 'deciding'], 'floor(r4 * 5)::int')}
         WHEN r3 < 0.80 THEN 'rejected'
         WHEN r3 < 0.90 THEN ${pick(['paperwork_due', 'verifying', 'deciding', 'deliberating', 'paying'], 'floor(r4 * 5)::int')}
         ELSE (CASE WHEN r4 < 0.8 THEN 'closed' ELSE 'refused' END) END AS stage,
    -- in progress: due from 15 days ago to 60 days ahead; reviews: 10 days ago to 30 ahead; ended: in the past
    CASE WHEN r3 >= 0.55 AND r3 < 0.70 OR r3 >= 0.80 AND r3 < 0.90 THEN current_date + (floor(r5 * 75)::int - 15)
         WHEN r3 >= 0.40 AND r3 < 0.44 THEN current_date + (floor(r5 * 40)::int - 10)
         WHEN r3 >= 0.46 AND r3 < 0.55 OR r3 >= 0.70 AND r3 < 0.80 OR r3 >= 0.90 THEN current_date - (30 + floor(r5 * 1500)::int)
    END AS due_date
  FROM t
), s AS (
  SELECT *, stage NOT IN ('terminated', 'exited', 'rejected', 'closed', 'refused') AS is_open,
    CASE WHEN due_date IS NULL THEN 'on_time'
         WHEN stage IN ('terminated', 'exited', 'rejected', 'closed', 'refused') THEN (CASE WHEN r6 < 0.05 THEN 'breached' ELSE 'met' END)
         WHEN due_date < current_date THEN 'breached' WHEN due_date <= current_date + 5 THEN 'warning' ELSE 'on_time' END AS sla,
    CASE WHEN r3 < 0.55 THEN ${pick(['dibao', 'dibao', 'dibao', 'dibao_single', 'tekun'], 'floor(r4 * 5)::int')}
         WHEN r3 < 0.80 THEN ${pick(['dibao', 'dibao_single', 'tekun'], 'floor(r5 * 3)::int')}
         ELSE ${pick(['emergency', 'expense', 'unemployed'], 'floor(r5 * 3)::int')} END AS program
  FROM p
)
INSERT INTO cases (case_id, program, township, household_id, applicant_name, applicant_id_masked, member_count, profile_id,
  profile_version, stage, is_open, sla_status, accepted_on, due_date, warn_on, decided_on, decision, monthly_amount_fen,
  request_hash, application, state, state_version, accepted_by, accepted_role, staff_related, related_staff_id,
  created_at, updated_at, paid_from, category)
SELECT
  ${pick(['DB', 'DS', 'TK', 'JN', 'ZC', 'SY'], "array_position(ARRAY['dibao','dibao_single','tekun','emergency','expense','unemployed'], program) - 1")}
    || '-' || township || '-' || (2021 + g % 5) || '-' || lpad((g / 5)::text, 6, '0'),
  program, township, 'H' || township || lpad(g::text, 8, '0'), '张' || (g % 997), '4309**********' || lpad((g % 10000)::text, 4, '0'),
  1 + (g % 5), 'hunan-' || program, 1, stage, is_open, sla,
  due_date - 30, due_date, due_date - 5,
  CASE WHEN NOT is_open OR r3 < 0.46 THEN current_date - floor(r6 * 1500)::int END,
  CASE WHEN r3 < 0.55 THEN 'approve' WHEN stage IN ('rejected', 'refused') THEN 'reject' END,
  CASE WHEN r3 < 0.55 THEN 30000 + floor(r5 * 50000)::int END,
  md5(g::text),
  jsonb_build_object('program', program, 'township', township, 'household', jsonb_build_object('householdId', 'H' || g,
    'village', 'V' || (g % 40), 'address', repeat('湘', 30)), 'members', jsonb_build_array(jsonb_build_object('name', '张' || g,
    'idNumber', '43092119800101' || lpad((g % 10000)::text, 4, '0'), 'relation', 'self', 'monthlyIncomeFen', g % 90000))),
  jsonb_build_object('caseId', g, 'stage', stage, 'ledger', jsonb_build_array(md5(g::text), md5((g + 1)::text)),
    'history', repeat(md5(g::text), 60)),
  1, 'clerk-' || township, 'clerk', r6 > 0.995, CASE WHEN r6 > 0.995 THEN 'staff-' || (g % 300) END,
  CASE WHEN is_open AND r3 >= 0.55 THEN now() - make_interval(days => floor(r4 * 60)::int, secs => r5 * 86400)
       ELSE now() - make_interval(days => floor(r4 * 1800)::int, secs => r5 * 86400) END,
  now(), CASE WHEN r3 < 0.55 THEN to_char(current_date - floor(r6 * 1500)::int, 'YYYY-MM') END,
  CASE WHEN r3 < 0.55 THEN 'A' END
FROM s`;

/** A month's roster for every case in its benefit period; denials and referrals across the area. */
const EXTRA_SQL = (n: number, period: string) => [
  `INSERT INTO payments (case_id, period, program, township, months, amount_fen, due_on, payee)
   SELECT case_id, '${period}', program, township, ARRAY['${period}'], monthly_amount_fen, '${period}-10', applicant_name
   FROM cases WHERE stage IN ('in_benefit', 'reviewing', 'gradual_exit')`,
  `INSERT INTO access_denials (at, actor_id, actor_role, jurisdiction, method, path, reason)
   SELECT now() - make_interval(secs => random() * 86400 * 365), 'clerk-' || (g % 500), 'clerk', ${townshipOf(countyOf('random()'), 'random()')},
     'GET', '/api/cases/x', 'township outside jurisdiction'
   FROM generate_series(1, ${Math.max(100, Math.round(n / 5))}) g`,
  `INSERT INTO referrals (referral_id, township, household_id, kind, department_code, department_name, stage, sla_status,
     referred_on, due_date, request_hash, request, created_by)
   SELECT 'RF-' || township || '-2026-' || lpad(row_number() OVER ()::text, 6, '0'), township, household_id,
     ${pick(['medical', 'education', 'housing', 'employment'], 'floor(random() * 4)::int')}, 'D' || (row_number() OVER () % 7), '民政局',
     CASE WHEN random() < 0.6 THEN 'answered' ELSE 'referred' END, CASE WHEN random() < 0.1 THEN 'breached' ELSE 'on_time' END,
     current_date - 40, current_date - 10 + floor(random() * 30)::int, md5(case_id), '{}'::jsonb, 'clerk'
   FROM cases WHERE case_id LIKE '%0'`,
];

/**
 * Loads the data with the list indexes dropped and rebuilt afterwards (as a bulk load would), then
 * VACUUM ANALYZE so plans and visibility maps are what a running system has.
 */
export async function generate(pool: Pool, n: number, period: string, log: (l: string) => void): Promise<void> {
  const tables = ['cases', 'payments', 'access_denials', 'referrals'];
  const idx = await pool.query(
    `SELECT indexname, indexdef FROM pg_indexes i WHERE tablename = ANY($1)
       AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`,
    [tables],
  );
  // One session: the seed and maintenance_work_mem hold for it.
  const c = await pool.connect();
  try {
    await load(c, idx.rows, n, period, log);
  } finally {
    c.release();
  }
  for (const table of tables) await pool.query(`VACUUM ANALYZE ${table}`);
}

async function load(db: PoolClient, idx: { indexname: string; indexdef: string }[], n: number, period: string, log: (l: string) => void) {
  for (const r of idx) await db.query(`DROP INDEX ${r.indexname}`);
  await db.query('SELECT setseed(0.11)');
  let t = Date.now();
  await db.query(CASES_SQL(n));
  log(`${n} cases in ${((Date.now() - t) / 1000).toFixed(0)} s`);
  t = Date.now();
  for (const sql of EXTRA_SQL(n, period)) await db.query(sql);
  log(`payments, denials, referrals in ${((Date.now() - t) / 1000).toFixed(0)} s`);
  t = Date.now();
  await db.query("SET maintenance_work_mem = '512MB'");
  for (const r of idx) await db.query(r.indexdef);
  log(`${idx.length} indexes rebuilt in ${((Date.now() - t) / 1000).toFixed(0)} s`);
}
