import type { Pool, PoolClient } from 'pg';
import type { Actor } from '../domain/case';
import type { Department, ReferralRequest, ReferralState } from '../domain/referral';
import type { AuditEventInput, AuditEventRow } from './audit-repo';
import { eventHash } from './audit-hash';
import type { Page } from './case-queries';
import { areaCondition, decodeCursor, Keyset, KeysetPage, pageOf } from './keyset';

export interface ReferralRow {
  referralId: string;
  township: string;
  householdId: string;
  caseId: string | null;
  kind: string;
  department: { code: string; name: string };
  stage: string;
  sla: string;
  referredOn: string | null;
  dueDate: string | null;
  escalatedOn: string | null;
  outcome: string | null;
  requestHash: string;
  request: ReferralRequest;
  state: ReferralState | null;
  updatedAt: string;
}

const toRow = (r: Record<string, any>): ReferralRow => ({
  referralId: r.referral_id,
  township: r.township,
  householdId: r.household_id,
  caseId: r.case_id,
  kind: r.kind,
  department: { code: r.department_code, name: r.department_name },
  stage: r.stage,
  sla: r.sla_status,
  referredOn: r.referred_on,
  dueDate: r.due_date,
  escalatedOn: r.escalated_on,
  outcome: r.outcome,
  requestHash: r.request_hash,
  request: r.request,
  state: r.state,
  updatedAt: r.updated_at.toISOString(),
});

export type ReferralReservation = { created: true; referralId: string } | { created: false; existing: ReferralRow };

/** Registers the referral before its workflow starts; one unanswered referral per household, kind and department. */
export async function reserveReferral(
  db: Pool,
  req: ReferralRequest,
  dept: Department,
  requestHash: string,
  by: Actor,
  year: number,
): Promise<ReferralReservation> {
  const findOpen = async () => {
    const r = await db.query(
      "SELECT * FROM referrals WHERE household_id = $1 AND kind = $2 AND department_code = $3 AND stage <> 'answered'",
      [req.householdId, req.kind, dept.code],
    );
    return r.rowCount ? toRow(r.rows[0]) : null;
  };
  const open = await findOpen();
  if (open) return { created: false, existing: open };
  const seq = (await db.query("SELECT nextval('referral_number_seq') AS n")).rows[0].n as number;
  const referralId = `RF-${req.township}-${year}-${String(seq).padStart(6, '0')}`;
  const ins = await db.query(
    `INSERT INTO referrals (referral_id, township, household_id, case_id, kind, department_code, department_name, stage, request_hash, request, created_by)
     VALUES ($1,$2,$3,$4,$5,$6,$7,'registered',$8,$9,$10)
     ON CONFLICT (household_id, kind, department_code) WHERE stage <> 'answered' DO NOTHING`,
    [referralId, req.township, req.householdId, req.caseId ?? null, req.kind, dept.code, dept.name, requestHash, req, by.id],
  );
  if (ins.rowCount) return { created: true, referralId };
  const existing = await findOpen();
  return existing ? { created: false, existing } : reserveReferral(db, req, dept, requestHash, by, year);
}

export interface ReferralStep {
  event: AuditEventInput;
  snapshot: ReferralState;
}

/** Audit event and read model in one transaction, idempotent on (referral, seq) like a case's steps. */
export async function recordReferralStepTx(tx: PoolClient, step: ReferralStep): Promise<void> {
  const e = step.event;
  const exists = await tx.query('SELECT 1 FROM referral_events WHERE referral_id = $1 AND seq = $2', [e.caseId, e.seq]);
  if (!exists.rowCount) {
    let prevHash: string | null = null;
    if (e.seq > 0) {
      const prev = await tx.query('SELECT hash FROM referral_events WHERE referral_id = $1 AND seq = $2', [e.caseId, e.seq - 1]);
      if (!prev.rowCount) throw new Error(`audit chain gap: referral ${e.caseId} has no event ${e.seq - 1}`);
      prevHash = prev.rows[0].hash;
    }
    const occurredAt = new Date(e.occurredAtMs).toISOString();
    const hash = eventHash({
      caseId: e.caseId,
      seq: e.seq,
      type: e.type,
      stage: e.stage,
      actorId: e.actor.id,
      actorRole: e.actor.role,
      reason: e.reason,
      data: e.data,
      occurredAt,
      dueDate: e.dueDate,
      prevHash,
      runId: e.runId,
    });
    await tx.query(
      `INSERT INTO referral_events (referral_id, seq, type, stage, actor_id, actor_role, reason, data, occurred_at, due_date, prev_hash, hash, run_id)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13) ON CONFLICT (referral_id, seq) DO NOTHING`,
      [
        e.caseId,
        e.seq,
        e.type,
        e.stage,
        e.actor.id,
        e.actor.role,
        e.reason,
        e.data,
        occurredAt,
        e.dueDate,
        prevHash,
        hash,
        e.runId ?? null,
      ],
    );
  }
  const s = step.snapshot;
  await tx.query(
    `UPDATE referrals SET stage=$2, sla_status=$3, referred_on=$4, due_date=$5, escalated_on=$6, outcome=$7, state=$8, state_version=$9, updated_at=now()
     WHERE referral_id=$1 AND state_version < $9`,
    [s.referralId, s.stage, s.sla, s.referredOn, s.dueDate, s.escalatedOn, s.feedback?.outcome ?? null, s, s.version],
  );
}

export async function getReferral(db: Pool, referralId: string): Promise<ReferralRow | null> {
  const r = await db.query('SELECT * FROM referrals WHERE referral_id = $1', [referralId]);
  return r.rowCount ? toRow(r.rows[0]) : null;
}

export interface ReferralFilter {
  within: string;
  township?: string;
  householdId?: string;
  stage?: string;
  sla?: string;
  page: number;
  pageSize: number;
}

export async function listReferrals(db: Pool, f: ReferralFilter): Promise<Page<ReferralRow>> {
  const args: unknown[] = [f.within];
  const parts = ["township LIKE $1 || '%'"];
  for (const [col, v] of [
    ['township', f.township],
    ['household_id', f.householdId],
    ['stage', f.stage],
    ['sla_status', f.sla],
  ] as const) {
    if (v === undefined) continue;
    args.push(v);
    parts.push(`${col} = $${args.length}`);
  }
  const where = `WHERE ${parts.join(' AND ')}`;
  const total = (await db.query(`SELECT count(*)::int AS n FROM referrals ${where}`, args)).rows[0].n as number;
  const r = await db.query(
    `SELECT * FROM referrals ${where} ORDER BY created_at DESC, referral_id LIMIT $${args.length + 1} OFFSET $${args.length + 2}`,
    [...args, f.pageSize, (f.page - 1) * f.pageSize],
  );
  return { items: r.rows.map(toRow), total, page: f.page, pageSize: f.pageSize };
}

/** 督办: referrals the department did not answer in time, answered since or not (a breach stays visible). */
export async function overdueReferrals(db: Pool, within: string, limit = 200): Promise<ReferralRow[]> {
  return (await overdueReferralsPage(db, within, { limit })).items;
}

/** One keyset page of them, earliest due first (indexes referrals_county_overdue / _township_overdue, migration 011). */
export async function overdueReferralsPage(db: Pool, within: string, page: Keyset): Promise<KeysetPage<ReferralRow>> {
  const args: unknown[] = [within];
  const parts = ["sla_status = 'breached'", areaCondition(within, 1, { township: 'township', county: 'county' })];
  const after = decodeCursor('referrals-overdue', ['date', 'id'], page.cursor);
  if (after) {
    args.push(...after);
    parts.push("(COALESCE(due_date, 'infinity'::date), referral_id) > ($2, $3)");
  }
  args.push(page.limit + 1);
  const r = await db.query(
    `SELECT *, COALESCE(due_date, 'infinity'::date)::text AS k0 FROM referrals WHERE ${parts.join(' AND ')}
     ORDER BY COALESCE(due_date, 'infinity'::date), referral_id LIMIT $${args.length}`,
    args,
  );
  return pageOf(r.rows, page.limit, 'referrals-overdue', (x) => [x.k0, x.referral_id], toRow);
}

export async function listReferralEvents(db: Pool, referralId: string): Promise<AuditEventRow[]> {
  const r = await db.query('SELECT * FROM referral_events WHERE referral_id = $1 ORDER BY seq', [referralId]);
  return r.rows.map((row) => ({
    seq: row.seq,
    type: row.type,
    stage: row.stage,
    actor: { id: row.actor_id, role: row.actor_role },
    reason: row.reason,
    data: row.data,
    occurredAt: row.occurred_at.toISOString(),
    dueDate: row.due_date,
    prevHash: row.prev_hash,
    hash: row.hash,
    runId: row.run_id,
  }));
}
