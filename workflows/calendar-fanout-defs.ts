import { defineQuery } from '@temporalio/workflow';

// Shared by the fan-out workflow and the API that starts it (no workflow code imported there).

export interface CalendarFanOutInput {
  years: number[];
  by: string;
  pageSize?: number;
  concurrency?: number;
  /** Carried across continue-as-new: where the last run stopped and what it did. */
  after?: string;
  notified?: number;
  missed?: number;
}
export interface CalendarFanOutProgress {
  notified: number;
  /** Cases that could not be signalled (closed since the read model was written). */
  missed: number;
  after: string;
  done: boolean;
}
export const fanOutProgress = defineQuery<CalendarFanOutProgress>('fanOutProgress');
