import { listYears, loadSnapshot } from '../../db/calendar-repo';
import { breachedPage, casesDueByPage, staffRelatedPage } from '../../db/case-queries';
import { listArea } from '../actor';
import { areaPageQuery, paged } from '../paging';
import { listProfiles, latestProfile } from '../../db/profile-repo';
import { z } from 'zod';
import type { ApiDeps } from '../deps';
import { notFound } from '../errors';
import { defineRoute, RouteSpec } from '../route';
import { calendarBody, dueSoonQuery, errorSchema, yearParams } from '../schemas';
import { loadCalendarYear, workingDaysFromToday } from '../use-cases/calendar';
import { caseSummary } from '../views';
import {
  calendarLoadedResponse,
  calendarYearResponse,
  calendarYearsResponse,
  caseItemsResponse,
  dueSoonResponse,
  profileResponse,
  profilesResponse,
} from '../responses';

const ALL = ['clerk', 'approver', 'coordinator', 'supervisor', 'auditor'] as const;

export function adminRoutes(deps: ApiDeps): RouteSpec[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/supervision/due-soon',
      tag: 'supervision',
      roles: ['supervisor', 'auditor'],
      query: dueSoonQuery,
      summary: 'Undecided cases due within N working days (临近办理时限)',
      responses: { 200: { description: 'cases, earliest due first, one page', schema: dueSoonResponse } },
      handler: async ({ query, actor }) => {
        const w = await workingDaysFromToday(deps, query.withinWorkingDays);
        const page = await paged(() => casesDueByPage(deps.db, w.until, listArea(actor, query.township), query));
        return { body: { ...w, items: page.items.map(caseSummary), nextCursor: page.nextCursor } };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/supervision/breached',
      tag: 'supervision',
      roles: ['supervisor', 'auditor'],
      query: areaPageQuery(50),
      summary: 'Cases that missed their time limit (超时), decided since or not, earliest due first',
      responses: { 200: { description: 'one page of cases', schema: caseItemsResponse } },
      handler: async ({ query, actor }) => {
        const page = await paged(() => breachedPage(deps.db, listArea(actor, query.township), query));
        return { body: { items: page.items.map(caseSummary), nextCursor: page.nextCursor } };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/supervision/staff-related',
      tag: 'supervision',
      roles: ['supervisor', 'auditor'],
      query: areaPageQuery(50),
      summary: 'Cases of staff relatives, registered separately (单独登记备案), newest first',
      responses: { 200: { description: 'one page of cases', schema: caseItemsResponse } },
      handler: async ({ query, actor }) => {
        const page = await paged(() => staffRelatedPage(deps.db, listArea(actor, query.township), query));
        return { body: { items: page.items.map(caseSummary), nextCursor: page.nextCursor } };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/calendar',
      tag: 'calendar',
      roles: ALL,
      summary: 'Years with an official holiday schedule',
      responses: { 200: { description: 'loaded years', schema: calendarYearsResponse } },
      handler: async () => ({ body: { years: await listYears(deps.db) } }),
    }),
    defineRoute({
      method: 'get',
      path: '/api/calendar/:year',
      tag: 'calendar',
      roles: ALL,
      params: yearParams,
      summary: "One year's holidays and make-up working days",
      responses: {
        200: { description: 'the schedule', schema: calendarYearResponse },
        404: { description: 'no official schedule for that year', schema: errorSchema },
      },
      handler: async ({ params }) => {
        const snap = await loadSnapshot(deps.db, [params.year]);
        if (!snap.years.length) throw notFound(`no official schedule loaded for ${params.year}; deadlines in it are provisional`);
        return { body: snap.years[0] };
      },
    }),
    defineRoute({
      method: 'put',
      path: '/api/calendar/:year',
      tag: 'calendar',
      roles: ['supervisor'],
      params: yearParams,
      body: calendarBody,
      summary: "Load a year's State Council holiday schedule; open cases with provisional deadlines recompute",
      responses: {
        200: { description: 'loaded', schema: calendarLoadedResponse },
        400: { description: 'inconsistent schedule', schema: errorSchema },
      },
      handler: async ({ params, body, actor }) => ({ body: await loadCalendarYear(deps, actor, { ...body, year: params.year }) }),
    }),
    defineRoute({
      method: 'get',
      path: '/api/profiles',
      tag: 'profiles',
      roles: ALL,
      summary: 'Policy profiles (latest versions)',
      responses: { 200: { description: 'profiles', schema: profilesResponse } },
      handler: async () => ({ body: { profiles: await listProfiles(deps.db) } }),
    }),
    defineRoute({
      method: 'get',
      path: '/api/profiles/:id',
      tag: 'profiles',
      roles: ALL,
      params: z.object({ id: z.string().regex(/^[a-z0-9-]+$/) }),
      summary: 'One policy profile, every number with its source',
      responses: { 200: { description: 'the profile', schema: profileResponse }, 404: { description: 'unknown', schema: errorSchema } },
      handler: async ({ params }) => {
        const p = await latestProfile(deps.db, params.id);
        if (!p) throw notFound(`no policy profile ${params.id}`);
        return { body: p };
      },
    }),
  ];
}
