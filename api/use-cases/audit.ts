import { Worker, type ReplayResult, type ReplayWorkerOptions } from '@temporalio/worker';
import type { HistoryAndWorkflowId } from '@temporalio/client';
import { Replayer } from '../../infra/replayer';
import { listEvents } from '../../db/audit-repo';
import { listNotices } from '../../db/notice-repo';
import type { CaseServices } from '../deps';

export interface RunReport {
  runId: string;
  ok: boolean;
  /** Where it diverges: the replayer's own account of the first mismatch. */
  error: string | null;
  note?: string;
}

/** Every run of a case in order: Temporal's visibility when it has it, else the runs the audit trail names. */
export async function runIds(deps: CaseServices, caseId: string): Promise<string[]> {
  try {
    const runs: { runId: string; start: number }[] = [];
    for await (const wf of deps.temporal.workflow.list({ query: `WorkflowId = '${caseId}'` }))
      runs.push({ runId: wf.runId, start: wf.startTime.getTime() });
    if (runs.length) return runs.sort((a, b) => a.start - b.start).map((r) => r.runId);
  } catch {
    // a server without visibility queries (the time-skipping test server)
  }
  const ids: string[] = [];
  for (const e of await listEvents(deps.db, caseId)) if (e.runId && !ids.includes(e.runId)) ids.push(e.runId);
  // The current run may not have recorded anything yet.
  const latest = (await deps.temporal.workflow.getHandle(caseId).describe()).runId;
  if (!ids.includes(latest)) ids.push(latest);
  return ids;
}

/** The complete history of a case across its runs: every step, who, in what role, when, why, the deadline then. */
export async function caseHistory(deps: CaseServices, caseId: string) {
  const events = await listEvents(deps.db, caseId);
  return { caseId, runs: await runIds(deps, caseId), events, notices: await listNotices(deps.db, caseId) };
}

/** A fresh replay worker per call (tests, scripts), or the API's long-lived one (infra/replayer.ts). */
export type ReplaySource = (() => Promise<ReplayWorkerOptions>) | Replayer;

async function replayAll(source: ReplaySource, items: HistoryAndWorkflowId[]): Promise<ReplayResult[]> {
  if (source instanceof Replayer) return source.replay(items);
  const out: ReplayResult[] = [];
  for await (const r of Worker.runReplayHistories(await source(), items)) out.push(r);
  return out;
}

/** Re-executes every run of the case against the deployed workflow code; histories are fetched concurrently. */
export async function replayCase(deps: CaseServices, replay: ReplaySource, caseId: string) {
  const ids = await runIds(deps, caseId);
  const histories = await Promise.all(
    ids.map(async (runId) => ({ runId, history: await deps.temporal.workflow.getHandle(caseId, runId).fetchHistory() })),
  );
  // A run that has not completed its first workflow task has made no decision to check yet.
  const decided = histories.filter((h) => h.history.events?.some((e) => e.workflowTaskCompletedEventAttributes));
  const reports: RunReport[] = histories
    .filter((h) => !decided.includes(h))
    .map((h) => ({ runId: h.runId, ok: true, error: null, note: 'just started: no decisions recorded yet' }));
  const results = await replayAll(
    replay,
    decided.map((h) => ({ workflowId: caseId, history: h.history })),
  );
  results.forEach((r, i) => {
    reports.push({ runId: decided[i].runId, ok: !r.error, error: r.error ? `${r.error.name}: ${r.error.message}` : null });
  });
  reports.sort((a, b) => ids.indexOf(a.runId) - ids.indexOf(b.runId));
  return { caseId, runs: reports.length, allFollow: reports.length > 0 && reports.every((r) => r.ok), reports };
}
