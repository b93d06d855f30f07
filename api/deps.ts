import type { Client } from '@temporalio/client';
import type { Pool } from 'pg';

export interface ApiDeps {
  db: Pool;
  temporal: Client;
  taskQueue: string;
  /** How long acceptance waits for the workflow to compute the due date before answering 202. */
  acceptWaitMs: number;
  /** Set only in demo sandboxes (DEMO_DAY_SECONDS): new cases' days pass faster. */
  demoSpeed?: number;
}
