import { z } from 'zod';
import type { Role } from '../../domain/case';
import { requireApprovalLevel } from '../actor';
import {
  assignCase, decide, extendTimeLimit, fileNoticeObjection, objectToDataMatch, recordDataMatchRecheck, recordDemocraticReview, recordHomeVisit,
} from '../../workflows/definitions';
import type { ApiDeps } from '../deps';
import { defineRoute, RouteSpec } from '../route';
import {
  assignmentBody, caseIdParams, dataMatchObjectionBody, dataMatchRecheckBody, decisionBody, democraticReviewBody, errorSchema, extensionBody,
  homeVisitBody, noticeObjectionBody,
} from '../schemas';
import { sendStep } from '../use-cases/case-steps';

type Step = { path: string; summary: string; roles: Role[]; body: z.ZodType<any>; update: Parameters<typeof sendStep>[3] };

const STEPS: Step[] = [
  { path: 'data-match/objection', summary: 'Record the applicant\'s objection to a failed data match (核对异议)', roles: ['clerk'], body: dataMatchObjectionBody, update: objectToDataMatch },
  { path: 'data-match/recheck', summary: 'Record the recheck after an objection (复查结果)', roles: ['clerk'], body: dataMatchRecheckBody, update: recordDataMatchRecheck },
  { path: 'home-visit', summary: 'Record a home visit by two investigators (入户调查)', roles: ['clerk'], body: homeVisitBody, update: recordHomeVisit },
  { path: 'democratic-review', summary: 'Record a democratic review (民主评议)', roles: ['clerk'], body: democraticReviewBody, update: recordDemocraticReview },
  { path: 'notice-objection', summary: 'Record an objection during the public notice (公示异议)', roles: ['clerk'], body: noticeObjectionBody, update: fileNoticeObjection },
  { path: 'extension', summary: 'Extend the time limit once, with a reason (延长时限)', roles: ['clerk', 'approver'], body: extensionBody, update: extendTimeLimit },
  { path: 'decision', summary: 'Approve or reject (审核确认)', roles: ['approver'], body: decisionBody, update: decide },
  { path: 'assignment', summary: 'Reassign the case to another clerk (改派)', roles: ['supervisor'], body: assignmentBody, update: assignCase },
];

export function stepRoutes(deps: ApiDeps): RouteSpec[] {
  return STEPS.map((s) =>
    defineRoute({
      method: 'post', path: `/api/cases/:caseId/${s.path}`, tag: 'steps', roles: s.roles, summary: s.summary,
      params: caseIdParams, body: s.body, scope: 'case',
      authorize: s.update === decide ? (actor, row) => requireApprovalLevel(actor, row.state?.application.approvalLevel ?? 'county') : undefined,
      responses: {
        200: { description: 'recorded; the case state after the step' },
        400: { description: 'invalid input, with field-level messages', schema: errorSchema },
        404: { description: 'no such case', schema: errorSchema },
        403: { description: 'wrong role or area, the related staff member (回避), or not the assigned clerk', schema: errorSchema },
        409: { description: 'the step does not fit the case\'s stage (the message says why)', schema: errorSchema },
      },
      handler: async ({ params, actor, body }) => ({ body: await sendStep(deps, params.caseId, actor, s.update, body) }),
    }),
  );
}
