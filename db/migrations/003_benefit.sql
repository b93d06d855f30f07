-- The benefit period (保障期): reviews, amounts in force, the paid window, payroll.
ALTER TABLE cases ADD COLUMN next_review_on date;
ALTER TABLE cases ADD COLUMN category text;
ALTER TABLE cases ADD COLUMN paid_from text;      -- YYYY-MM, first month paid
ALTER TABLE cases ADD COLUMN paid_through text;   -- YYYY-MM, last month paid; null while open-ended
ALTER TABLE cases ADD COLUMN exit_ends_on date;   -- 渐退期 end, while a gradual exit runs

-- Which Temporal run recorded an event: auditors replay each run of a case.
ALTER TABLE case_events ADD COLUMN run_id text;

CREATE TABLE benefit_amounts (
  case_id     text NOT NULL REFERENCES cases(case_id),
  from_month  text NOT NULL,
  amount_fen  bigint NOT NULL CHECK (amount_fen >= 0),
  reason      text NOT NULL,
  PRIMARY KEY (case_id, from_month)
);

-- One payment per case and period, ever: a payroll run repeated pays nobody twice.
CREATE TABLE payments (
  case_id     text NOT NULL REFERENCES cases(case_id),
  period      text NOT NULL,
  program     text NOT NULL,
  township    text NOT NULL,
  months      text[] NOT NULL,
  amount_fen  bigint NOT NULL CHECK (amount_fen > 0),
  due_on      date NOT NULL,
  payee       text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (case_id, period)
);
CREATE INDEX payments_period_township ON payments (period, township);

GRANT SELECT, INSERT, UPDATE, DELETE ON benefit_amounts TO aidflow_app;
GRANT SELECT, INSERT ON payments TO aidflow_app;
REVOKE UPDATE, DELETE, TRUNCATE ON payments FROM aidflow_app;
