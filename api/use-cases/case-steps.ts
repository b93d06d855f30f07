import type { UpdateDefinition } from '@temporalio/client';
import { getCase } from '../../db/case-repo';
import type { Actor, CaseState } from '../../domain/case';
import type { CaseServices } from '../deps';
import { conflict, fromUpdateFailure, notFound } from '../errors';

/**
 * Sends one human step to the case's workflow as an Update: the workflow's validator accepts it
 * or says why not, so the clerk gets the answer (200 or 409) in the same request.
 */
export async function sendStep<A extends object>(
  deps: CaseServices, caseId: string, actor: Actor, update: UpdateDefinition<CaseState, [A & { actor: Actor }]>, args: A,
): Promise<CaseState> {
  const row = await getCase(deps.db, caseId);
  if (!row) throw notFound(`no case ${caseId}`);
  if (!row.isOpen || row.decision) {
    throw conflict('WRONG_STAGE', `case ${caseId} was decided (${row.decision ?? row.stage}) on ${row.decidedOn}; no further steps are possible`);
  }
  try {
    return await deps.temporal.workflow.getHandle(caseId).executeUpdate(update, { args: [{ ...args, actor }] });
  } catch (err) {
    throw fromUpdateFailure(err) ?? err;
  }
}
