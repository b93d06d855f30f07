import { z } from 'zod';
import { applicationSchema } from '../../domain/application';
import { temporaryAidSchema } from '../../domain/temporary';
import { fen } from '../../domain/bounded-fields';
import { personName, text } from '../../domain/text-fields';
import { TEXT_LIMITS } from '../../domain/text';
import { cancelRemainingStages, decideTemporary, filePaperwork, recordDeliberation, recordVerification } from '../../workflows/definitions';
import type { ApiDeps } from '../deps';
import { conflict, forbidden, HttpError } from '../errors';
import { defineRoute, RouteSpec } from '../route';
import { caseIdParams, dateStr, errorSchema } from '../schemas';
import { sendStep } from '../use-cases/case-steps';
import { acceptTemporary, referToApplication } from '../use-cases/temporary';
import { caseDetailResponse, caseStateResponse, deliberationResponse } from '../responses';

const responses = {
  200: { description: 'recorded; the case state after the step', schema: caseStateResponse },
  400: { description: 'invalid input, with field-level messages', schema: errorSchema },
  403: { description: 'wrong role or area', schema: errorSchema },
  404: { description: 'no such case', schema: errorSchema },
  409: { description: "the step does not fit the case's stage", schema: errorSchema },
};

export function temporaryRoutes(deps: ApiDeps): RouteSpec[] {
  const step = (
    path: string,
    summary: string,
    roles: RouteSpec['roles'],
    body: z.ZodType<any>,
    update: Parameters<typeof sendStep>[3],
    target = (id: string) => id,
  ) =>
    defineRoute({
      method: 'post',
      path: `/api/cases/:caseId/${path}`,
      tag: 'temporary',
      roles,
      summary,
      params: caseIdParams,
      body,
      scope: 'case',
      responses,
      handler: async ({ params, actor, body: b }) => ({
        body: await sendStep(deps, params.caseId, actor, update, b, target(params.caseId)),
      }),
    });
  return [
    defineRoute({
      method: 'post',
      path: '/api/temporary',
      tag: 'temporary',
      roles: ['clerk'],
      body: temporaryAidSchema,
      summary: 'Record temporary assistance (临时救助): an emergency within the township cap is paid in this request',
      responses: {
        201: { description: 'recorded (and, for an emergency within the cap, paid)', schema: caseDetailResponse },
        200: { description: 'the same request was recorded before: that case', schema: caseDetailResponse },
        202: { description: 'registered; the worker has not yet taken it up (GET the case shortly)', schema: caseDetailResponse },
        400: { description: 'invalid', schema: errorSchema },
        409: { description: 'the household already has an open case of this kind', schema: errorSchema },
      },
      handler: async ({ actor, body }) => acceptTemporary(deps, actor, body),
    }),
    step(
      'paperwork',
      'File the paperwork after an emergency payment (事后补充说明)',
      ['clerk'],
      z.object({ circumstances: text(), signatures: z.array(personName(TEXT_LIMITS.label)).min(1) }),
      filePaperwork,
    ),
    defineRoute({
      method: 'post',
      path: '/api/cases/:caseId/referral',
      tag: 'temporary',
      roles: ['clerk'],
      params: caseIdParams,
      body: applicationSchema,
      scope: 'case',
      summary: 'Refer the household on to a 低保/特困 application (摆渡); the new case is linked',
      responses: {
        ...responses,
        200: { description: 'the same application was referred before: that case', schema: caseDetailResponse },
        201: { description: 'the new case, linked to this one', schema: caseDetailResponse },
        202: { description: 'registered; the worker has not yet computed the due date', schema: caseDetailResponse },
      },
      handler: async ({ params, actor, body }) => referToApplication(deps, actor, params.caseId, body),
    }),
    step(
      'verification',
      'Record the expense-driven verification (支出型核查)',
      ['clerk'],
      z.object({ findings: text() }),
      recordVerification,
    ),
    step(
      'temporary-decision',
      'Approve (amount, or stages for expense-driven aid) or refuse temporary assistance',
      ['approver'],
      z.object({
        outcome: z.enum(['approve', 'refuse']),
        reasons: z.array(text(500)).default([]),
        amountFen: fen('temporaryAid').optional(),
        stages: z
          .array(z.object({ dueOn: dateStr, amountFen: fen('temporaryAid') }))
          .max(24)
          .optional(),
      }),
      decideTemporary,
    ),
    step(
      'stages/cancel',
      'Cancel the remaining payment stages, with a reason',
      ['clerk'],
      z.object({ reason: text() }),
      cancelRemainingStages,
    ),
    defineRoute({
      method: 'post',
      path: '/api/cases/:caseId/deliberation',
      tag: 'temporary',
      roles: ['coordinator'],
      params: caseIdParams,
      scope: 'case',
      authorize: (actor) => {
        if (actor.jurisdiction?.length !== 6)
          throw forbidden('一事一议 is decided by the county coordination mechanism: a county-level coordinator records it');
      },
      body: z.object({
        meetingOn: dateStr,
        participants: z.number().int().min(3).max(100),
        outcome: z.enum(['grant', 'refuse']),
        amountFen: fen('temporaryAid', 0).default(0),
        reasons: z.array(text(500)).min(1),
      }),
      summary: 'The county coordination mechanism records its meeting and decision (一事一议)',
      responses: { ...responses, 200: { description: "recorded: the mechanism's decision", schema: deliberationResponse } },
      handler: async ({ params, actor, body, caseRow }) => {
        if (caseRow.stage !== 'deliberating')
          throw conflict('WRONG_STAGE', `case ${params.caseId} is not before the mechanism (stage ${caseRow.stage})`);
        // The case shows 'deliberating' a moment before the mechanism's child workflow has started: wait for it briefly.
        const send = () => sendStep(deps, params.caseId, actor, recordDeliberation, body, `${params.caseId}-YSYY`);
        for (const until = Date.now() + 10_000; ; await new Promise((r) => setTimeout(r, 250))) {
          try {
            return { body: await send() };
          } catch (err) {
            if (!(err instanceof HttpError && err.status === 404) || Date.now() > until) throw err;
          }
        }
      },
    }),
  ];
}
