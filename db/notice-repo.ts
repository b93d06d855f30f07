import type { Pool, PoolClient } from 'pg';

export interface NoticeRecord {
  noticeId: string;
  caseId: string;
  kind: 'public_notice' | 'decision_notice' | 'termination_notice';
  status: string;
  startsOn: string | null;
  endsOn: string | null;
  title: string;
  body: string;
  data: Record<string, unknown>;
}

/** Keyed by notice id, so a retried step rewrites the same notice instead of posting a second one. */
export async function upsertNotice(tx: PoolClient, n: NoticeRecord): Promise<void> {
  await tx.query(
    `INSERT INTO notices (notice_id, case_id, kind, status, starts_on, ends_on, title, body, data)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)
     ON CONFLICT (notice_id) DO UPDATE SET status = EXCLUDED.status, data = EXCLUDED.data, updated_at = now()`,
    [n.noticeId, n.caseId, n.kind, n.status, n.startsOn, n.endsOn, n.title, n.body, n.data],
  );
}

export async function listNotices(db: Pool, caseId: string): Promise<NoticeRecord[]> {
  const r = await db.query('SELECT * FROM notices WHERE case_id = $1 ORDER BY created_at, notice_id', [caseId]);
  return r.rows.map((x) => ({
    noticeId: x.notice_id,
    caseId: x.case_id,
    kind: x.kind,
    status: x.status,
    startsOn: x.starts_on,
    endsOn: x.ends_on,
    title: x.title,
    body: x.body,
    data: x.data,
  }));
}
