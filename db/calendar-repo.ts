import type { Pool } from 'pg';
import { inTransaction } from './pool';
import type { CalendarSnapshot, YearSchedule } from '../domain/calendar';

export async function loadSnapshot(db: Pool, years: number[]): Promise<CalendarSnapshot> {
  const ys = await db.query('SELECT year, source FROM calendar_years WHERE year = ANY($1::int[])', [years]);
  const days = await db.query('SELECT day, year, kind FROM calendar_days WHERE year = ANY($1::int[]) ORDER BY day', [years]);
  return {
    years: ys.rows.map((y) => ({
      year: y.year,
      source: y.source,
      holidays: days.rows.filter((d) => d.year === y.year && d.kind === 'holiday').map((d) => d.day),
      workdays: days.rows.filter((d) => d.year === y.year && d.kind === 'workday').map((d) => d.day),
    })),
  };
}

/** Replaces a year's schedule in one transaction, so a reader never sees half a year. */
export async function saveYear(db: Pool, s: YearSchedule, loadedBy: string): Promise<void> {
  await inTransaction(db, async (client) => {
    await client.query('DELETE FROM calendar_days WHERE year = $1', [s.year]);
    await client.query(
      `INSERT INTO calendar_years (year, source, loaded_by) VALUES ($1, $2, $3)
       ON CONFLICT (year) DO UPDATE SET source = EXCLUDED.source, loaded_by = EXCLUDED.loaded_by, loaded_at = now()`,
      [s.year, s.source, loadedBy],
    );
    await client.query(
      `INSERT INTO calendar_days (day, year, kind)
       SELECT d, $1::int, 'holiday' FROM unnest($2::date[]) d UNION ALL SELECT d, $1::int, 'workday' FROM unnest($3::date[]) d`,
      [s.year, s.holidays, s.workdays],
    );
  });
}

export async function yearExists(db: Pool, year: number): Promise<boolean> {
  return (await db.query('SELECT 1 FROM calendar_years WHERE year = $1', [year])).rowCount === 1;
}

export async function listYears(db: Pool): Promise<{ year: number; source: string; loadedBy: string; loadedAt: string }[]> {
  const r = await db.query('SELECT year, source, loaded_by, loaded_at FROM calendar_years ORDER BY year');
  return r.rows.map((y) => ({ year: y.year, source: y.source, loadedBy: y.loaded_by, loadedAt: y.loaded_at.toISOString() }));
}
