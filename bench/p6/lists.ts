import type { Pool } from 'pg';
import type { ApiDeps } from '../../api/deps';
import { listArea } from '../../api/actor';
import { workingDaysFromToday } from '../../api/use-cases/calendar';
import { listPage } from '../../console/list';
import { overviewPage } from '../../console/overview';
import { listDenials } from '../../db/access-repo';
import { breachedPage, casesDueByPage, listCases, staffRelatedPage } from '../../db/case-queries';
import { rosterLinePage, rosterTotals } from '../../db/roster-repo';
import { overdueReferralsPage } from '../../db/referral-repo';
import type { Actor } from '../../domain/case';

// The lists P6 times, each called as its route (or console page) calls it, with a county-scope actor:
// listArea(actor, township) first, then the same repository functions with the same default page sizes.

export interface TimedList {
  id: string;
  label: string;
  /** One request's work; resolves to the next page's cursor (null: no next page or not paged by cursor). */
  run: (cursor?: string) => Promise<string | null>;
}

export function listsFor(deps: ApiDeps, actor: Actor, period: string, township?: string): TimedList[] {
  const db: Pool = deps.db;
  const within = () => listArea(actor, township);
  const html = async (raw: Record<string, unknown>) => {
    await listPage(deps, actor, township ? { ...raw, township } : raw);
    return null;
  };
  return [
    {
      id: 'cases',
      label: 'GET /api/cases (newest first, 50)',
      run: async (cursor) => (await listCases(db, { within: within(), township, cursor, limit: 50, page: 1 })).nextCursor,
    },
    {
      id: 'due-soon',
      label: 'GET /api/supervision/due-soon (5 working days, 50)',
      run: async (cursor) => {
        const w = await workingDaysFromToday(deps, 5);
        return (await casesDueByPage(db, w.until, within(), { cursor, limit: 50 })).nextCursor;
      },
    },
    {
      id: 'breached',
      label: 'GET /api/supervision/breached (50)',
      run: async (cursor) => (await breachedPage(db, within(), { cursor, limit: 50 })).nextCursor,
    },
    {
      id: 'staff-related',
      label: 'GET /api/supervision/staff-related (50)',
      run: async (cursor) => (await staffRelatedPage(db, within(), { cursor, limit: 50 })).nextCursor,
    },
    {
      id: 'denials',
      label: 'GET /api/supervision/access-denials (200)',
      run: async (cursor) => (await listDenials(db, within(), { cursor, limit: 200 })).nextCursor,
    },
    {
      id: 'roster',
      label: `GET /api/payroll/${period} (200, with the roster's count and total)`,
      run: async (cursor) => {
        const [page] = await Promise.all([
          rosterLinePage(db, period, within(), { cursor, limit: 200 }),
          rosterTotals(db, period, within()),
        ]);
        return page.nextCursor;
      },
    },
    {
      id: 'referrals-overdue',
      label: 'GET /api/supervision/referrals-overdue (50)',
      run: async (cursor) => (await overdueReferralsPage(db, within(), { cursor, limit: 50 })).nextCursor,
    },
    { id: 'console open', label: 'console /console/cases?open=1', run: () => html({ open: '1' }) },
    {
      id: 'console breached',
      label: 'console /console/cases?open=1&sla=breached&sort=due',
      run: () => html({ open: '1', sla: 'breached', sort: 'due' }),
    },
    { id: 'console due', label: 'console /console/cases?dueWithin=5&sort=due', run: () => html({ dueWithin: '5', sort: 'due' }) },
    {
      id: 'console overview',
      label: 'console /console/ (overview: counts per township and cards)',
      run: async () => {
        if (!township) await overviewPage(deps, actor);
        return null;
      },
    },
  ];
}
