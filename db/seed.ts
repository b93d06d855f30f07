import type { Pool } from 'pg';
import { OFFICIAL_SCHEDULES } from '../domain/calendar-schedules';
import { PROFILES } from '../domain/profiles';
import { DEFAULT_BINDINGS } from '../domain/profile-bindings';
import { regionHasBinding, saveBinding } from './binding-repo';
import { saveYear, yearExists } from './calendar-repo';
import { saveProfile } from './profile-repo';
import { publishedAs } from './adjustment-repo';
import { SHIPPED_DEPARTMENTS } from '../domain/departments';
import { countyHasDepartments, saveDepartments } from './department-repo';

/** Shipped profiles, official schedules and default bindings; a year or region already loaded (perhaps corrected) is kept. */
export async function seed(db: Pool): Promise<void> {
  for (const p of PROFILES) {
    const clash = await publishedAs(db, p.id, p.version);
    if (clash)
      throw new Error(`shipped profile ${p.id} v${p.version} clashes with published adjustment ${clash}: ship it as a higher version`);
    await saveProfile(db, p);
  }
  for (const s of OFFICIAL_SCHEDULES) {
    if (!(await yearExists(db, s.year))) await saveYear(db, s, 'seed');
  }
  // Referral departments: a county's list, once loaded (perhaps replaced by the county), is kept.
  for (const county of new Set(SHIPPED_DEPARTMENTS.map((d) => d.county))) {
    if (!(await countyHasDepartments(db, county)))
      await saveDepartments(
        db,
        county,
        SHIPPED_DEPARTMENTS.filter((d) => d.county === county),
        'seed',
      );
  }
  for (const b of DEFAULT_BINDINGS) {
    if (!(await regionHasBinding(db, b.region))) await saveBinding(db, b, { id: 'seed', role: 'system' });
  }
}
