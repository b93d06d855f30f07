-- Each audit event carries an HMAC chained to the previous event's, keyed with a secret that
-- only the worker and the API hold (AUDIT_MAC_KEY): the database owner can rewrite rows and
-- recompute their hashes, but not their MACs. Rows recorded before this have none (legacy).
ALTER TABLE case_events ADD COLUMN mac text;

-- Cases a supervisor must look at (today: an audit chain the worker found broken, so the case's
-- steps are refused until the chain is restored). One row per case and kind; resolved_at is set
-- when the next step records normally again.
CREATE TABLE cases_needing_attention (
  case_id        text NOT NULL,  -- no foreign key: test resets truncate cases alone
  kind           text NOT NULL,
  reason         text NOT NULL,
  seq            int,
  first_seen_at  timestamptz NOT NULL DEFAULT now(),
  last_seen_at   timestamptz NOT NULL DEFAULT now(),
  occurrences    int NOT NULL DEFAULT 1,
  resolved_at    timestamptz,
  PRIMARY KEY (case_id, kind)
);
CREATE INDEX cases_needing_attention_open ON cases_needing_attention (last_seen_at DESC) WHERE resolved_at IS NULL;
GRANT SELECT, INSERT, UPDATE ON cases_needing_attention TO aidflow_app;
REVOKE DELETE, TRUNCATE ON cases_needing_attention FROM aidflow_app;

-- The application logs in as aidflow_app itself (never as the owner with `SET ROLE`), so a
-- compromised session cannot RESET ROLE or SET ROLE back to the owner. It is a member of no
-- role: any membership (even NOINHERIT) would let it SET ROLE to that role.
DO $$
DECLARE m record;
BEGIN
  ALTER ROLE aidflow_app LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS INHERIT;
  FOR m IN SELECT r.rolname FROM pg_auth_members am JOIN pg_roles r ON r.oid = am.roleid
           WHERE am.member = (SELECT oid FROM pg_roles WHERE rolname = 'aidflow_app') LOOP
    EXECUTE format('REVOKE %I FROM aidflow_app', m.rolname);
  END LOOP;
END $$;
