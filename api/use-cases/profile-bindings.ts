import { currentBindings, saveBinding } from '../../db/binding-repo';
import { latestProfile, profileVersion } from '../../db/profile-repo';
import type { DateStr } from '../../domain/calendar';
import type { Actor } from '../../domain/case';
import type { PolicyProfile } from '../../domain/policy';
import { bindingFor, BindingInput, mayBind, NATIONWIDE, ProfileBinding } from '../../domain/profile-bindings';
import type { CaseServices } from '../deps';
import { badRequest, forbidden } from '../errors';

/** Every region a township lies in, from the whole country down to the township itself. */
export function regionsOf(township: string): string[] {
  return [NATIONWIDE, township.slice(0, 2), township.slice(0, 4), township.slice(0, 6), township];
}

export async function bindingInForce(deps: Pick<CaseServices, 'db'>, township: string, on: DateStr): Promise<ProfileBinding | null> {
  const { items } = await currentBindings(deps.db, { regions: regionsOf(township) });
  return bindingFor(items, township, on);
}

/**
 * The profile a township's case runs under on a date: the binding decides. A profileId sent along
 * must be that one (a 大通湖区 case cannot run under the Shaanxi rules): otherwise 400 on the field.
 */
export async function profileForTownship(
  deps: Pick<CaseServices, 'db'>,
  township: string,
  on: DateStr,
  requested?: string,
): Promise<PolicyProfile> {
  const b = await bindingInForce(deps, township, on);
  if (!b)
    throw badRequest('no policy profile is bound to this township', [
      {
        path: 'township',
        message: `no profile binding covers ${township} on ${on}; a supervisor binds one (PUT /api/profile-bindings/:region)`,
      },
    ]);
  if (requested !== undefined && requested !== b.profileId) {
    throw badRequest('the policy profile does not apply in this township', [
      {
        path: 'profileId',
        message: `township ${township} is under ${b.profileId} (bound to ${b.region} ${b.regionName} from ${b.effectiveFrom}), not "${requested}"; leave profileId out or send ${b.profileId}`,
      },
    ]);
  }
  const p =
    b.profileVersion === null ? await latestProfile(deps.db, b.profileId) : await profileVersion(deps.db, b.profileId, b.profileVersion);
  // A binding is checked when it is saved; a profile missing now is a broken installation, not user input.
  if (!p) throw new Error(`profile binding ${b.region} names ${b.profileId} v${b.profileVersion ?? 'latest'}, which is not stored`);
  return p;
}

/** Binds a profile to a region from a date; a supervisor of an area containing the region only. */
export async function bindProfile(deps: Pick<CaseServices, 'db'>, actor: Actor, region: string, b: BindingInput): Promise<ProfileBinding> {
  if (!mayBind(actor, region)) {
    throw forbidden(
      `${actor.id} (${actor.role}, ${actor.jurisdiction ?? 'no jurisdiction'}) may not bind profiles for region ${region}: a supervisor binds within their own area; provinces and CN are set by the load script`,
    );
  }
  return saveCheckedBinding(deps, actor, region, b);
}

/** The load script's path: no area check (it runs with database access), the same content checks. */
export async function saveCheckedBinding(
  deps: Pick<CaseServices, 'db'>,
  actor: Actor,
  region: string,
  b: BindingInput,
): Promise<ProfileBinding> {
  const p =
    b.profileVersion === null ? await latestProfile(deps.db, b.profileId) : await profileVersion(deps.db, b.profileId, b.profileVersion);
  if (!p) {
    const path = b.profileVersion === null || !(await latestProfile(deps.db, b.profileId)) ? 'profileId' : 'profileVersion';
    throw badRequest('unknown policy profile', [
      { path, message: `no policy profile ${b.profileId}${b.profileVersion === null ? '' : ` v${b.profileVersion}`}` },
    ]);
  }
  return saveBinding(deps.db, { ...b, region }, actor);
}
