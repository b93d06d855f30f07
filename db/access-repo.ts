import type { Pool } from 'pg';

export async function listDenials(db: Pool, within: string, limit = 200) {
  const r = await db.query(
    `SELECT at, actor_id, actor_role, jurisdiction, method, path, reason FROM access_denials
     WHERE jurisdiction LIKE $1 || '%' ORDER BY at DESC, id DESC LIMIT $2`,
    [within, limit],
  );
  return r.rows.map((x) => ({
    at: x.at.toISOString(),
    actor: { id: x.actor_id, role: x.actor_role, jurisdiction: x.jurisdiction },
    method: x.method,
    path: x.path,
    reason: x.reason,
  }));
}
