-- Payloads encrypted before bindings existed name no case in their metadata. Their owner is read
-- once from the Temporal history they sit in (scripts/index-legacy-payloads.ts) and kept here by
-- the SHA-256 of their ciphertext, so /codec/decode can tie each one to its case or refuse it.
CREATE TABLE legacy_payload_owners (
  digest      bytea PRIMARY KEY,
  workflow_id text NOT NULL,
  case_id     text,
  area        text NOT NULL,
  indexed_at  timestamptz NOT NULL DEFAULT now()
);
-- First writer wins: the application role may add owners, never move one.
REVOKE ALL ON legacy_payload_owners FROM aidflow_app;
GRANT SELECT, INSERT ON legacy_payload_owners TO aidflow_app;
