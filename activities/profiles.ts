import { ApplicationFailure } from '@temporalio/activity';
import type { Pool } from 'pg';
import type { PolicyProfile } from '../domain/policy';
import { CaseProfile, caseProfile } from '../domain/profile-slice';
import { latestProfile, profileVersion } from '../db/profile-repo';

export function createProfileActivities(db: Pool) {
  /** The version in force at acceptance; the case keeps it for its whole life. */
  async function loadProfile(id: string): Promise<PolicyProfile> {
    const p = await latestProfile(db, id);
    if (!p) throw ApplicationFailure.nonRetryable(`unknown policy profile: ${id}`, 'ProfileNotFound');
    return p;
  }
  async function loadProfileVersion(ref: { id: string; version: number }): Promise<PolicyProfile> {
    const p = await profileVersion(db, ref.id, ref.version);
    if (!p) throw ApplicationFailure.nonRetryable(`unknown policy profile ${ref.id} v${ref.version}`, 'ProfileNotFound');
    return p;
  }
  /** The numbers a case workflow uses (domain/profile-slice.ts), for cases started without them in their input. */
  async function loadCaseProfile(ref: { id: string; version?: number }): Promise<CaseProfile> {
    return caseProfile(
      ref.version === undefined ? await loadProfile(ref.id) : await loadProfileVersion({ id: ref.id, version: ref.version }),
    );
  }
  return { loadProfile, loadProfileVersion, loadCaseProfile };
}
