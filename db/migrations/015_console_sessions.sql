-- Console sign-ins (#18): the browser's cookie holds a random session id; the API keeps the session here,
-- so every API process sees it and signing out ends it everywhere. Only the id's SHA-256 is stored: a
-- reader of this table learns nobody's cookie. The identity is what the token verified to; the bearer
-- token itself is never kept. expires_at is never later than the token's own exp.
CREATE TABLE console_sessions (
  id_hash       bytea PRIMARY KEY CHECK (length(id_hash) = 32),
  actor_id      text NOT NULL,
  actor_role    text NOT NULL,
  jurisdiction  text,
  actor_name    text,
  csrf_token    text NOT NULL,             -- the session's form token, put in every console POST form
  created_at    timestamptz NOT NULL DEFAULT now(),
  expires_at    timestamptz NOT NULL
);
-- Sign-ins sweep the expired ones.
CREATE INDEX console_sessions_expires ON console_sessions (expires_at);

-- Sessions are opened, read and ended, never edited.
REVOKE ALL ON console_sessions FROM aidflow_app;
GRANT SELECT, INSERT, DELETE ON console_sessions TO aidflow_app;
