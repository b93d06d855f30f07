import { currentUpdateInfo, proxyLocalActivities, sleep, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import type { SearchAttributeUpdatePair } from '@temporalio/common';
import type { Activities } from '../../activities';
import type { AuditEventInput } from '../../db/audit-repo';
import type { NoticeRecord } from '../../db/notice-repo';
import type { StepRecord } from '../../activities/case-store';
import { startOfShanghaiDay } from '../../domain/calendar';
import type { Actor } from '../../domain/case';
import { SA } from '../definitions';
import type { CaseClock } from './clock';
import { chainBrokenFailure, chainBrokenMessage } from './audit-guard';

/**
 * Reads that need no durability of their own (the calendar, the data match, a profile) and the
 * step's recording, run by the worker inside the workflow task: one marker event each in history
 * instead of an activity's three events and a workflow task's three more.
 */
export const localActs = proxyLocalActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { maximumInterval: '1 minute', nonRetryableErrorTypes: ['ProfileNotFound'] },
});

type Snapshot = StepRecord['snapshot'];

/** Upserts only the search attributes whose value differs from what the execution holds now. */
export function upsertChanged(s: Snapshot, dueDate: string | null): void {
  const held = workflowInfo().typedSearchAttributes;
  const due = dueDate ? new Date(startOfShanghaiDay(dueDate)) : null;
  const pairs: SearchAttributeUpdatePair[] = [];
  if (held.get(SA.stage) !== s.stage) pairs.push({ key: SA.stage, value: s.stage });
  if (held.get(SA.sla) !== s.sla) pairs.push({ key: SA.sla, value: s.sla });
  if ((held.get(SA.dueDate)?.getTime() ?? null) !== (due?.getTime() ?? null)) pairs.push({ key: SA.dueDate, value: due });
  if (pairs.length) upsertSearchAttributes(pairs);
}

/**
 * One recording per step: the events a step persists are numbered and stamped as they happen,
 * and written together (events, notices, read model) by one local activity when the step ends.
 */
export class StepRecorder {
  private events: AuditEventInput[] = [];
  private notices: NoticeRecord[] = [];

  queue(
    s: Snapshot,
    clock: CaseClock,
    dueDate: string | null,
    e: { type: string; actor: Actor; reason: string; data?: Record<string, unknown>; notices?: NoticeRecord[] },
  ): void {
    const seq = s.eventCount;
    s.eventCount += 1;
    s.version += 1;
    this.events.push({
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
    });
    this.notices.push(...(e.notices ?? []));
  }

  get pending(): number {
    return this.events.length;
  }

  /** Writes what the step queued; a broken chain refuses an update at once and makes a timer step wait (as recordEvent does). */
  async flush(s: Snapshot): Promise<void> {
    const events = this.events;
    const notices = this.notices;
    if (!events.length) return;
    this.events = [];
    this.notices = [];
    upsertChanged(s, events[events.length - 1].dueDate);
    for (let wait = 60_000; ; wait = Math.min(wait * 2, 3_600_000)) {
      try {
        const r = await localActs.recordSteps({ events, snapshot: s, notices });
        if (r.mac) s.auditHead = { count: s.eventCount, mac: r.mac, macFrom: s.auditHead?.macFrom ?? events[0].seq };
        delete s.auditBlocked;
        return;
      } catch (err) {
        const broken = chainBrokenMessage(err);
        if (broken === undefined) throw err;
        if (currentUpdateInfo()) {
          s.eventCount -= events.length;
          s.version -= events.length;
          throw chainBrokenFailure(broken);
        }
        s.auditBlocked = broken;
        await sleep(wait);
      }
    }
  }
}
