import { z } from 'zod';
import { bindingHistory, currentBindings } from '../../db/binding-repo';
import { bindingBody, mayBind, regionCode } from '../../domain/profile-bindings';
import type { ApiDeps } from '../deps';
import { forbidden } from '../errors';
import { defineRoute, RouteSpec } from '../route';
import { dateStr, errorSchema } from '../schemas';
import { dueDate } from '../use-cases/due-date';
import { bindingInForce, bindProfile } from '../use-cases/profile-bindings';
import { shanghaiDate } from '../../domain/calendar';
import { bindingHistoryResponse, bindingResponse, bindingsResponse, dueDateResponse } from '../responses-deadlines';

const ALL = ['clerk', 'approver', 'coordinator', 'supervisor', 'auditor'] as const;

const dueQuery = z.object({ from: dateStr, workingDays: z.coerce.number().int().min(1).max(400) });
const bindingsQuery = z.object({
  /** Also answer which binding is in force for this township (on `on`, default today). */
  township: z
    .string()
    .regex(/^\d{9}$/, 'a 9-digit township code')
    .optional(),
  on: dateStr.optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
const regionParams = z.object({ region: regionCode });

/** Received dates, profile bindings and the due-date calculator (mounted before /api/calendar/:year). */
export function deadlineRoutes(deps: ApiDeps): RouteSpec[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/calendar/due',
      tag: 'calendar',
      roles: ALL,
      query: dueQuery,
      summary:
        'Due-date calculator: from + N working days, with the holidays and make-up days crossed (provisional where a year is not loaded)',
      responses: {
        200: { description: 'the due date', schema: dueDateResponse },
        400: { description: 'bad date or count (1..400), or a due date after the last calendar year (2100)', schema: errorSchema },
      },
      handler: async ({ query }) => ({ body: await dueDate(deps, query.from, query.workingDays) }),
    }),
    defineRoute({
      method: 'get',
      path: '/api/profile-bindings',
      tag: 'profiles',
      roles: ALL,
      query: bindingsQuery,
      summary: 'Which policy profile is in force for which region from which date (paged); with township=, the one in force there',
      responses: {
        200: { description: 'bindings in force', schema: bindingsResponse },
        400: { description: 'bad query', schema: errorSchema },
      },
      handler: async ({ query }) => {
        const page = await currentBindings(deps.db, { page: query.page, pageSize: query.pageSize });
        const on = query.on ?? shanghaiDate(Date.now());
        const inForce = query.township
          ? { township: query.township, on, binding: await bindingInForce(deps, query.township, on) }
          : undefined;
        return { body: { ...page, page: query.page, pageSize: query.pageSize, ...(inForce ? { inForce } : {}) } };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/profile-bindings/:region/history',
      tag: 'profiles',
      roles: ['supervisor', 'auditor'],
      params: regionParams,
      summary: "Every change to a region's bindings, newest first: who bound which profile, when and on what authority (last 200)",
      responses: { 200: { description: 'changes', schema: bindingHistoryResponse } },
      handler: async ({ params }) => ({ body: { region: params.region, changes: await bindingHistory(deps.db, params.region) } }),
    }),
    defineRoute({
      method: 'put',
      path: '/api/profile-bindings/:region',
      tag: 'profiles',
      roles: ['supervisor'],
      params: regionParams,
      body: bindingBody,
      // Before the body is read, so a caller outside the area learns nothing from validation.
      authorizeParams: (actor, params: { region: string }) => {
        if (!mayBind(actor, params.region))
          throw forbidden(
            `${actor.id} may bind profiles only within ${actor.jurisdiction ?? 'no jurisdiction'}; region ${params.region} is outside it`,
          );
      },
      summary: 'Bind a policy profile (and optionally a version) to a county or township from a date; new cases there use it',
      responses: {
        200: { description: 'bound (recorded with who and why)', schema: bindingResponse },
        400: { description: 'unknown profile or bad input', schema: errorSchema },
        403: { description: "outside the supervisor's area", schema: errorSchema },
      },
      handler: async ({ params, body, actor }) => ({ body: await bindProfile(deps, actor, params.region, body) }),
    }),
  ];
}
