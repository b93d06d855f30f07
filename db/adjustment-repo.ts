import type { Pool, PoolClient } from 'pg';
import type { AdjustmentDraft } from '../domain/adjustment-draft';
import type { LiveCase } from '../domain/adjustment-preview';
import type { AmountChange, Month } from '../domain/payments';
import { parseProfile, PolicyProfile } from '../domain/policy';
import { IN_FORCE } from './profile-repo';

// 调标 in PostgreSQL: the live cases a draft would reach (read model), the profile's versions, and the
// append-only record of published adjustments (migration 012).

/** Benefit stages in which a case is still paid: everything but terminated and exited. */
export const LIVE_STAGES = ['in_benefit', 'reviewing', 'gradual_exit', 'terminating', 'termination_objection'];

export interface LiveCaseFilter {
  profileId: string;
  /** Jurisdiction prefix the caller covers. */
  within: string;
  effectiveMonth: Month;
}

/**
 * One keyset page of live cases (after `after`, by case id). Column filters run before the state is
 * read, and jsonb_to_record reads the state once per row (each `->` would decompress it again).
 */
export async function liveCasePage(db: Pool | PoolClient, f: LiveCaseFilter, after: string, limit: number): Promise<LiveCase[]> {
  const r = await db.query(
    `SELECT c.case_id, c.township, c.program, c.applicant_name, c.stage, c.category, c.paid_from, c.paid_through,
            s.application, s.amounts, s."approvedOn" AS approved_on, (s.profile->>'version')::int AS profile_version
     FROM cases c CROSS JOIN LATERAL jsonb_to_record(c.state) AS s(application jsonb, amounts jsonb, "approvedOn" text, profile jsonb)
     WHERE c.profile_id = $1 AND c.township LIKE $2 || '%' AND c.is_open AND c.decision = 'approve' AND c.stage = ANY($3::text[])
       AND (c.paid_through IS NULL OR c.paid_through >= $4) AND c.case_id > $5
     ORDER BY c.case_id LIMIT $6`,
    [f.profileId, f.within, LIVE_STAGES, f.effectiveMonth, after, limit],
  );
  return r.rows.map((x) => ({
    caseId: x.case_id,
    township: x.township,
    program: x.program,
    applicantName: x.applicant_name,
    stage: x.stage,
    category: x.category,
    approvedOn: x.approved_on,
    application: x.application,
    amounts: (x.amounts ?? []).map((a: AmountChange) => ({ ...a, amountFen: Number(a.amountFen) })),
    paidFrom: x.paid_from,
    paidThrough: x.paid_through,
    profileVersion: x.profile_version,
  }));
}

/** Every version of a profile in force or superseded (a handful; withdrawn ones left out): live cases may run under older ones. */
export async function profileVersions(db: Pool | PoolClient, id: string): Promise<Map<number, PolicyProfile>> {
  const r = await db.query(`SELECT version, body FROM policy_profiles p WHERE id = $1 AND ${IN_FORCE}`, [id]);
  return new Map(r.rows.map((x) => [x.version as number, parseProfile(x.body)]));
}

export interface StandardAdjustment {
  id: string;
  profileId: string;
  fromVersion: number;
  toVersion: number;
  effectiveMonth: Month;
  backPay: boolean;
  draft: AdjustmentDraft;
  document: { ref: string; title: string };
  areaCode: string;
  publishedBy: string;
  publishedAt: string;
  /** 撤回: set once, when a supervisor withdrew it before it was applied (db/adjustment-withdrawal-repo.ts). */
  withdrawal: { reason: string; withdrawnBy: string; withdrawnAt: string } | null;
}

function toAdjustment(x: Record<string, any>): StandardAdjustment {
  return {
    id: x.id,
    profileId: x.profile_id,
    fromVersion: x.from_version,
    toVersion: x.to_version,
    effectiveMonth: x.effective_month,
    backPay: x.back_pay,
    draft: x.draft,
    document: { ref: x.document_ref, title: x.document_title },
    areaCode: x.area_code,
    publishedBy: x.published_by,
    publishedAt: x.published_at.toISOString(),
    withdrawal: x.withdrawn_at
      ? { reason: x.withdrawal_reason, withdrawnBy: x.withdrawn_by, withdrawnAt: x.withdrawn_at.toISOString() }
      : null,
  };
}

const WITH_WITHDRAWAL = `SELECT sa.*, w.reason AS withdrawal_reason, w.withdrawn_by, w.withdrawn_at
  FROM standard_adjustments sa LEFT JOIN adjustment_withdrawals w ON w.adjustment_id = sa.id`;

/** Publishing, withdrawing and starting a run of one profile's adjustments take turns (transaction-scoped). */
export async function lockProfileAdjustments(tx: PoolClient, profileId: string): Promise<void> {
  await tx.query("SELECT pg_advisory_xact_lock(hashtext('standard-adjustment:' || $1))", [profileId]);
}

export const adjustmentId = (profileId: string, toVersion: number) => `ADJ-${profileId}-v${toVersion}`;

/** Inside the publishing transaction: the row that says which draft made which version, by whom. */
export async function insertAdjustment(
  tx: Pool | PoolClient,
  a: { draft: AdjustmentDraft; toVersion: number; areaCode: string; publishedBy: string },
): Promise<StandardAdjustment> {
  const d = a.draft;
  const r = await tx.query(
    `INSERT INTO standard_adjustments (id, profile_id, from_version, to_version, effective_month, back_pay, draft, document_ref,
       document_title, area_code, published_by)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11) RETURNING *`,
    [
      adjustmentId(d.profileId, a.toVersion),
      d.profileId,
      d.baseVersion,
      a.toVersion,
      d.effectiveMonth,
      d.backPay,
      d,
      d.document.ref,
      d.document.title,
      a.areaCode,
      a.publishedBy,
    ],
  );
  return toAdjustment(r.rows[0]);
}

/** One published adjustment by id; null when there is none. The apply batch reads its draft and versions here. */
export async function getAdjustment(db: Pool | PoolClient, id: string): Promise<StandardAdjustment | null> {
  const r = await db.query(`${WITH_WITHDRAWAL} WHERE sa.id = $1`, [id]);
  return r.rowCount ? toAdjustment(r.rows[0]) : null;
}

/** Published adjustments, newest first, a page at a time (optionally of one profile). */
export async function listAdjustments(
  db: Pool,
  f: { profileId?: string; page: number; pageSize: number },
): Promise<{ items: StandardAdjustment[]; total: number }> {
  const args = [f.profileId ?? null];
  const where = 'WHERE ($1::text IS NULL OR profile_id = $1)';
  const total = (await db.query(`SELECT count(*)::int AS n FROM standard_adjustments ${where}`, args)).rows[0].n as number;
  const r = await db.query(`${WITH_WITHDRAWAL} ${where} ORDER BY sa.published_at DESC, sa.id DESC LIMIT $2 OFFSET $3`, [
    ...args,
    f.pageSize,
    (f.page - 1) * f.pageSize,
  ]);
  return { items: r.rows.map(toAdjustment), total };
}

/**
 * Published versions take the next number free of every stored and shipped one; a later release that
 * ships a version a publication already holds would be skipped silently by the seed (ON CONFLICT DO
 * NOTHING): the seed asks here first and stops with a message instead.
 */
export async function publishedAs(db: Pool, profileId: string, version: number): Promise<string | null> {
  const r = await db.query('SELECT id FROM standard_adjustments WHERE profile_id = $1 AND to_version = $2', [profileId, version]);
  return r.rowCount ? (r.rows[0].id as string) : null;
}

// Live for the apply batch: in the benefit period (not ended), under the adjustment's profile, within the issuing area.
const LIVE = `profile_id = $1 AND is_open AND state->>'phase' = 'benefit' AND township LIKE $2 || '%'`;

/** One keyset page of the live cases an adjustment reaches: case ids after `after`, at most `limit`. */
export async function adjustmentTargetPage(db: Pool, a: StandardAdjustment, after: string, limit: number): Promise<string[]> {
  const r = await db.query(`SELECT case_id FROM cases WHERE ${LIVE} AND case_id > $3 ORDER BY case_id LIMIT $4`, [
    a.profileId,
    a.areaCode,
    after,
    limit,
  ]);
  return r.rows.map((x) => x.case_id);
}

export async function countAdjustmentTargets(db: Pool, a: StandardAdjustment): Promise<number> {
  return (await db.query(`SELECT count(*)::int AS n FROM cases WHERE ${LIVE}`, [a.profileId, a.areaCode])).rows[0].n;
}
