import type { Pool, PoolClient } from 'pg';
import { parseProfile, PolicyProfile } from '../domain/policy';

// A version a withdrawn 调标 produced (migration 014) is nobody's latest; cases that hold a version still load it by number.
export const IN_FORCE = 'NOT EXISTS (SELECT 1 FROM withdrawn_profile_versions w WHERE w.profile_id = p.id AND w.version = p.version)';

export async function latestProfile(db: Pool | PoolClient, id: string): Promise<PolicyProfile | null> {
  const r = await db.query(`SELECT body FROM policy_profiles p WHERE id = $1 AND ${IN_FORCE} ORDER BY version DESC LIMIT 1`, [id]);
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
     FROM policy_profiles p WHERE ${IN_FORCE} ORDER BY id, version DESC`,
  );
  return r.rows;
}
