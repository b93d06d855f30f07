import type { Pool } from 'pg';
import type { BindingInput, ProfileBinding } from '../domain/profile-bindings';

const COLUMNS = `region, region_name, profile_id, profile_version, to_char(effective_from, 'YYYY-MM-DD') AS effective_from,
  source, bound_by, bound_role, bound_at`;

function toBinding(r: Record<string, any>): ProfileBinding {
  return {
    region: r.region,
    regionName: r.region_name,
    profileId: r.profile_id,
    profileVersion: r.profile_version,
    effectiveFrom: r.effective_from,
    source: r.source,
    boundBy: r.bound_by,
    boundRole: r.bound_role,
    boundAt: r.bound_at.toISOString(),
  };
}

/** A row pointing at a version a withdrawn 调标 produced is void: the row it replaced counts again (migration 014). */
export const NOT_WITHDRAWN =
  'NOT EXISTS (SELECT 1 FROM withdrawn_profile_versions w WHERE w.profile_id = b.profile_id AND w.version = b.profile_version)';

/** The bindings in force (newest row per region and start date), for the regions containing a township or all. */
export async function currentBindings(
  db: Pool,
  f: { regions?: string[]; page?: number; pageSize?: number } = {},
): Promise<{ items: ProfileBinding[]; total: number }> {
  const filter = f.regions ? 'AND region = ANY($1::text[])' : '';
  const args: unknown[] = f.regions ? [f.regions] : [];
  const latest = `SELECT DISTINCT ON (region, effective_from) ${COLUMNS} FROM profile_bindings b WHERE ${NOT_WITHDRAWN} ${filter}
    ORDER BY region, effective_from, id DESC`;
  const total = (await db.query(`SELECT count(*)::int AS n FROM (${latest}) b`, args)).rows[0].n as number;
  const size = f.pageSize ?? 1000;
  const r = await db.query(
    `SELECT * FROM (${latest}) b ORDER BY region, effective_from LIMIT ${size} OFFSET ${((f.page ?? 1) - 1) * size}`,
    args,
  );
  return { items: r.rows.map(toBinding), total };
}

/** Every change ever made to a region's bindings, newest first (the audit trail). */
export async function bindingHistory(db: Pool, region: string, limit = 200): Promise<ProfileBinding[]> {
  const r = await db.query(`SELECT ${COLUMNS} FROM profile_bindings WHERE region = $1 ORDER BY id DESC LIMIT $2`, [region, limit]);
  return r.rows.map(toBinding);
}

export async function saveBinding(
  db: Pool,
  b: BindingInput & { region: string },
  by: { id: string; role: string },
): Promise<ProfileBinding> {
  const r = await db.query(
    `INSERT INTO profile_bindings (region, region_name, profile_id, profile_version, effective_from, source, bound_by, bound_role)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8) RETURNING ${COLUMNS}`,
    [b.region, b.regionName, b.profileId, b.profileVersion, b.effectiveFrom, b.source, by.id, by.role],
  );
  return toBinding(r.rows[0]);
}

export async function regionHasBinding(db: Pool, region: string): Promise<boolean> {
  return (await db.query('SELECT 1 FROM profile_bindings WHERE region = $1 LIMIT 1', [region])).rowCount === 1;
}
