/**
 * What a case's workflow keeps of its own audit chain. It lives in the workflow's state, hence in
 * its Temporal history, which the database owner cannot rewrite: audit/verify compares the
 * PostgreSQL chain with it.
 */
export interface AuditAnchorState {
  /** The last event the workflow saw committed: count = its seq + 1, its MAC, and the first seq it saw MAC'd. */
  auditHead?: { count: number; mac: string; macFrom: number };
  /** Set while a timer-driven step waits for a broken chain to be restored; updates are refused meanwhile. */
  auditBlocked?: string;
}
