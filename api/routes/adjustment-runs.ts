import { z } from 'zod';
import type { ApiDeps } from '../deps';
import { defineRoute, RouteSpec } from '../route';
import { errorSchema } from '../schemas';
import { adjustmentRun, applyAdjustment, controlAdjustment } from '../use-cases/adjustment-runs';

// 调标, applying: POST /api/adjustments publishes (api/routes for the preview); these run the batch.

const params = z.object({
  id: z
    .string()
    .max(200)
    .regex(/^ADJ-[a-z0-9-]+-v\d+$/, 'an adjustment id like ADJ-hunan-datonghu-2021-v2'),
});
const count = z.number().int();
const runResponse = z.object({
  adjustmentId: z.string(),
  workflowId: z.string(),
  status: z.enum(['running', 'paused', 'stopping', 'stopped', 'completed']),
  total: count.meta({ description: 'live cases counted as the run began; exactly the cases told once completed' }),
  done: count,
  failed: count,
  changed: count,
  unchanged: count,
  flagged: count.meta({ description: 'would no longer qualify: an ad-hoc review was opened, the amount kept' }),
  skipped: count.meta({ description: 'ended meanwhile, or already under a newer profile version' }),
  failedCaseIds: z.array(z.string()),
  startedBy: z.string(),
  startedAt: z.string(),
  updatedAt: z.string(),
  finishedAt: z.string().nullable(),
});
const progressResponse = runResponse
  .omit({ workflowId: true, startedBy: true, startedAt: true, updatedAt: true, finishedAt: true })
  .extend({
    after: z.string(),
    seq: count,
  });
const errors = {
  403: { description: 'outside the issuing area', schema: errorSchema },
  404: { description: 'no such adjustment', schema: errorSchema },
};

export function adjustmentRunRoutes(deps: ApiDeps): RouteSpec[] {
  const control = (action: 'pause' | 'resume' | 'stop', summary: string) =>
    defineRoute({
      method: 'post',
      path: `/api/adjustments/:id/${action}`,
      tag: 'adjustments',
      roles: ['supervisor'],
      params,
      summary,
      responses: {
        200: { description: 'the progress after the change', schema: progressResponse },
        ...errors,
        409: { description: 'the run is not in a state that allows it', schema: errorSchema },
      },
      handler: async ({ params: p, actor }) => ({ body: await controlAdjustment(deps, actor, p.id, action) }),
    });
  return [
    defineRoute({
      method: 'post',
      path: '/api/adjustments/:id/apply',
      tag: 'adjustments',
      roles: ['supervisor'],
      params,
      summary: '调标: tell every live case of the profile in the issuing area (a durable batch); a second call returns the same run',
      responses: {
        202: { description: 'the run, just started', schema: runResponse },
        200: { description: 'the run an earlier call started', schema: runResponse },
        ...errors,
      },
      handler: async ({ params: p, actor }) => {
        const r = await applyAdjustment(deps, actor, p.id);
        return { status: r.created ? 202 : 200, body: r.run };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/adjustments/:id/progress',
      tag: 'adjustments',
      roles: ['supervisor', 'auditor'],
      params,
      summary: 'Progress of the run (done / total / failed, changed / unchanged / flagged), as mirrored in PostgreSQL',
      responses: { 200: { description: 'the run', schema: runResponse }, ...errors },
      handler: async ({ params: p, actor }) => ({ body: await adjustmentRun(deps, actor, p.id) }),
    }),
    control('pause', 'Pause the run: cases being told finish, no new ones start'),
    control('resume', 'Resume a paused run'),
    control('stop', 'Stop the run for good: cases not yet told keep their amounts'),
  ];
}
