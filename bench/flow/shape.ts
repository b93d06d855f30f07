import type { History } from '@temporalio/common/lib/proto-utils';
import type { FlowStack } from './stack';
import { countHistory, HistoryCounts, phaseCounts } from './history';
import type { TrivialInput } from '../trivial/definitions';

export interface CaseHistories {
  /** The application run, up to its continue-as-new into the benefit period. */
  caseRun: History;
  /** The benefit period's first run, as far as it has got. */
  benefitRun: History;
}

/** Both runs of a case, by the run ids its audit trail names (as test/support/record-histories.ts finds them). */
export async function caseHistories(stack: FlowStack, caseId: string): Promise<CaseHistories> {
  const runs = (
    await stack.db.query('SELECT run_id FROM case_events WHERE case_id = $1 AND run_id IS NOT NULL GROUP BY run_id ORDER BY min(seq)', [
      caseId,
    ])
  ).rows.map((r) => r.run_id as string);
  if (runs.length < 2) throw new Error(`case ${caseId} has ${runs.length} recorded run(s); expected the application and the benefit run`);
  const fetch = (runId: string) => stack.client.workflow.getHandle(caseId, runId).fetchHistory();
  return { caseRun: await fetch(runs[0]), benefitRun: await fetch(runs[1]) };
}

/** The trivial comparator's input with the same activities, local activities, updates and timers as this case. */
export function trivialShape(h: CaseHistories, timerMs: number): Omit<TrivialInput, 'run'> {
  const phases = phaseCounts(h.caseRun);
  const first: HistoryCounts = countHistory(h.caseRun);
  const next = countHistory(h.benefitRun);
  return {
    activities: phases.activities,
    localActivities: phases.localActivities,
    next: { activities: next.activities, localActivities: next.localActivities, timers: next.timers },
    idleTimers: Math.max(0, first.timers - 1),
    timerMs,
  };
}
