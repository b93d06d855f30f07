import type { Connection } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import type { Pool } from 'pg';
import { indexLegacyPayloads } from '../db/legacy-payload-repo';
import { legacyOwnerOf, unboundDigestsInHistory } from './legacy-payloads';

// Walks every workflow run Temporal keeps and records the owner of each payload encrypted before
// bindings existed. Idempotent: run it again after a restore, or as often as you like.

export interface IndexSummary {
  runs: number;
  payloadsIndexed: number;
  systemRunsSkipped: number;
}

async function rawHistory(connection: Connection, namespace: string, workflowId: string, runId: string): Promise<unknown> {
  const events = [];
  let nextPageToken: Uint8Array | undefined;
  do {
    const r = await connection.workflowService.getWorkflowExecutionHistory({ namespace, execution: { workflowId, runId }, nextPageToken });
    events.push(...(r.history?.events ?? []));
    nextPageToken = r.nextPageToken?.length ? r.nextPageToken : undefined;
  } while (nextPageToken);
  return JSON.parse(historyToJSON({ events }));
}

/** Indexes one history (as stored: JSON form) under the workflow it belongs to. */
export async function indexHistory(db: Pool, workflowId: string, history: unknown): Promise<number> {
  const owner = legacyOwnerOf(workflowId);
  return owner ? indexLegacyPayloads(db, owner, unboundDigestsInHistory(history)) : 0;
}

export async function indexLegacyFromTemporal(connection: Connection, namespace: string, db: Pool): Promise<IndexSummary> {
  const sum: IndexSummary = { runs: 0, payloadsIndexed: 0, systemRunsSkipped: 0 };
  let nextPageToken: Uint8Array | undefined;
  do {
    const page = await connection.workflowService.listWorkflowExecutions({ namespace, pageSize: 200, nextPageToken });
    for (const e of page.executions ?? []) {
      const workflowId = e.execution?.workflowId ?? '';
      sum.runs++;
      if (!legacyOwnerOf(workflowId)) {
        sum.systemRunsSkipped++;
        continue;
      }
      sum.payloadsIndexed += await indexHistory(
        db,
        workflowId,
        await rawHistory(connection, namespace, workflowId, e.execution?.runId ?? ''),
      );
    }
    nextPageToken = page.nextPageToken?.length ? page.nextPageToken : undefined;
  } while (nextPageToken);
  return sum;
}
