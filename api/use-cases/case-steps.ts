import type { UpdateDefinition } from '@temporalio/client';
import { getCase } from '../../db/case-repo';
import type { Actor } from '../../domain/case';
import type { CaseServices } from '../deps';
import { conflict, fromUpdateFailure, notFound } from '../errors';

/**
 * Sends one human step to the case's workflow as an Update: the workflow's validator accepts it
 * or says why not, so the clerk gets the answer (200 or 409) in the same request.
 */
export async function sendStep<A extends object, S>(
  deps: CaseServices,
  caseId: string,
  actor: Actor,
  update: UpdateDefinition<S, [A & { actor: Actor }]>,
  args: A,
  workflowId = caseId,
): Promise<S> {
  const row = await getCase(deps.db, caseId);
  if (!row) throw notFound(`no case ${caseId}`);
  if (!row.isOpen) {
    throw conflict('WRONG_STAGE', `case ${caseId} is closed (stage ${row.stage}); no further steps are possible`);
  }
  try {
    return await deps.temporal.workflow.getHandle(workflowId).executeUpdate(update, { args: [{ ...args, actor }] });
  } catch (err) {
    // A step of another phase (a review before approval, a decision after it) has no handler now.
    if (/no registered handler for update/i.test(String((err as Error & { cause?: Error }).cause?.message ?? (err as Error).message))) {
      throw conflict('WRONG_STAGE', `this step does not apply to case ${caseId} in its current stage (${row.stage})`);
    }
    throw fromUpdateFailure(err) ?? err;
  }
}
