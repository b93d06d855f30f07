-- Attempts to act outside one's role or area: supervisors and auditors review these.
CREATE TABLE access_denials (
  id            bigserial PRIMARY KEY,
  at            timestamptz NOT NULL DEFAULT now(),
  actor_id      text NOT NULL,
  actor_role    text NOT NULL,
  jurisdiction  text,
  method        text NOT NULL,
  path          text NOT NULL,
  reason        text NOT NULL
);

-- 单独登记备案: applicant related to a case worker or village cadre.
ALTER TABLE cases ADD COLUMN staff_related boolean NOT NULL DEFAULT false;
ALTER TABLE cases ADD COLUMN related_staff_id text;
CREATE INDEX cases_staff_related ON cases (township) WHERE staff_related;

-- The audit trail is append-only for everyone, the owner included; a DBA who disables this
-- trigger to alter history is caught by the hash chain (GET /api/cases/:id/audit/verify).
CREATE FUNCTION forbid_audit_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'case_events is append-only (% refused)', TG_OP;
END $$;
CREATE TRIGGER case_events_append_only BEFORE UPDATE OR DELETE ON case_events
  FOR EACH ROW EXECUTE FUNCTION forbid_audit_change();

-- The role the application works as (DB_ROLE): it may add audit rows, never change them.
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'aidflow_app') THEN CREATE ROLE aidflow_app NOLOGIN; END IF;
END $$;
GRANT USAGE ON SCHEMA public TO aidflow_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO aidflow_app;
REVOKE UPDATE, DELETE, TRUNCATE ON case_events FROM aidflow_app;
REVOKE UPDATE, DELETE, TRUNCATE ON access_denials FROM aidflow_app;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO aidflow_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO aidflow_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO aidflow_app;
