import type { BenefitStage } from '../../domain/benefit';
import type { Actor } from '../../domain/case';
import { FailureTypes } from '../definitions';
import { failure } from '../case/context';
import type { BenefitContext } from './context';

export function requireBenefitStage(ctx: BenefitContext, allowed: BenefitStage[], action: string): void {
  if (!ctx.ready)
    throw failure(
      FailureTypes.wrongStage,
      `case ${ctx.input.kind === 'start' ? ctx.input.approved.caseId : ctx.input.state.caseId} is between review cycles; try again shortly`,
    );
  if (!allowed.includes(ctx.state.stage)) {
    throw failure(
      FailureTypes.wrongStage,
      `${action} is possible only in stage ${allowed.join(' or ')}; case ${ctx.state.caseId} is in stage ${ctx.state.stage}`,
    );
  }
}

/** 回避 and case ownership hold after approval as before it. */
export function requireMayActOnBenefit(ctx: BenefitContext, actor: Actor): void {
  const rel = ctx.state.application.staffRelation;
  if (rel && rel.staffId === actor.id) {
    throw failure(
      FailureTypes.forbidden,
      `${actor.id} is related to the applicant (${rel.relation}) and must stay out of this case (回避)`,
    );
  }
  if (actor.role === 'clerk' && actor.id !== ctx.state.assignee) {
    throw failure(FailureTypes.forbidden, `case ${ctx.state.caseId} is assigned to ${ctx.state.assignee}; a supervisor can reassign it`);
  }
}

export const invalid = (message: string) => failure(FailureTypes.invalid, message);
