import type { PoolClient } from 'pg';
import { insertAdjustment, lockProfileAdjustments, StandardAdjustment } from '../../db/adjustment-repo';
import { IN_FORCE } from '../../db/profile-repo';
import { NOT_WITHDRAWN } from '../../db/binding-repo';
import { inTransaction } from '../../db/pool';
import { AdjustmentDraft, applyDraft } from '../../domain/adjustment-draft';
import { DateStr, shanghaiDate } from '../../domain/calendar';
import type { Actor } from '../../domain/case';
import { PROFILES } from '../../domain/profiles';
import type { CaseServices } from '../deps';
import { conflict, forbidden } from '../errors';
import { draftContext, issuingRegion } from './adjustment-draft-context';

// 发布调标: the draft becomes the profile's next version, the adjustment is recorded, and the bindings
// that follow the profile's latest version point new acceptances at it from the effective month.

/** The next version number nobody holds: above every stored one and every one this code ships (db/seed.ts). */
export function nextFreeVersion(profileId: string, latestStored: number): number {
  const shipped = PROFILES.filter((p) => p.id === profileId).map((p) => p.version);
  return Math.max(latestStored, ...shipped) + 1;
}

/**
 * Bindings in force that follow this profile (latest, or pinned to the base) get a row from the
 * effective month pinned to the new version. A binding that followed "the latest version" is first
 * pinned to the base from its own start, so acceptances before the effective month keep the old rules.
 */
async function pointBindings(tx: PoolClient, draft: AdjustmentDraft, toVersion: number, actor: Actor, today: DateStr): Promise<void> {
  const from = `${draft.effectiveMonth}-01`;
  const r = await tx.query(
    `SELECT DISTINCT ON (region, effective_from) region, region_name, profile_id, profile_version,
            to_char(effective_from, 'YYYY-MM-DD') AS effective_from
     FROM profile_bindings b WHERE ${NOT_WITHDRAWN} ORDER BY region, effective_from, id DESC`,
  );
  const latestPerRegion = new Map<string, Record<string, any>>();
  for (const b of r.rows) if (b.effective_from <= from) latestPerRegion.set(b.region, b); // rows come in start order
  const insert = (b: Record<string, any>, version: number, on: DateStr, why: string) =>
    tx.query(
      `INSERT INTO profile_bindings (region, region_name, profile_id, profile_version, effective_from, source, bound_by, bound_role)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8)`,
      [b.region, b.region_name, draft.profileId, version, on, why, actor.id, actor.role],
    );
  const doc = `${draft.document.title}（${draft.document.ref}）`;
  for (const b of latestPerRegion.values()) {
    if (b.profile_id !== draft.profileId || (b.profile_version !== null && b.profile_version !== draft.baseVersion)) continue;
    if (b.profile_version === null && from > today && b.effective_from < from)
      await insert(b, draft.baseVersion, b.effective_from, `调标前沿用 v${draft.baseVersion}：${doc}自${draft.effectiveMonth}起执行`);
    await insert(b, toVersion, from, `调标：${doc}，自${draft.effectiveMonth}起执行 v${toVersion}`);
  }
}

export async function publishAdjustment(
  deps: Pick<CaseServices, 'db'>,
  actor: Actor,
  draft: AdjustmentDraft,
  now = Date.now(),
): Promise<StandardAdjustment> {
  const ctx = await draftContext(deps, actor, draft);
  const issuing = issuingRegion(ctx.regions);
  if (actor.jurisdiction !== issuing)
    throw forbidden(
      `${draft.profileId} is issued at ${issuing} (where it is bound): only a supervisor of ${issuing} publishes its adjustments; ${actor.id} is of ${actor.jurisdiction}`,
    );
  return inTransaction(deps.db, async (tx) => {
    // One publisher per profile at a time: the second waits here, then finds its base stale.
    await lockProfileAdjustments(tx, draft.profileId);
    const { latest, top } = (
      await tx.query(
        `SELECT (max(version) FILTER (WHERE ${IN_FORCE}))::int AS latest, max(version)::int AS top FROM policy_profiles p WHERE id = $1`,
        [draft.profileId],
      )
    ).rows[0] as { latest: number; top: number };
    if (latest !== draft.baseVersion)
      throw conflict('STALE_BASE_VERSION', `${draft.profileId} v${latest} was published meanwhile: preview again from v${latest}`, {
        latestVersion: latest,
      });
    // Above a withdrawn version too: its number stays taken.
    const toVersion = nextFreeVersion(draft.profileId, top);
    const profile = applyDraft(ctx.base, draft, toVersion);
    await tx.query('INSERT INTO policy_profiles (id, version, body) VALUES ($1, $2, $3)', [profile.id, toVersion, profile]);
    const adjustment = await insertAdjustment(tx, { draft, toVersion, areaCode: issuing, publishedBy: actor.id });
    await pointBindings(tx, draft, toVersion, actor, shanghaiDate(now));
    return adjustment;
  });
}
