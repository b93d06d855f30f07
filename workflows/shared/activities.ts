import { currentUpdateInfo, patched, proxyActivities, sleep, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import type { NoticeRecord } from '../../db/notice-repo';
import { startOfShanghaiDay } from '../../domain/calendar';
import type { Actor } from '../../domain/case';
import type { StepRecord } from '../../activities/case-store';
import { SA } from '../definitions';
import type { CaseClock } from '../shared/clock';
import { chainBrokenFailure, chainBrokenMessage, CHAIN_BROKEN_PATCH } from './audit-guard';

export const acts = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { maximumInterval: '1 minute', nonRetryableErrorTypes: ['ProfileNotFound'] },
});

/**
 * Records one audit event with the resulting state, and mirrors stage, SLA and due date into
 * search attributes: the only way a case's state reaches the outside.
 */
export async function recordEvent(
  s: StepRecord['snapshot'],
  clock: CaseClock,
  dueDate: string | null,
  e: {
    type: string;
    actor: Actor;
    reason: string;
    data?: Record<string, unknown>;
    notices?: NoticeRecord[];
    payments?: StepRecord['payments'];
    adjustment?: StepRecord['adjustment'];
  },
): Promise<void> {
  const seq = s.eventCount;
  s.eventCount += 1;
  s.version += 1;
  upsertSearchAttributes([
    { key: SA.stage, value: s.stage },
    { key: SA.sla, value: s.sla },
    { key: SA.dueDate, value: dueDate ? new Date(startOfShanghaiDay(dueDate)) : null },
  ]);
  const step: StepRecord = {
    event: {
      caseId: s.caseId,
      seq,
      type: e.type,
      stage: s.stage,
      actor: e.actor,
      reason: e.reason,
      data: e.data ?? {},
      occurredAtMs: clock.now(),
      dueDate,
      runId: workflowInfo().runId,
    },
    snapshot: s,
    notices: e.notices ?? [],
    ...(e.payments ? { payments: e.payments } : {}),
    ...(e.adjustment ? { adjustment: e.adjustment } : {}),
  };
  // A broken chain (the activity's non-retryable AuditChainBroken) never wedges the case: an update
  // is refused at once (409 AUDIT_CHAIN_BROKEN), a timer step retries hourly at most until restored.
  for (let wait = 60_000; ; wait = Math.min(wait * 2, 3_600_000)) {
    try {
      // Histories from before MACs have no result here.
      const r = (await acts.recordStep(step)) as { mac?: string | null } | undefined;
      if (r?.mac) s.auditHead = { count: seq + 1, mac: r.mac, macFrom: s.auditHead?.macFrom ?? seq };
      delete s.auditBlocked;
      return;
    } catch (err) {
      const broken = chainBrokenMessage(err);
      if (broken === undefined || !patched(CHAIN_BROKEN_PATCH)) throw err;
      if (currentUpdateInfo()) {
        s.eventCount -= 1;
        s.version -= 1;
        throw chainBrokenFailure(broken);
      }
      s.auditBlocked = broken;
      await sleep(wait);
    }
  }
}
