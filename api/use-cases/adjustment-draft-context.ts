import { currentBindings } from '../../db/binding-repo';
import { profileVersions } from '../../db/adjustment-repo';
import { AdjustmentDraft, applyDraft } from '../../domain/adjustment-draft';
import type { Actor } from '../../domain/case';
import { policyProfileSchema, PolicyProfile } from '../../domain/policy';
import { NATIONWIDE } from '../../domain/profile-bindings';
import { findTextFault } from '../../domain/text';
import type { CaseServices } from '../deps';
import { badRequest, conflict, fieldErrors, forbidden } from '../errors';

// What preview and publish both check of a draft, in the house order: the input names a real profile
// (400), the caller's area meets the profile's (403), the draft starts from the latest version (409),
// and the profile it produces is a valid one (400 on the field that breaks it).

export interface DraftContext {
  draft: AdjustmentDraft;
  /** The latest stored version: the draft's base. */
  base: PolicyProfile;
  /** The base with the draft applied, numbered as the next version after it. */
  next: PolicyProfile;
  versions: Map<number, PolicyProfile>;
  /** Regions the profile is bound at now (profile_bindings in force). */
  regions: string[];
  /** The jurisdiction prefix the preview covers. */
  within: string;
}

const depth = (region: string) => (region === NATIONWIDE ? 0 : region.length);
const overlaps = (region: string, area: string) => region === NATIONWIDE || region.startsWith(area) || area.startsWith(region);

/** The issuing level (发文层级): the least specific region the profile is bound at. */
export const issuingRegion = (regions: string[]): string => [...regions].sort((a, b) => depth(a) - depth(b))[0];

export async function draftContext(deps: Pick<CaseServices, 'db'>, actor: Actor, draft: AdjustmentDraft): Promise<DraftContext> {
  const fault = findTextFault(draft);
  if (fault) throw badRequest('invalid body', [fault]);
  const versions = await profileVersions(deps.db, draft.profileId);
  if (!versions.size) throw badRequest('unknown policy profile', [{ path: 'profileId', message: `no policy profile ${draft.profileId}` }]);
  const { items } = await currentBindings(deps.db);
  const regions = [...new Set(items.filter((b) => b.profileId === draft.profileId).map((b) => b.region))];
  if (!actor.jurisdiction) throw forbidden(`${actor.id} has no jurisdiction`);
  const within = actor.jurisdiction;
  if (!regions.some((r) => overlaps(r, within)))
    throw forbidden(
      `${draft.profileId} is not bound in ${actor.id}'s jurisdiction (${within}); it is bound at ${regions.join(', ') || 'no region'}`,
    );
  const latest = Math.max(...versions.keys());
  if (draft.baseVersion !== latest) {
    if (!versions.has(draft.baseVersion))
      throw badRequest('unknown profile version', [
        { path: 'baseVersion', message: `${draft.profileId} has no version ${draft.baseVersion}` },
      ]);
    throw conflict(
      'STALE_BASE_VERSION',
      `${draft.profileId} v${draft.baseVersion} is not the latest version (v${latest} is): start the draft from v${latest}`,
      { latestVersion: latest },
    );
  }
  const base = versions.get(latest)!;
  const c = draft.changes;
  if (!base.benefit && (c.gradualExitMonths !== undefined || c.reviewRules !== undefined))
    throw badRequest('the profile has no benefit period', [
      { path: 'changes', message: `${draft.profileId} v${latest} has no benefit rules (reviews, gradual exit) to change` },
    ]);
  if (`${draft.effectiveMonth}-01` < base.effectiveFrom)
    throw badRequest('the effective month precedes the base version', [
      { path: 'effectiveMonth', message: `${draft.effectiveMonth} is before v${latest} took effect (${base.effectiveFrom})` },
    ]);
  const next = applyDraft(base, draft, latest + 1);
  const parsed = policyProfileSchema.safeParse(next);
  if (!parsed.success) throw badRequest('the draft makes an invalid profile', fieldErrors(parsed.error, 'changes'));
  return { draft, base, next, versions, regions, within };
}
