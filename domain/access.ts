import type { Actor } from './case';

// Jurisdiction codes follow the administrative division codes: a 6-digit county code is the
// prefix of its 9-digit township codes, so a county role covers all its townships.

export function covers(actor: Actor, township: string): boolean {
  return !!actor.jurisdiction && township.startsWith(actor.jurisdiction);
}

export function isCountyLevel(actor: Actor): boolean {
  return actor.jurisdiction?.length === 6;
}

/** Who may decide: the approver at the level the case is approved at (审核确认权限). */
export function approvalLevelMismatch(actor: Actor, level: 'township' | 'county'): string | null {
  if (level === 'county' && !isCountyLevel(actor))
    return 'this case is approved by the county civil-affairs bureau; a county-level approver must decide';
  if (level === 'township' && isCountyLevel(actor))
    return 'approval of this case is delegated to the township; its township approver decides';
  return null;
}
