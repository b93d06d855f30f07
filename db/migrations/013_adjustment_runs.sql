-- 调标, applying: the batch that tells every live case of an adjustment's profile (one run per adjustment),
-- what each case did with it, and the 补发 back-payment lines the payroll adds for months already paid.

-- The batch's progress, mirrored by its workflow so the API answers even while Temporal is slow.
CREATE TABLE adjustment_runs (
  adjustment_id   text PRIMARY KEY REFERENCES standard_adjustments (id),
  workflow_id     text NOT NULL,
  status          text NOT NULL CHECK (status IN ('running', 'paused', 'stopping', 'stopped', 'completed')),
  total           int NOT NULL DEFAULT 0,
  done            int NOT NULL DEFAULT 0,
  failed          int NOT NULL DEFAULT 0,
  changed         int NOT NULL DEFAULT 0,
  unchanged       int NOT NULL DEFAULT 0,
  flagged         int NOT NULL DEFAULT 0,   -- would no longer qualify: an ad-hoc review was opened
  skipped         int NOT NULL DEFAULT 0,   -- closed meanwhile, or already under a newer version
  failed_case_ids text[] NOT NULL DEFAULT '{}',
  progress_seq    bigint NOT NULL DEFAULT 0, -- the workflow's own counter: a late write never overwrites a newer one
  started_by      text NOT NULL,
  started_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  finished_at     timestamptz
);

-- One row per case and adjustment, written in the same transaction as the case's audit event: the
-- amounts before and after, so the payroll can top up months already paid (补发).
CREATE TABLE adjustment_cases (
  adjustment_id   text NOT NULL REFERENCES standard_adjustments (id),
  case_id         text NOT NULL,             -- no foreign key: test resets truncate cases alone
  outcome         text NOT NULL CHECK (outcome IN ('changed', 'unchanged', 'flagged')),
  from_month      text NOT NULL,
  old_amount_fen  bigint NOT NULL,
  new_amount_fen  bigint NOT NULL,
  old_amounts     jsonb NOT NULL,
  new_amounts     jsonb NOT NULL,
  applied_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (adjustment_id, case_id)
);
CREATE INDEX adjustment_cases_case ON adjustment_cases (case_id);

-- 补发: once per case and adjustment, ever, in the first payroll after the case applied it.
-- A line of 0 fen records that nothing was owed (nothing paid yet at the old amount); rosters skip it.
CREATE TABLE back_payments (
  case_id         text NOT NULL,
  adjustment_id   text NOT NULL REFERENCES standard_adjustments (id),
  period          text NOT NULL,
  program         text NOT NULL,
  township        text NOT NULL,
  payee           text NOT NULL,
  months          text[] NOT NULL,
  amount_fen      bigint NOT NULL CHECK (amount_fen >= 0),
  due_on          date NOT NULL,
  paid_by_run     text,
  created_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (case_id, adjustment_id)
);
CREATE INDEX back_payments_period_township ON back_payments (period, township);

-- The batch pages through the live cases of one profile by case id.
CREATE INDEX cases_profile_open ON cases (profile_id, case_id) WHERE is_open;

GRANT SELECT, INSERT, UPDATE ON adjustment_runs TO aidflow_app;
REVOKE DELETE, TRUNCATE ON adjustment_runs FROM aidflow_app;
GRANT SELECT, INSERT ON adjustment_cases, back_payments TO aidflow_app;
REVOKE UPDATE, DELETE, TRUNCATE ON adjustment_cases, back_payments FROM aidflow_app;
