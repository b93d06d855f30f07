import fs from 'node:fs';
import path from 'node:path';
import { policyProfileSchema, type PolicyProfile } from '../domain/policy';
import { findProfile, PROFILES } from '../domain/profiles';

const SEEDS_DIR = path.resolve(__dirname, '../../shared/seeds');

// Page breaks in the seed texts split sentences across lines, so quotes are compared without whitespace.
const squash = (s: string) => s.replace(/\s+/g, '');

function seedText(num: string): string {
  const file = fs.readdirSync(SEEDS_DIR).find((f) => f.startsWith(`${num}_`));
  if (!file) throw new Error(`no seed file ${num}_* in ${SEEDS_DIR}`);
  return squash(fs.readFileSync(path.join(SEEDS_DIR, file), 'utf8'));
}

function sources(node: unknown, at = ''): { at: string; source: string }[] {
  if (node === null || typeof node !== 'object') return [];
  return Object.entries(node).flatMap(([k, v]) =>
    k === 'source' && typeof v === 'string' ? [{ at, source: v }] : sources(v, `${at}.${k}`),
  );
}

function profile(id: string): PolicyProfile {
  const p = findProfile(id);
  if (!p) throw new Error(`profile ${id} missing`);
  return p;
}

describe('policy profiles', () => {
  it('all parse against the schema', () => {
    expect(PROFILES).toHaveLength(3);
    for (const p of PROFILES) expect(() => policyProfileSchema.parse(p)).not.toThrow();
  });

  it('have unique ids and are found by id', () => {
    const ids = PROFILES.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(findProfile(id)?.id).toBe(id);
    expect(findProfile('no-such-profile')).toBeUndefined();
  });

  it('national 2021: 30 working days, 45 in special cases', () => {
    const t = profile('national-2021').timeLimits;
    expect(t.standardWorkingDays.value).toBe(30);
    expect(t.extendedWorkingDays.value).toBe(45);
    // 民发〔2021〕57号 sets no separate limit for township-delegated approval.
    expect(t.delegatedWorkingDays.value).toBeNull();
    expect(t.investigationStartWorkingDays.value).toBe(3);
    expect(t.rejectionNoticeWorkingDays.value).toBe(3);
  });

  it('Hunan Datong Lake: 25 working days, 40 in special cases (seed 001 §十八)', () => {
    const t = profile('hunan-datonghu-2021').timeLimits;
    expect(t.standardWorkingDays.value).toBe(25);
    expect(t.extendedWorkingDays.value).toBe(40);
  });

  it('Shaanxi defers to the national time limits', () => {
    const t = profile('shaanxi-2021').timeLimits;
    expect(t.standardWorkingDays.value).toBe(30);
    expect(t.extendedWorkingDays.value).toBe(45);
  });

  it.each(PROFILES.map((p) => [p.id, p] as const))('%s: notice 7 days, appeal 60 days / 6 months', (_id, p) => {
    expect(p.publicNoticeDays.value).toBe(7);
    expect(p.appeal.reconsiderationDays.value).toBe(60);
    expect(p.appeal.litigationMonths.value).toBe(6);
    expect(p.standards.lowIncomeMultiplier.value).toBe(1.5);
    expect(p.singlePerson.severeDisabilityGrades.value).toEqual([1, 2]);
    expect(p.singlePerson.intellectualOrMentalGrades.value).toEqual([1, 2, 3]);
    expect(p.tekun.elderlyAge.value).toBe(60);
    expect(p.timeLimits.extendedWorkingDays.value).toBeGreaterThanOrEqual(p.timeLimits.standardWorkingDays.value);
  });

  it('Hunan: 特困 standard at least 1.3 × 低保 standard, minors under 18, 9 serious illnesses', () => {
    const p = profile('hunan-datonghu-2021');
    expect(p.standards.tekunMultiplier.value).toBe(1.3);
    expect(p.tekun.minorAgeBelow.value).toBe(18);
    expect(p.singlePerson.seriousIllnesses.value).toHaveLength(9);
  });

  it('minor age: 18 where the seeds raise it, 16 at entry under the national 办法', () => {
    expect(profile('shaanxi-2021').tekun.minorAgeBelow.value).toBe(18);
    expect(profile('national-2021').tekun.minorAgeBelow.value).toBe(16);
  });

  describe.each(PROFILES.map((p) => [p.id, p] as const))('%s sources', (_id, p) => {
    const all = sources(p);

    it('every number has a non-empty source', () => {
      expect(all.length).toBeGreaterThan(0);
      for (const { at, source } of all) expect({ at, ok: source.trim().length >= 4 }).toEqual({ at, ok: true });
    });

    it('every quote from a seed appears in that seed file', () => {
      for (const { at, source } of all) {
        // Convention: a seed is only named as `seed NNN …"quote"`; the first quote after it is its text.
        const mentions = source.match(/seed \d{3}/g) ?? [];
        const quotes = [...source.matchAll(/seed (\d{3})[^"]*?"([^"]+)"/g)];
        expect({ at, quoted: quotes.length }).toEqual({ at, quoted: mentions.length });
        for (const [, num, quote] of quotes) {
          expect({ at, quote, found: seedText(num).includes(squash(quote)) }).toEqual({ at, quote, found: true });
        }
      }
    });
  });
});
