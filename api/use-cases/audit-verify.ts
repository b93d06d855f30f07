import { WorkflowNotFoundError } from '@temporalio/client';
import { ChainAnchor, verifyChain } from '../../db/audit-verify';
import { stateQuery } from '../../workflows/definitions';
import type { CaseServices } from '../deps';

/**
 * The expected event count and chain head come from the case's workflow (its latest run carries
 * them forward across continue-as-new), never from a table the application role can write.
 * A case whose history Temporal no longer keeps is verified by its MACs and hashes alone.
 */
export async function caseAnchor(deps: CaseServices, caseId: string): Promise<ChainAnchor | null> {
  try {
    const s = await deps.temporal.workflow.getHandle(caseId).query(stateQuery);
    if (!s) return null;
    return { eventCount: s.eventCount, ...(s.auditHead ? { head: s.auditHead } : {}) };
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return null;
    throw err;
  }
}

export async function verifyCaseChain(deps: CaseServices, auditKey: Buffer, caseId: string) {
  return verifyChain(deps.db, caseId, auditKey, await caseAnchor(deps, caseId));
}
