-- Which policy profile is in force for which region (CN, province, city, county or township), from
-- which date. Append-only: a change is a new row, so who bound what, when and why stays on record;
-- the binding in force for (region, effective_from) is its newest row.
CREATE TABLE profile_bindings (
  id               bigserial PRIMARY KEY,
  region           text NOT NULL CHECK (region = 'CN' OR region ~ '^([0-9]{2}|[0-9]{4}|[0-9]{6}|[0-9]{9})$'),
  region_name      text NOT NULL,
  profile_id       text NOT NULL,
  profile_version  int,            -- null: the latest version when a case is accepted
  effective_from   date NOT NULL,
  source           text NOT NULL,
  bound_by         text NOT NULL,
  bound_role       text NOT NULL,
  bound_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX profile_bindings_region ON profile_bindings (region, effective_from, id DESC);

GRANT SELECT, INSERT ON profile_bindings TO aidflow_app;
REVOKE UPDATE, DELETE, TRUNCATE ON profile_bindings FROM aidflow_app;
GRANT USAGE, SELECT ON SEQUENCE profile_bindings_id_seq TO aidflow_app;
