-- Working-day calendar: one row per official year, one per exceptional day in it.
CREATE TABLE calendar_years (
  year       int PRIMARY KEY,
  source     text NOT NULL,
  loaded_by  text NOT NULL,
  loaded_at  timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE calendar_days (
  day   date PRIMARY KEY,
  year  int NOT NULL REFERENCES calendar_years(year) ON DELETE CASCADE,
  kind  text NOT NULL CHECK (kind IN ('holiday', 'workday'))
);

-- Versions are immutable: a case keeps the version it was accepted under.
CREATE TABLE policy_profiles (
  id          text NOT NULL,
  version     int  NOT NULL,
  body        jsonb NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (id, version)
);

CREATE SEQUENCE case_number_seq;

-- Read model, one row per case, written by activities from the workflow's state.
CREATE TABLE cases (
  case_id              text PRIMARY KEY,
  program              text NOT NULL,
  township             text NOT NULL,
  household_id         text NOT NULL,
  applicant_name       text NOT NULL,
  applicant_id_masked  text NOT NULL,
  member_count         int  NOT NULL,
  profile_id           text NOT NULL,
  profile_version      int,
  stage                text NOT NULL,
  is_open              boolean NOT NULL DEFAULT true,
  sla_status           text NOT NULL DEFAULT 'on_time',
  accepted_on          date,
  due_date             date,
  due_provisional      boolean NOT NULL DEFAULT false,
  warn_on              date,
  extended             boolean NOT NULL DEFAULT false,
  decided_on           date,
  decision             text,
  monthly_amount_fen   bigint,
  request_hash         text NOT NULL,
  application          jsonb NOT NULL,
  state                jsonb,
  state_version        int NOT NULL DEFAULT 0,
  accepted_by          text NOT NULL,
  accepted_role        text NOT NULL,
  created_at           timestamptz NOT NULL DEFAULT now(),
  updated_at           timestamptz NOT NULL DEFAULT now()
);
-- One open case per household and program; a race between two windows ends here.
CREATE UNIQUE INDEX cases_one_open_per_household ON cases (household_id, program) WHERE is_open;
CREATE INDEX cases_stage ON cases (stage);
CREATE INDEX cases_township ON cases (township);
CREATE INDEX cases_sla_due ON cases (sla_status, due_date) WHERE is_open;

-- Append-only audit trail, each event chained to the previous one of its case by hash.
CREATE TABLE case_events (
  id           bigserial PRIMARY KEY,
  case_id      text NOT NULL REFERENCES cases(case_id),
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
  recorded_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (case_id, seq)
);

-- Public notices, decision notices and objections, as posted.
CREATE TABLE notices (
  notice_id   text PRIMARY KEY,
  case_id     text NOT NULL REFERENCES cases(case_id),
  kind        text NOT NULL,
  status      text NOT NULL,
  starts_on   date,
  ends_on     date,
  title       text NOT NULL,
  body        text NOT NULL,
  data        jsonb NOT NULL DEFAULT '{}',
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX notices_case ON notices (case_id);

-- Records the local data-match provider checks (stands in for shared departmental data).
CREATE TABLE datamatch_records (
  id_number           text NOT NULL,
  source              text NOT NULL,
  description         text NOT NULL,
  monthly_income_fen  bigint NOT NULL DEFAULT 0,
  disqualifying       boolean NOT NULL DEFAULT false,
  PRIMARY KEY (id_number, source)
);
