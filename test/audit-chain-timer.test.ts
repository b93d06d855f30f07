// A timer-driven step (the SLA warning) that meets a broken audit chain: it neither fails the
// workflow nor retries in a tight loop; updates meanwhile are refused at once; once the row is
// restored the step records and the case goes on.
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { acceptCase } from '../api/use-cases/accept-case';
import { verifyCaseChain } from '../api/use-cases/audit-verify';
import { shanghaiDate, startOfShanghaiDay } from '../domain/calendar';
import type { CaseState } from '../domain/case';
import * as defs from '../workflows/definitions';
import { clerk, dibaoApplication, homeVisit } from './support/fixtures';
import { useHarness } from './support/harness';
import { eventually } from './support/temporal';
import { TEST_AUDIT_KEY } from './support/trust';

const h = useHarness({ server: 'time-skipping', taskQueue: 'audit-chain-timer-test' });
const state = (id: string) => h.env.client.workflow.getHandle(id).query(defs.stateQuery) as Promise<CaseState>;

test('the SLA warning waits for the chain to be restored while updates are refused with AuditChainBroken', async () => {
  const r = await acceptCase(h.deps, clerk, dibaoApplication());
  expect(r.status).toBe(201);
  const id = r.body.caseId as string;
  const s0 = await eventually(
    () => state(id),
    (s) => s?.stage === 'investigating',
  );
  const newest = (await h.db.query('SELECT * FROM case_events WHERE case_id = $1 ORDER BY seq DESC LIMIT 1', [id])).rows[0];
  await h.db.query('ALTER TABLE case_events DISABLE TRIGGER USER');
  await h.db.query('DELETE FROM case_events WHERE id = $1', [newest.id]);
  await h.db.query('ALTER TABLE case_events ENABLE TRIGGER USER');

  // Past the warning day by an hour: the timer fires, the recording fails, the step waits and retries.
  await h.env.sleep(startOfShanghaiDay(s0.deadline.warnOn) - (await h.env.currentTimeMs()) + 3_600_000);
  const blocked = await eventually(
    () => state(id),
    (s) => !!s.auditBlocked,
  );
  expect(blocked.auditBlocked).toContain('audit chain gap');
  const flag = await h.db.query('SELECT occurrences FROM cases_needing_attention WHERE case_id = $1 AND resolved_at IS NULL', [id]);
  // Retried with a growing delay (1, 2, 4, … minutes), not thousands of times.
  expect(flag.rows[0].occurrences).toBeGreaterThanOrEqual(2);
  expect(flag.rows[0].occurrences).toBeLessThanOrEqual(8);

  const started = Date.now();
  const refused = await h.env.client.workflow
    .getHandle(id)
    .executeUpdate(defs.recordHomeVisit, {
      args: [{ ...homeVisit({ visitedOn: shanghaiDate(await h.env.currentTimeMs()) }), actor: clerk }],
    })
    .then(
      () => undefined,
      (e) => e,
    );
  expect(Date.now() - started).toBeLessThan(10_000);
  expect(refused).toBeInstanceOf(WorkflowUpdateFailedError);
  expect(refused.cause?.type).toBe(defs.FailureTypes.auditChainBroken);

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
  await h.env.sleep('2 hours');
  const after = await eventually(
    () => state(id),
    (s) => !s.auditBlocked && s.auditHead?.count === newest.seq + 2,
  );
  expect(after.sla).toBe('warning');
  const types = (await h.db.query('SELECT type FROM case_events WHERE case_id = $1 ORDER BY seq', [id])).rows.map((x) => x.type);
  expect(types[types.length - 1]).toBe('sla_warning');
  expect(await verifyCaseChain(h.deps, TEST_AUDIT_KEY, id)).toMatchObject({ intact: true, legacyEvents: 0 });
  expect((await h.db.query('SELECT resolved_at FROM cases_needing_attention WHERE case_id = $1', [id])).rows[0].resolved_at).not.toBeNull();
});
