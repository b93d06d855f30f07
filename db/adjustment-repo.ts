import type { Pool } from 'pg';
import type { AdjustmentDraft } from '../domain/adjustment-draft';

// 调标: the published adjustments (table standard_adjustments, append-only) and the live cases each reaches.

export interface StandardAdjustment {
  id: string;
  profileId: string;
  fromVersion: number;
  toVersion: number;
  effectiveMonth: string;
  backPay: boolean;
  draft: AdjustmentDraft;
  documentRef: string;
  documentTitle: string;
  /** The publishing supervisor's jurisdiction: the cases it reaches lie within it. */
  areaCode: string;
  publishedBy: string;
  publishedAt: string;
}

export const adjustmentId = (profileId: string, toVersion: number) => `ADJ-${profileId}-v${toVersion}`;

/** Records a published adjustment (its new profile version saved first); a repeat leaves the stored one as it is. */
export async function insertAdjustment(
  db: Pool,
  a: { draft: AdjustmentDraft; toVersion: number; areaCode: string; publishedBy: string },
): Promise<StandardAdjustment> {
  const id = adjustmentId(a.draft.profileId, a.toVersion);
  await db.query(
    `INSERT INTO standard_adjustments (id, profile_id, from_version, to_version, effective_month, back_pay, draft, document_ref,
       document_title, area_code, published_by)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11) ON CONFLICT (id) DO NOTHING`,
    [
      id,
      a.draft.profileId,
      a.draft.baseVersion,
      a.toVersion,
      a.draft.effectiveMonth,
      a.draft.backPay,
      a.draft,
      a.draft.document.ref,
      a.draft.document.title,
      a.areaCode,
      a.publishedBy,
    ],
  );
  return (await getAdjustment(db, id))!;
}

export async function getAdjustment(db: Pool, id: string): Promise<StandardAdjustment | null> {
  const r = await db.query('SELECT * FROM standard_adjustments WHERE id = $1', [id]);
  if (!r.rowCount) return null;
  const x = r.rows[0];
  return {
    id: x.id,
    profileId: x.profile_id,
    fromVersion: x.from_version,
    toVersion: x.to_version,
    effectiveMonth: x.effective_month,
    backPay: x.back_pay,
    draft: x.draft,
    documentRef: x.document_ref,
    documentTitle: x.document_title,
    areaCode: x.area_code,
    publishedBy: x.published_by,
    publishedAt: x.published_at.toISOString(),
  };
}

// Live: in the benefit period (not ended), under the adjustment's profile, within the issuing area.
const LIVE = `profile_id = $1 AND is_open AND state->>'phase' = 'benefit' AND township LIKE $2 || '%'`;

/** One keyset page of the live cases an adjustment reaches: case ids after `after`, at most `limit`. */
export async function adjustmentTargetPage(db: Pool, a: StandardAdjustment, after: string, limit: number): Promise<string[]> {
  const r = await db.query(`SELECT case_id FROM cases WHERE ${LIVE} AND case_id > $3 ORDER BY case_id LIMIT $4`, [
    a.profileId,
    a.areaCode,
    after,
    limit,
  ]);
  return r.rows.map((x) => x.case_id);
}

export async function countAdjustmentTargets(db: Pool, a: StandardAdjustment): Promise<number> {
  return (await db.query(`SELECT count(*)::int AS n FROM cases WHERE ${LIVE}`, [a.profileId, a.areaCode])).rows[0].n;
}
