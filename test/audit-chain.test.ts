// The audit chain against its own database owner: MACs with a key PostgreSQL never holds, the
// count and head anchored in the case's workflow, an application role that cannot become the
// owner, and a broken chain that refuses steps fast instead of wedging the case.
import { eventHash } from '../db/audit-hash';
import { shanghaiDate } from '../domain/calendar';
import { auditor, clerk, dibaoApplication, homeVisit, supervisor } from './support/fixtures';
import { useHarness } from './support/harness';

const TQ = 'audit-chain-test';
const today = () => shanghaiDate(Date.now());
const h = useHarness({ server: 'dev', taskQueue: TQ, api: true });

async function newCase(): Promise<string> {
  const r = await h.api.call('POST', '/api/cases', { body: dibaoApplication() });
  expect(r.status).toBe(201);
  return r.body.caseId;
}
const visit = (id: string) => h.api.call('POST', `/api/cases/${id}/home-visit`, { body: homeVisit({ visitedOn: today() }) });
const verify = (id: string) => h.api.call('GET', `/api/cases/${id}/audit/verify`, { actor: auditor });

/** What a DBA can do: lift the append-only triggers (as test/support/db.ts does), change rows, put them back. */
async function asOwner(fn: () => Promise<unknown>): Promise<void> {
  await h.db.query('ALTER TABLE case_events DISABLE TRIGGER USER');
  try {
    await fn();
  } finally {
    await h.db.query('ALTER TABLE case_events ENABLE TRIGGER USER');
  }
}

/** Recomputes every hash and link from `fromSeq` on, exactly as the application would; the MACs it cannot. */
async function rehash(caseId: string, fromSeq: number): Promise<void> {
  const rows = (await h.db.query('SELECT * FROM case_events WHERE case_id = $1 ORDER BY seq', [caseId])).rows;
  let prevHash: string | null = fromSeq > 0 ? rows[fromSeq - 1].hash : null;
  for (const e of rows.slice(fromSeq)) {
    const hash = eventHash({
      caseId,
      seq: e.seq,
      type: e.type,
      stage: e.stage,
      actorId: e.actor_id,
      actorRole: e.actor_role,
      reason: e.reason,
      data: e.data,
      occurredAt: e.occurred_at.toISOString(),
      dueDate: e.due_date,
      prevHash,
      runId: e.run_id ?? undefined,
    });
    await h.db.query('UPDATE case_events SET prev_hash = $1, hash = $2 WHERE id = $3', [prevHash, hash, e.id]);
    prevHash = hash;
  }
}

describe('the application role', () => {
  test('logs in as itself and cannot become the owner with SET ROLE', async () => {
    const owner = (await h.db.query('SELECT current_user AS u')).rows[0].u;
    expect((await h.app.query('SELECT session_user AS s, current_user AS c')).rows[0]).toEqual({ s: 'aidflow_app', c: 'aidflow_app' });
    await expect(h.app.query(`SET ROLE ${owner}`)).rejects.toThrow(/permission denied/);
    await h.app.query('RESET ROLE');
    expect((await h.app.query('SELECT current_user AS c')).rows[0].c).toBe('aidflow_app');
    const memberships = await h.db.query("SELECT count(*)::int AS n FROM pg_auth_members WHERE member = 'aidflow_app'::regrole");
    expect(memberships.rows[0].n).toBe(0);
  });

  test('cannot change the audit trail, the only table verify reads', async () => {
    const id = await newCase();
    await expect(h.app.query("UPDATE case_events SET actor_id = 'x' WHERE case_id = $1", [id])).rejects.toThrow(/permission denied/);
    await expect(h.app.query('DELETE FROM case_events WHERE case_id = $1', [id])).rejects.toThrow(/permission denied/);
    await expect(h.app.query('ALTER TABLE case_events DISABLE TRIGGER USER')).rejects.toThrow(/must be owner/);
  });
});

describe('audit/verify against the database owner', () => {
  test('a middle row rewritten and the rest re-hashed is reported at its seq as re-hashed', async () => {
    const id = await newCase();
    expect((await visit(id)).status).toBe(200);
    const intact = await verify(id);
    expect(intact.body).toMatchObject({ intact: true, firstBroken: null, legacyEvents: 0, anchor: { source: 'workflow' } });
    const n = intact.body.events;
    expect(n).toBeGreaterThanOrEqual(4);
    expect(intact.body.anchor).toMatchObject({ eventCount: n, headCount: n });
    await asOwner(async () => {
      await h.db.query("UPDATE case_events SET actor_id = 'clerk-999' WHERE case_id = $1 AND seq = 2", [id]);
      await rehash(id, 2);
    });
    const r = await verify(id);
    expect(r.body).toMatchObject({ intact: false, firstBroken: { seq: 2, kind: 'rehashed' } });
  });

  test("MACs stripped and hashes recomputed from the start: the workflow's head exposes it", async () => {
    const id = await newCase();
    await asOwner(async () => {
      await h.db.query("UPDATE case_events SET mac = NULL, reason = '伪造' WHERE case_id = $1", [id]);
      await rehash(id, 0);
    });
    const r = await verify(id);
    expect(r.body).toMatchObject({ intact: false, firstBroken: { seq: 0, kind: 'mac_removed' }, legacyEvents: 2 });
  });

  test('the newest rows deleted, or one added: the count comes from the workflow', async () => {
    const id = await newCase();
    const rows = (await h.db.query('SELECT * FROM case_events WHERE case_id = $1 ORDER BY seq', [id])).rows;
    await asOwner(() => h.db.query('DELETE FROM case_events WHERE case_id = $1 AND seq = 1', [id]));
    expect((await verify(id)).body).toMatchObject({ intact: false, firstBroken: { seq: 1, kind: 'deleted' } });
    // Put back as it was, plus a copy as an extra event 2 (with a MAC copied from elsewhere).
    const e = rows[1];
    await h.db.query(
      `INSERT INTO case_events (case_id, seq, type, stage, actor_id, actor_role, reason, data, occurred_at, due_date, prev_hash, hash, run_id, mac)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14)`,
      [id, 1, e.type, e.stage, e.actor_id, e.actor_role, e.reason, e.data, e.occurred_at, e.due_date, e.prev_hash, e.hash, e.run_id, e.mac],
    );
    expect((await verify(id)).body).toMatchObject({ intact: true });
    await h.db.query(
      `INSERT INTO case_events (case_id, seq, type, stage, actor_id, actor_role, reason, data, occurred_at, due_date, prev_hash, hash, run_id, mac)
       VALUES ($1,2,'case_closed','investigating','clerk-001','clerk','x','{}',now(),null,$2,$3,null,$4)`,
      [id, e.hash, 'f'.repeat(64), e.mac],
    );
    const r = await verify(id);
    expect(r.body).toMatchObject({ intact: false, firstBroken: { seq: 2 } });
  });
});

describe('a broken chain never wedges a case', () => {
  test('the next step answers 409 AUDIT_CHAIN_BROKEN within seconds; supervisors see the case; others go on', async () => {
    const id = await newCase();
    const other = await newCase();
    const newest = (await h.db.query('SELECT * FROM case_events WHERE case_id = $1 ORDER BY seq DESC LIMIT 1', [id])).rows[0];
    await asOwner(() => h.db.query('DELETE FROM case_events WHERE id = $1', [newest.id]));

    for (let i = 0; i < 2; i++) {
      const started = Date.now();
      const r = await visit(id);
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(r.status).toBe(409);
      expect(r.body.error.code).toBe('AUDIT_CHAIN_BROKEN');
      expect(r.body.error.message).toContain('audit chain gap');
    }
    const listed = await h.api.call('GET', '/api/supervision/attention', { actor: supervisor });
    expect(listed.status).toBe(200);
    expect(listed.body).toMatchObject({ page: 1, pageSize: 50, total: 1 });
    expect(listed.body.items[0]).toMatchObject({ caseId: id, kind: 'audit_chain_broken', seq: newest.seq + 1, occurrences: 2 });
    expect((await h.api.call('GET', '/api/supervision/attention', { actor: clerk })).status).toBe(403);
    const elsewhere = await h.api.call('GET', '/api/supervision/attention', {
      actor: { ...supervisor, id: 'sup-xa', jurisdiction: '610102' },
    });
    expect(elsewhere.body).toMatchObject({ items: [], total: 0 });
    expect((await h.api.call('GET', '/api/supervision/attention?pageSize=201', { actor: supervisor })).status).toBe(400);

    expect((await visit(other)).status).toBe(200);
    // The refused step left the workflow as it was: once the row is restored the case goes on.
    const state = await h.env.client.workflow.getHandle(id).query('state');
    expect(state).toMatchObject({ eventCount: newest.seq + 1, homeVisits: [] });
    await h.db.query(
      `INSERT INTO case_events (case_id, seq, type, stage, actor_id, actor_role, reason, data, occurred_at, due_date, prev_hash, hash, run_id, mac)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14)`,
      [
        id,
        newest.seq,
        newest.type,
        newest.stage,
        newest.actor_id,
        newest.actor_role,
        newest.reason,
        newest.data,
        newest.occurred_at,
        newest.due_date,
        newest.prev_hash,
        newest.hash,
        newest.run_id,
        newest.mac,
      ],
    );
    expect((await visit(id)).status).toBe(200);
    expect((await h.api.call('GET', '/api/supervision/attention', { actor: supervisor })).body.total).toBe(0);
    expect((await verify(id)).body).toMatchObject({ intact: true });
  });
});
