import { z } from 'zod';
import type { Role } from '../../domain/case';
import { requireApprovalLevel } from '../actor';
import {
  assignCase,
  decide,
  decideTerminationObjection,
  fileTerminationObjection as fileTerminationObjectionUpdate,
  postponeReview,
  recordReview,
  reportChange,
  extendTimeLimit,
  fileNoticeObjection,
  objectToDataMatch,
  recordDataMatchRecheck,
  recordDemocraticReview,
  recordHomeVisit,
} from '../../workflows/definitions';
import type { ApiDeps } from '../deps';
import { defineRoute, RouteSpec } from '../route';
import {
  assignmentBody,
  caseIdParams,
  dataMatchObjectionBody,
  dataMatchRecheckBody,
  decisionBody,
  democraticReviewBody,
  errorSchema,
  extensionBody,
  homeVisitBody,
  noticeObjectionBody,
  postponeBody,
  reviewBody,
  changeBody,
  terminationDecisionBody,
  terminationObjectionBody,
} from '../schemas';
import { sendStep } from '../use-cases/case-steps';
import { caseStateResponse } from '../responses';

type Step = { path: string; summary: string; roles: Role[]; body: z.ZodType<any>; update: Parameters<typeof sendStep>[3] };

const STEPS: Step[] = [
  {
    path: 'data-match/objection',
    summary: "Record the applicant's objection to a failed data match (核对异议)",
    roles: ['clerk'],
    body: dataMatchObjectionBody,
    update: objectToDataMatch,
  },
  {
    path: 'data-match/recheck',
    summary: 'Record the recheck after an objection (复查结果)',
    roles: ['clerk'],
    body: dataMatchRecheckBody,
    update: recordDataMatchRecheck,
  },
  {
    path: 'home-visit',
    summary: 'Record a home visit by two investigators (入户调查)',
    roles: ['clerk'],
    body: homeVisitBody,
    update: recordHomeVisit,
  },
  {
    path: 'democratic-review',
    summary: 'Record a democratic review (民主评议)',
    roles: ['clerk'],
    body: democraticReviewBody,
    update: recordDemocraticReview,
  },
  {
    path: 'notice-objection',
    summary: 'Record an objection during the public notice (公示异议)',
    roles: ['clerk'],
    body: noticeObjectionBody,
    update: fileNoticeObjection,
  },
  {
    path: 'extension',
    summary: 'Extend the time limit once, with a reason (延长时限)',
    roles: ['clerk', 'approver'],
    body: extensionBody,
    update: extendTimeLimit,
  },
  { path: 'decision', summary: 'Approve or reject (审核确认)', roles: ['approver'], body: decisionBody, update: decide },
  {
    path: 'assignment',
    summary: 'Reassign the case to another clerk (改派)',
    roles: ['supervisor'],
    body: assignmentBody,
    update: assignCase,
  },
  {
    path: 'review',
    summary: 'Record a review result (复核): continue, adjust, gradual_exit or terminate',
    roles: ['clerk'],
    body: reviewBody,
    update: recordReview,
  },
  {
    path: 'review/postpone',
    summary: 'Postpone the next or open review, with a reason (延期复核)',
    roles: ['clerk'],
    body: postponeBody,
    update: postponeReview,
  },
  {
    path: 'changes',
    summary: 'Report a major change (death, income, household): opens a review',
    roles: ['clerk'],
    body: changeBody,
    update: reportChange,
  },
  {
    path: 'termination-objection',
    summary: 'Record an objection to a termination notice (终止异议)',
    roles: ['clerk'],
    body: terminationObjectionBody,
    update: fileTerminationObjectionUpdate,
  },
  {
    path: 'termination-objection/decision',
    summary: 'Decide on the objection: uphold or revoke the termination',
    roles: ['approver'],
    body: terminationDecisionBody,
    update: decideTerminationObjection,
  },
];

export function stepRoutes(deps: ApiDeps): RouteSpec[] {
  return STEPS.map((s) =>
    defineRoute({
      method: 'post',
      path: `/api/cases/:caseId/${s.path}`,
      tag: 'steps',
      roles: s.roles,
      summary: s.summary,
      params: caseIdParams,
      body: s.body,
      scope: 'case',
      authorize:
        s.update === decide || s.update === decideTerminationObjection
          ? (actor, row) => requireApprovalLevel(actor, row.state?.application?.approvalLevel ?? 'county')
          : undefined,
      responses: {
        200: { description: 'recorded; the case state after the step', schema: caseStateResponse },
        400: { description: 'invalid input, with field-level messages', schema: errorSchema },
        404: { description: 'no such case', schema: errorSchema },
        403: { description: 'wrong role or area, the related staff member (回避), or not the assigned clerk', schema: errorSchema },
        409: { description: "the step does not fit the case's stage (the message says why)", schema: errorSchema },
      },
      handler: async ({ params, actor, body }) => ({ body: await sendStep(deps, params.caseId, actor, s.update, body) }),
    }),
  );
}
