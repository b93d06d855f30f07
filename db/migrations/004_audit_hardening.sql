-- TRUNCATE fires no row trigger: refuse it at statement level too.
CREATE FUNCTION forbid_audit_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'case_events is append-only (TRUNCATE refused)';
END $$;
CREATE TRIGGER case_events_no_truncate BEFORE TRUNCATE ON case_events
  FOR EACH STATEMENT EXECUTE FUNCTION forbid_audit_truncate();

-- Who decoded which cases' payloads through the codec endpoint (the Web UI).
CREATE TABLE payload_decodes (
  id            bigserial PRIMARY KEY,
  at            timestamptz NOT NULL DEFAULT now(),
  actor_id      text NOT NULL,
  actor_role    text NOT NULL,
  jurisdiction  text,
  payloads      int NOT NULL,
  case_ids      text[] NOT NULL
);
GRANT SELECT, INSERT ON payload_decodes TO aidflow_app;
GRANT USAGE, SELECT ON SEQUENCE payload_decodes_id_seq TO aidflow_app;
