import { z } from 'zod';
import type { DateStr } from './calendar';
import { effectiveDate } from './bounded-fields';
import type { Actor } from './case';
import { TEXT_LIMITS } from './text';
import { label, text } from './text-fields';

// Which policy profile is in force where: a township's case runs under the profile bound to the most
// specific region containing it (township, county, city, province, then the whole country), as of the
// date that counts (the day the application was received). Region codes are administrative division
// code prefixes, like jurisdictions: 430921 (大通湖区) contains 430921101.

/** The whole country: the binding every township falls back to. */
export const NATIONWIDE = 'CN';

export const regionCode = z
  .string()
  .regex(/^(CN|\d{2}|\d{4}|\d{6}|\d{9})$/, 'a region is CN (全国) or a 2-, 4-, 6- or 9-digit administrative division code');

// Names and sources follow the one text rule (domain/text-fields.ts): PostgreSQL must be able to store them.
export const bindingBody = z.object({
  regionName: label(TEXT_LIMITS.label).min(2),
  profileId: z
    .string()
    .max(100)
    .regex(/^[a-z0-9-]+$/, 'a profile id like hunan-datonghu-2021'),
  /** Pins one version; absent: the latest version of the profile when a case is accepted. The bound keeps it a PostgreSQL integer. */
  profileVersion: z.number().int().min(1).max(1_000_000).nullable().default(null),
  effectiveFrom: effectiveDate(),
  source: text(TEXT_LIMITS.item).min(4, 'name the decision or document that puts this profile in force here'),
});
export type BindingInput = z.infer<typeof bindingBody>;

export interface ProfileBinding extends BindingInput {
  region: string;
  boundBy: string;
  boundRole: string;
  boundAt: string;
}

export function regionContains(region: string, township: string): boolean {
  return region === NATIONWIDE || township.startsWith(region);
}

/** The binding in force for a township on a date: most specific region first, then the latest start. */
export function bindingFor<B extends { region: string; effectiveFrom: DateStr }>(bindings: B[], township: string, on: DateStr): B | null {
  const inForce = bindings.filter((b) => regionContains(b.region, township) && b.effectiveFrom <= on);
  const depth = (b: B) => (b.region === NATIONWIDE ? 0 : b.region.length);
  inForce.sort((a, b) => depth(b) - depth(a) || (a.effectiveFrom < b.effectiveFrom ? 1 : a.effectiveFrom > b.effectiveFrom ? -1 : 0));
  return inForce[0] ?? null;
}

/**
 * A supervisor binds profiles within their own area only: their jurisdiction must contain the region.
 * Provinces and the whole country lie above every jurisdiction: the load script and the seed set those.
 */
export function mayBind(actor: Actor, region: string): boolean {
  return actor.role === 'supervisor' && !!actor.jurisdiction && region !== NATIONWIDE && region.startsWith(actor.jurisdiction);
}

/** Shipped defaults: the seeds' regions (seed 001 大通湖区, seed 000 陕西省) and the national rules elsewhere. */
export const DEFAULT_BINDINGS: (BindingInput & { region: string })[] = [
  {
    region: NATIONWIDE,
    regionName: '全国',
    profileId: 'national-2021',
    profileVersion: null,
    effectiveFrom: '2021-07-01',
    source:
      '民发〔2021〕57号《最低生活保障审核确认办法》、民发〔2021〕43号《特困人员认定办法》 (in force 2021-07-01) wherever no local rules are bound',
  },
  {
    region: '61',
    regionName: '陕西省',
    profileId: 'shaanxi-2021',
    profileVersion: null,
    effectiveFrom: '2021-04-23',
    source: '陕办字〔2021〕32号《关于改革完善社会救助制度的若干措施》 (seed 000)',
  },
  {
    region: '430921',
    regionName: '湖南省益阳市大通湖区',
    profileId: 'hunan-datonghu-2021',
    profileVersion: null,
    effectiveFrom: '2021-11-19',
    source: '大办发〔2021〕30号《关于改革完善社会救助制度的实施方案》 (seed 001, issued 2021-11-19)',
  },
];
