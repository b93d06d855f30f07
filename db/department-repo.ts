import type { Pool } from 'pg';
import { inTransaction } from './pool';
import type { Department, ReferralKind } from '../domain/referral';

const toDepartment = (r: Record<string, any>): Department => ({
  county: r.county,
  code: r.code,
  name: r.name,
  kinds: r.kinds as ReferralKind[],
  source: r.source,
});

export async function listDepartments(db: Pool, county: string): Promise<Department[]> {
  const r = await db.query('SELECT * FROM referral_departments WHERE county = $1 ORDER BY code', [county]);
  return r.rows.map(toDepartment);
}

export async function findDepartment(db: Pool, county: string, code: string): Promise<Department | null> {
  const r = await db.query('SELECT * FROM referral_departments WHERE county = $1 AND code = $2', [county, code]);
  return r.rowCount ? toDepartment(r.rows[0]) : null;
}

export async function countyHasDepartments(db: Pool, county: string): Promise<boolean> {
  return (await db.query('SELECT 1 FROM referral_departments WHERE county = $1 LIMIT 1', [county])).rowCount === 1;
}

/** Replaces a county's list in one transaction; referrals already sent keep the name they were sent to. */
export async function saveDepartments(db: Pool, county: string, list: Omit<Department, 'county'>[], loadedBy: string): Promise<void> {
  await inTransaction(db, async (tx) => {
    await tx.query('DELETE FROM referral_departments WHERE county = $1', [county]);
    for (const d of list) {
      await tx.query('INSERT INTO referral_departments (county, code, name, kinds, source, loaded_by) VALUES ($1,$2,$3,$4,$5,$6)', [
        county,
        d.code,
        d.name,
        d.kinds,
        d.source,
        loadedBy,
      ]);
    }
  });
}
