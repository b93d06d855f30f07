import type { Pool } from 'pg';

export interface LegacyOwner {
  workflowId: string;
  caseId: string | null;
  area: string;
}

/** Records owners of unbound payloads; a digest already indexed keeps its first owner. */
export async function indexLegacyPayloads(db: Pool, owner: LegacyOwner, digests: Buffer[]): Promise<number> {
  if (!digests.length) return 0;
  const r = await db.query(
    `INSERT INTO legacy_payload_owners (digest, workflow_id, case_id, area)
     SELECT d, $2, $3, $4 FROM unnest($1::bytea[]) d ON CONFLICT (digest) DO NOTHING`,
    [digests, owner.workflowId, owner.caseId, owner.area],
  );
  return r.rowCount ?? 0;
}

export async function legacyOwners(db: Pool, digests: Buffer[]): Promise<Map<string, LegacyOwner>> {
  const out = new Map<string, LegacyOwner>();
  if (!digests.length) return out;
  const r = await db.query('SELECT digest, workflow_id, case_id, area FROM legacy_payload_owners WHERE digest = ANY($1::bytea[])', [
    digests,
  ]);
  for (const row of r.rows)
    out.set((row.digest as Buffer).toString('hex'), { workflowId: row.workflow_id, caseId: row.case_id, area: row.area });
  return out;
}
