-- Supervisors' lists at a million cases (#11): every list is keyset-paged by an index that matches
-- its area filter AND its order, so a page reads about as many index entries as it shows.
-- Areas: a 6-digit county code is the prefix of its townships' 9-digit codes. A county column
-- (generated, so every writer of the read model fills it, and this migration backfills it) turns
-- the county's "township LIKE '430921%'" into an equality an index can order by; a township is an
-- equality already; wider areas (city, province) keep LIKE, on text_pattern_ops indexes so the
-- prefix is index-friendly whatever the database collation.

ALTER TABLE cases ADD COLUMN county text GENERATED ALWAYS AS (left(township, 6)) STORED;
DROP INDEX IF EXISTS cases_township;
CREATE INDEX cases_township_prefix ON cases (township text_pattern_ops);

-- GET /api/cases and the console list: newest first; the console's "open" filter; sort by due date
-- (no due date last: coalesce to infinity keeps the keyset a plain row comparison).
CREATE INDEX cases_county_new ON cases (county, created_at DESC, case_id DESC);
CREATE INDEX cases_township_new ON cases (township, created_at DESC, case_id DESC);
CREATE INDEX cases_county_open_due ON cases (county, (COALESCE(due_date, 'infinity'::date)), case_id) WHERE is_open;
-- GET /api/supervision/due-soon: open, not yet breached, earliest due first.
CREATE INDEX cases_county_due_soon ON cases (county, due_date, case_id) WHERE is_open AND sla_status <> 'breached';
CREATE INDEX cases_township_due_soon ON cases (township, due_date, case_id) WHERE is_open AND sla_status <> 'breached';
-- GET /api/supervision/breached: decided since or not, earliest due first.
-- (stage included: the console overview counts breached cases per stage from this index alone)
CREATE INDEX cases_county_breached ON cases (county, (COALESCE(due_date, 'infinity'::date)), case_id) INCLUDE (stage) WHERE sla_status = 'breached';
CREATE INDEX cases_township_breached ON cases (township, (COALESCE(due_date, 'infinity'::date)), case_id) WHERE sla_status = 'breached';
-- GET /api/supervision/staff-related (单独登记备案): newest first.
CREATE INDEX cases_county_staff ON cases (county, created_at DESC, case_id DESC) WHERE staff_related;
-- The console overview's per-township counts of open cases, and the capped counts of the console's open-case
-- lists (by stage, time-limit status, due date): index-only scans of the county's open cases.
CREATE INDEX cases_county_open_counts ON cases (county, township, stage, sla_status) INCLUDE (due_date) WHERE is_open;

-- GET /api/payroll/:period: the roster in township, case order.
ALTER TABLE payments ADD COLUMN county text GENERATED ALWAYS AS (left(township, 6)) STORED;
DROP INDEX IF EXISTS payments_period_township;
CREATE INDEX payments_period_county ON payments (period, county, township, case_id) INCLUDE (program, amount_fen);
CREATE INDEX payments_period_township ON payments (period, township text_pattern_ops, case_id) INCLUDE (program, amount_fen);

-- GET /api/supervision/access-denials: newest first. The county column is null for shorter jurisdictions,
-- which a county's LIKE never matched either.
ALTER TABLE access_denials ADD COLUMN county text GENERATED ALWAYS AS (CASE WHEN length(jurisdiction) >= 6 THEN left(jurisdiction, 6) END) STORED;
CREATE INDEX access_denials_county ON access_denials (county, at DESC, id DESC);
CREATE INDEX access_denials_jurisdiction ON access_denials (jurisdiction text_pattern_ops, at DESC, id DESC);

-- GET /api/supervision/referrals-overdue: breached referrals, earliest due first.
ALTER TABLE referrals ADD COLUMN county text GENERATED ALWAYS AS (left(township, 6)) STORED;
CREATE INDEX referrals_county_overdue ON referrals (county, (COALESCE(due_date, 'infinity'::date)), referral_id) WHERE sla_status = 'breached';
CREATE INDEX referrals_township_overdue ON referrals (township, (COALESCE(due_date, 'infinity'::date)), referral_id) WHERE sla_status = 'breached';
