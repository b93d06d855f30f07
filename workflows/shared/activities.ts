import { proxyActivities, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import type { NoticeRecord } from '../../db/notice-repo';
import { startOfShanghaiDay } from '../../domain/calendar';
import type { Actor } from '../../domain/case';
import type { StepRecord } from '../../activities/case-store';
import { SA } from '../definitions';
import type { CaseClock } from '../shared/clock';

export const acts = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { maximumInterval: '1 minute', nonRetryableErrorTypes: ['ProfileNotFound'] },
});

/**
 * Records one audit event with the resulting state, and mirrors stage, SLA and due date into
 * search attributes: the only way a case's state reaches the outside.
 */
export async function recordEvent(
  s: StepRecord['snapshot'], clock: CaseClock, dueDate: string | null,
  e: { type: string; actor: Actor; reason: string; data?: Record<string, unknown>; notices?: NoticeRecord[]; payments?: StepRecord['payments'] },
): Promise<void> {
  const seq = s.eventCount;
  s.eventCount += 1;
  s.version += 1;
  upsertSearchAttributes([
    { key: SA.stage, value: s.stage },
    { key: SA.sla, value: s.sla },
    { key: SA.dueDate, value: dueDate ? new Date(startOfShanghaiDay(dueDate)) : null },
  ]);
  await acts.recordStep({
    event: {
      caseId: s.caseId, seq, type: e.type, stage: s.stage, actor: e.actor, reason: e.reason, data: e.data ?? {},
      occurredAtMs: clock.now(), dueDate, runId: workflowInfo().runId,
    },
    snapshot: s,
    notices: e.notices ?? [],
    ...(e.payments ? { payments: e.payments } : {}),
  });
}
