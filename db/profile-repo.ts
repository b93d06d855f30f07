import type { Pool } from 'pg';
import { parseProfile, PolicyProfile } from '../domain/policy';

export async function latestProfile(db: Pool, id: string): Promise<PolicyProfile | null> {
  const r = await db.query('SELECT body FROM policy_profiles WHERE id = $1 ORDER BY version DESC LIMIT 1', [id]);
  return r.rowCount ? parseProfile(r.rows[0].body) : null;
}

export async function profileVersion(db: Pool, id: string, version: number): Promise<PolicyProfile | null> {
  const r = await db.query('SELECT body FROM policy_profiles WHERE id = $1 AND version = $2', [id, version]);
  return r.rowCount ? parseProfile(r.rows[0].body) : null;
}

/** Versions are immutable: saving an existing (id, version) again leaves the stored one as it is. */
export async function saveProfile(db: Pool, p: PolicyProfile): Promise<void> {
  await db.query('INSERT INTO policy_profiles (id, version, body) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [p.id, p.version, p]);
}

export async function listProfiles(db: Pool): Promise<{ id: string; version: number; name: string; region: string }[]> {
  const r = await db.query(
    `SELECT DISTINCT ON (id) id, version, body->>'name' AS name, body->>'region' AS region
     FROM policy_profiles ORDER BY id, version DESC`,
  );
  return r.rows;
}
