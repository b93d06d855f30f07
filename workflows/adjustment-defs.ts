import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { CaseAdjustment, CaseAdjustmentResult } from '../domain/adjustment-apply';

// 调标, applying: shared by the batch workflow, the benefit workflow, its activities and the API
// (no workflow code imported there), so names and payload shapes cannot drift.

/** Tells one case of an adjustment; idempotent by adjustment id (a case that applied it answers 'already'). */
export const applyStandardAdjustment = defineUpdate<CaseAdjustmentResult, [CaseAdjustment]>('applyStandardAdjustment');

export type AdjustmentRunStatus = 'running' | 'paused' | 'stopping' | 'stopped' | 'completed';

export interface AdjustmentCounts {
  total: number;
  done: number;
  failed: number;
  changed: number;
  unchanged: number;
  flagged: number;
  skipped: number;
}

export interface AdjustmentProgress extends AdjustmentCounts {
  adjustmentId: string;
  status: AdjustmentRunStatus;
  /** Keyset cursor: the last case id handed out. */
  after: string;
  failedCaseIds: string[];
  /** Grows with every change: the PostgreSQL mirror never takes an older progress over a newer one. */
  seq: number;
}

export interface AdjustmentRunInput {
  adjustmentId: string;
  by: string;
  pageSize?: number;
  /** Cases told at once. */
  concurrency?: number;
  /** Pages per run before continuing as new (history stays bounded). */
  pagesPerRun?: number;
  /** Carried across continue-as-new. */
  progress?: AdjustmentProgress;
  /** The case update as planned by the first run. */
  plan?: CaseAdjustment;
}

export const adjustmentProgressQuery = defineQuery<AdjustmentProgress>('adjustmentProgress');
export const pauseAdjustment = defineUpdate<AdjustmentProgress, [{ by: string }]>('pauseAdjustment');
export const resumeAdjustment = defineUpdate<AdjustmentProgress, [{ by: string }]>('resumeAdjustment');
export const stopAdjustment = defineUpdate<AdjustmentProgress, [{ by: string }]>('stopAdjustment');

export const adjustmentWorkflowId = (adjustmentId: string) => `adjust-${adjustmentId}`;
