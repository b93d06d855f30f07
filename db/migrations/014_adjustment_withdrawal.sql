-- 撤回调标: a publication that no case has used yet can be withdrawn (a mistyped effective month must not
-- block the next 调标 for good). Adjustments, profiles and bindings stay append-only: the withdrawal is a
-- row of its own, and the version it names stops counting as the profile's latest, as does every
-- binding that points at it (db/profile-repo.ts, db/binding-repo.ts).
CREATE TABLE adjustment_withdrawals (
  adjustment_id   text PRIMARY KEY REFERENCES standard_adjustments (id) ON DELETE CASCADE,
  reason          text NOT NULL,
  withdrawn_by    text NOT NULL,
  withdrawn_role  text NOT NULL,
  withdrawn_at    timestamptz NOT NULL DEFAULT now()
);

-- The profile versions withdrawn publications produced.
CREATE VIEW withdrawn_profile_versions AS
  SELECT sa.profile_id, sa.to_version AS version, sa.id AS adjustment_id
  FROM standard_adjustments sa JOIN adjustment_withdrawals w ON w.adjustment_id = sa.id;

GRANT SELECT, INSERT ON adjustment_withdrawals TO aidflow_app;
REVOKE UPDATE, DELETE, TRUNCATE ON adjustment_withdrawals FROM aidflow_app;
GRANT SELECT ON withdrawn_profile_versions TO aidflow_app;
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON withdrawn_profile_versions FROM aidflow_app;
