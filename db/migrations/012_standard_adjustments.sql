-- 调标: each published adjustment, the profile version it produced and the month it takes effect from.
-- Append-only like the profiles themselves: a correction is a new adjustment, never an edit.
CREATE TABLE standard_adjustments (
  id               text PRIMARY KEY,            -- 'ADJ-<profileId>-v<toVersion>'
  profile_id       text NOT NULL,
  from_version     int  NOT NULL,
  to_version       int  NOT NULL,
  effective_month  text NOT NULL CHECK (effective_month ~ '^\d{4}-(0[1-9]|1[0-2])$'),
  back_pay         boolean NOT NULL,
  draft            jsonb NOT NULL,              -- the AdjustmentDraft as published (domain/adjustment-draft.ts)
  document_ref     text NOT NULL,
  document_title   text NOT NULL,
  area_code        text NOT NULL,               -- the publishing supervisor's jurisdiction
  published_by     text NOT NULL,
  published_at     timestamptz NOT NULL DEFAULT now(),
  UNIQUE (profile_id, to_version),
  FOREIGN KEY (profile_id, from_version) REFERENCES policy_profiles (id, version),
  FOREIGN KEY (profile_id, to_version) REFERENCES policy_profiles (id, version)
);
REVOKE UPDATE, DELETE, TRUNCATE ON standard_adjustments FROM aidflow_app;
