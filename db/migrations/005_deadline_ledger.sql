-- 期限台账 mirrored for lists and the calendar fan-out: one row per ledger entry of a case,
-- replaced whole with each newer snapshot. Only working-day entries move with the calendar.
CREATE TABLE case_deadlines (
  case_id     text NOT NULL, -- no foreign key: test resets truncate cases without knowing this table
  key         text NOT NULL,
  kind        text NOT NULL,
  unit        text NOT NULL CHECK (unit IN ('workingDays', 'calendarDays', 'months')),
  start_on    date NOT NULL,
  due_on      date NOT NULL,
  -- The last calendar year the entry depends on (its due year, or a later provisional year).
  last_year   int  NOT NULL,
  provisional boolean NOT NULL,
  open        boolean NOT NULL,
  PRIMARY KEY (case_id, key)
);
CREATE INDEX case_deadlines_open_years ON case_deadlines (last_year, case_id) WHERE open AND unit = 'workingDays';
GRANT SELECT, INSERT, UPDATE, DELETE ON case_deadlines TO aidflow_app;
