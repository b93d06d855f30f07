import type { Client } from '@temporalio/client';
import type { Pool } from 'pg';

export interface ApiDeps {
  db: Pool;
  temporal: Client;
  taskQueue: string;
  /** How long acceptance waits for the workflow to compute the due date before answering 202. */
  acceptWaitMs: number;
}
