import type { History } from '@temporalio/common/lib/proto-utils';

/** What one run's history holds, counted from the server's own events. */
export interface HistoryCounts {
  events: number;
  workflowTasks: number;
  activities: number;
  localActivities: number;
  timers: number;
  updates: number;
  saUpserts: number;
  /** Bytes of every payload (encrypted, as stored) in the history. */
  payloadBytes: number;
}

type Event = Record<string, unknown>;

/** Sums the `data` of every payload ({ metadata, data }) anywhere under `v`. */
function payloadBytes(v: unknown): number {
  if (!v || typeof v !== 'object') return 0;
  if (v instanceof Uint8Array) return 0;
  const o = v as Record<string, unknown>;
  if (o.data instanceof Uint8Array && 'metadata' in o) return o.data.length;
  let n = 0;
  for (const x of Array.isArray(v) ? v : Object.values(o)) n += payloadBytes(x);
  return n;
}

const has = (e: Event, attrs: string) => e[attrs] != null;

export function countHistory(h: History): HistoryCounts {
  const events = (h.events ?? []) as unknown as Event[];
  const c: HistoryCounts = {
    events: events.length,
    workflowTasks: 0,
    activities: 0,
    localActivities: 0,
    timers: 0,
    updates: 0,
    saUpserts: 0,
    payloadBytes: 0,
  };
  for (const e of events) {
    if (has(e, 'workflowTaskCompletedEventAttributes')) c.workflowTasks += 1;
    if (has(e, 'activityTaskScheduledEventAttributes')) c.activities += 1;
    if ((e.markerRecordedEventAttributes as { markerName?: string } | null)?.markerName === 'core_local_activity') c.localActivities += 1;
    if (has(e, 'timerStartedEventAttributes')) c.timers += 1;
    if (has(e, 'workflowExecutionUpdateAcceptedEventAttributes')) c.updates += 1;
    if (has(e, 'upsertWorkflowSearchAttributesEventAttributes')) c.saUpserts += 1;
    c.payloadBytes += payloadBytes(e);
  }
  return c;
}

/**
 * The happy path's activities by phase, for the trivial comparator: before the first update, in
 * the home visit, after the notice timer fired, in the decision. An update's activities follow its
 * Accepted event (the acceptance update sent with the start excepted); the notice's follow the TimerFired event.
 */
export interface PhaseCounts {
  activities: number[];
  localActivities: number[];
}

export function phaseCounts(h: History): PhaseCounts {
  const out: PhaseCounts = { activities: [0, 0, 0, 0], localActivities: [0, 0, 0, 0] };
  let phase = 0;
  for (const e of (h.events ?? []) as unknown as Event[]) {
    const accepted = e.workflowExecutionUpdateAcceptedEventAttributes as { acceptedRequest?: { input?: { name?: string } } } | null;
    // The acceptance update comes with the start (update-with-start): it belongs to the first phase.
    if (accepted && accepted.acceptedRequest?.input?.name !== 'acceptance') phase = phase === 0 ? 1 : 3;
    if (has(e, 'timerFiredEventAttributes') && phase === 1) phase = 2;
    if (has(e, 'activityTaskScheduledEventAttributes')) out.activities[phase] += 1;
    if ((e.markerRecordedEventAttributes as { markerName?: string } | null)?.markerName === 'core_local_activity')
      out.localActivities[phase] += 1;
  }
  return out;
}

export function describeCounts(c: HistoryCounts): string {
  return (
    `${c.events} events: ${c.workflowTasks} workflow tasks, ${c.activities} activities, ${c.localActivities} local activities, ` +
    `${c.timers} timers, ${c.updates} updates, ${c.saUpserts} SA upserts, ${(c.payloadBytes / 1024).toFixed(1)} kB payload`
  );
}
