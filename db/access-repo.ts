import type { Pool } from 'pg';
import { areaCondition, decodeCursor, Keyset, pageOf } from './keyset';

/** Refused requests by staff in an area, newest first, keyset-paged (indexes access_denials_county / _jurisdiction). */
export async function listDenials(db: Pool, within: string, page: Keyset = { limit: 200 }) {
  const args: unknown[] = [within];
  const parts = [areaCondition(within, 1, { township: 'jurisdiction', county: 'county' })];
  const after = decodeCursor('denials', ['ts', 'int'], page.cursor);
  if (after) {
    args.push(...after);
    parts.push('(at, id) < ($2, $3)');
  }
  args.push(page.limit + 1);
  const r = await db.query(
    `SELECT at, at::text AS k0, id::text AS k1, actor_id, actor_role, jurisdiction, method, path, reason FROM access_denials
     WHERE ${parts.join(' AND ')} ORDER BY at DESC, id DESC LIMIT $${args.length}`,
    args,
  );
  return pageOf(
    r.rows,
    page.limit,
    'denials',
    (x) => [x.k0, x.k1],
    (x) => ({
      at: x.at.toISOString(),
      actor: { id: x.actor_id, role: x.actor_role, jurisdiction: x.jurisdiction },
      method: x.method,
      path: x.path,
      reason: x.reason,
    }),
  );
}
