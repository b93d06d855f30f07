import { policyProfileSchema, type PolicyProfile } from '../policy';
import { hunanDatonghu2021 } from './hunan-datonghu-2021';
import { national2021 } from './national-2021';
import { shaanxi2021 } from './shaanxi-2021';

// Parsed at load so a profile that breaks the schema stops the process before any case uses it.
export const PROFILES: PolicyProfile[] = [national2021, hunanDatonghu2021, shaanxi2021].map((p) => policyProfileSchema.parse(p));

export function findProfile(id: string): PolicyProfile | undefined {
  return PROFILES.find((p) => p.id === id);
}
