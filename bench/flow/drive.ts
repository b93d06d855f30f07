// The happy path as test/case-workflow.test.ts drives it (acceptance, home visit, the notice, the
// approval, continue-as-new into the benefit period), and the trivial comparator's same shape.
import { type Client, WithStartWorkflowOperation } from '@temporalio/client';
import { acceptCase } from '../../api/use-cases/accept-case';
import { getCase } from '../../db/case-repo';
import { sendStep } from '../../api/use-cases/case-steps';
import type { CaseServices } from '../../api/deps';
import * as defs from '../../workflows/definitions';
import { approver, clerk, dibaoApplication, homeVisit } from '../../test/support/fixtures';
import { trivialDone, trivialStep, TrivialInput } from '../trivial/definitions';
import { TRIVIAL_QUEUE } from './stack';

const POLL_MS = 50;

/** Polls a query until `ok` (both sides poll alike, so polling costs them the same). */
async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 120_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await read().catch(() => undefined);
    if (v !== undefined && ok(v)) return v;
    if (Date.now() > end) throw new Error(`not reached within ${timeoutMs} ms: ${JSON.stringify(v)?.slice(0, 300)}`);
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}

/** One 低保 application from acceptance to the benefit period; returns its case id. */
export async function aidflowLifecycle(deps: CaseServices): Promise<string> {
  const { body } = await acceptCase(deps, clerk, dibaoApplication());
  const caseId = body.caseId as string;
  const h = deps.temporal.workflow.getHandle(caseId);
  const stage = () => h.query(defs.stateQuery).then((s) => s?.stage as string | undefined);
  await until(stage, (s) => s === 'investigating');
  // The demo clock runs fast: the visit is dated on the case's own acceptance day.
  await sendStep(deps, caseId, clerk, defs.recordHomeVisit, homeVisit({ visitedOn: body.acceptedOn as string }));
  await until(stage, (s) => s === 'deciding');
  await sendStep(deps, caseId, approver, defs.decide, { outcome: 'approve' as const, reasons: [] });
  // Done once the benefit run has recorded its start (the read model says so), as the comparator's second run has done its work.
  await until(
    () => getCase(deps.db, caseId).then((r) => r?.stage),
    (s) => s === 'in_benefit',
  );
  return caseId;
}

let trivialSeq = 0;

/** The comparator: the same updates, timer, activities and continue-as-new, doing nothing else. */
export async function trivialLifecycle(client: Client, input: Omit<TrivialInput, 'run'>): Promise<string> {
  trivialSeq += 1;
  const workflowId = `trivial-${process.pid}-${Date.now()}-${trivialSeq}`;
  const start = new WithStartWorkflowOperation('trivialWorkflow', {
    workflowId,
    taskQueue: TRIVIAL_QUEUE,
    args: [{ ...input, run: 0 }],
    workflowIdConflictPolicy: 'USE_EXISTING',
  });
  await client.workflow.executeUpdateWithStart(trivialStep, { args: [0], startWorkflowOperation: start });
  const h = await start.workflowHandle();
  const phase = () => h.query(trivialDone);
  await h.executeUpdate(trivialStep, { args: [1] });
  await until(phase, (p) => p >= 3);
  await h.executeUpdate(trivialStep, { args: [3] });
  await until(phase, (p) => p >= 5);
  return workflowId;
}
