-- 分办/转办: requests for special assistance referred to the department in charge (#9).

-- Reference data: the departments each county's window refers to, with where the list comes from.
CREATE TABLE referral_departments (
  county      text NOT NULL,
  code        text NOT NULL,
  name        text NOT NULL,
  kinds       text[] NOT NULL,
  source      text NOT NULL,
  loaded_by   text NOT NULL,
  loaded_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (county, code)
);

CREATE SEQUENCE referral_number_seq;

-- Read model, one row per referral, written by the referral workflow's activities.
CREATE TABLE referrals (
  referral_id      text PRIMARY KEY,
  township         text NOT NULL,
  household_id     text NOT NULL,
  case_id          text,
  kind             text NOT NULL,
  department_code  text NOT NULL,
  department_name  text NOT NULL,
  stage            text NOT NULL,
  sla_status       text NOT NULL DEFAULT 'on_time',
  referred_on      date,
  due_date         date,
  escalated_on     date,
  outcome          text,
  request_hash     text NOT NULL,
  request          jsonb NOT NULL,
  state            jsonb,
  state_version    int NOT NULL DEFAULT 0,
  created_by       text NOT NULL,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now()
);
-- One unanswered referral per household, kind and department: a second click finds the first.
CREATE UNIQUE INDEX referrals_one_open ON referrals (household_id, kind, department_code) WHERE stage <> 'answered';
CREATE INDEX referrals_township ON referrals (township);
CREATE INDEX referrals_household ON referrals (household_id);

-- The referral's own audit trail, hash-chained like case_events and just as append-only.
CREATE TABLE referral_events (
  id           bigserial PRIMARY KEY,
  referral_id  text NOT NULL REFERENCES referrals(referral_id),
  seq          int  NOT NULL,
  type         text NOT NULL,
  stage        text NOT NULL,
  actor_id     text NOT NULL,
  actor_role   text NOT NULL,
  reason       text,
  data         jsonb NOT NULL DEFAULT '{}',
  occurred_at  timestamptz NOT NULL,
  due_date     date,
  prev_hash    text,
  hash         text NOT NULL,
  run_id       text,
  recorded_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (referral_id, seq)
);
CREATE TRIGGER referral_events_append_only BEFORE UPDATE OR DELETE ON referral_events
  FOR EACH ROW EXECUTE FUNCTION forbid_audit_change();

GRANT SELECT, INSERT, UPDATE, DELETE ON referral_departments, referrals TO aidflow_app;
GRANT SELECT, INSERT ON referral_events TO aidflow_app;
REVOKE UPDATE, DELETE, TRUNCATE ON referral_events FROM aidflow_app;
GRANT USAGE, SELECT ON SEQUENCE referral_number_seq, referral_events_id_seq TO aidflow_app;

-- The published roll (公示名册) reads approved cases by village.
CREATE INDEX cases_roll ON cases (township, (application->'household'->>'village')) WHERE decision = 'approve';
