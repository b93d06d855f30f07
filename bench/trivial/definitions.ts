import { defineQuery, defineUpdate } from '@temporalio/workflow';

/**
 * The comparator's shape, taken from one aidflow happy-path history (bench/flow/history.ts):
 * activities and local activities per phase (start, first update, after the timer, second
 * update), the same in the run continued-as-new into, and the timers each run starts.
 */
export interface TrivialInput {
  run: 0 | 1;
  activities: number[];
  localActivities: number[];
  /** The second run's (the benefit period's first run). */
  next: { activities: number; localActivities: number; timers: number };
  /** Timers of the first run besides the one the driver waits through (armed, then cancelled). */
  idleTimers: number;
  timerMs: number;
}

/** Phases done so far (5 once the continued run has done its work). */
export const trivialDone = defineQuery<number>('trivialDone');
/** The n-th phase (1 or 3), as an update that answers when it is done. */
export const trivialStep = defineUpdate<number, [number]>('trivialStep');
