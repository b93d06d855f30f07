import type { Pool, PoolClient } from 'pg';
import { AcceptedApplication, applicantOf, maskIdNumber, Program } from '../domain/application';
import { BenefitState, endedStages } from '../domain/benefit';
import { Actor, CaseState, isOpen } from '../domain/case';
import type { AcceptedAid, TemporaryState } from '../domain/temporary';

const PREFIX: Record<Program, string> = { dibao: 'DB', dibao_single: 'DS', tekun: 'TK' };

export interface CaseRow {
  caseId: string;
  program: Program;
  township: string;
  householdId: string;
  applicantName: string;
  applicantIdMasked: string;
  memberCount: number;
  profileId: string;
  profileVersion: number | null;
  stage: string;
  isOpen: boolean;
  slaStatus: string;
  acceptedOn: string | null;
  dueDate: string | null;
  dueProvisional: boolean;
  warnOn: string | null;
  extended: boolean;
  decidedOn: string | null;
  decision: string | null;
  monthlyAmountFen: number | null;
  requestHash: string;
  staffRelated: boolean;
  relatedStaffId: string | null;
  state: CaseState | null;
  updatedAt: string;
}

export function toCaseRow(r: Record<string, any>): CaseRow {
  return {
    caseId: r.case_id,
    program: r.program,
    township: r.township,
    householdId: r.household_id,
    applicantName: r.applicant_name,
    applicantIdMasked: r.applicant_id_masked,
    memberCount: r.member_count,
    profileId: r.profile_id,
    profileVersion: r.profile_version,
    stage: r.stage,
    isOpen: r.is_open,
    slaStatus: r.sla_status,
    acceptedOn: r.accepted_on,
    dueDate: r.due_date,
    dueProvisional: r.due_provisional,
    warnOn: r.warn_on,
    extended: r.extended,
    decidedOn: r.decided_on,
    decision: r.decision,
    monthlyAmountFen: r.monthly_amount_fen,
    requestHash: r.request_hash,
    staffRelated: r.staff_related,
    relatedStaffId: r.related_staff_id,
    state: r.state,
    updatedAt: r.updated_at.toISOString(),
  };
}

export type Reservation = { created: true; caseId: string } | { created: false; existing: CaseRow };

/**
 * Registers the case before its workflow starts. The partial unique index makes "one open case
 * per household and program" hold even when two windows accept the same household at once.
 */
export async function reserveCase(db: Pool, app: AcceptedApplication, requestHash: string, by: Actor, year: number): Promise<Reservation> {
  // Look first, so a repeated request does not use up a case number (auditors ask about gaps).
  const open = await findOpenCase(db, app);
  if (open) return { created: false, existing: open };
  const seq = (await db.query("SELECT nextval('case_number_seq') AS n")).rows[0].n as number;
  const caseId = `${PREFIX[app.program]}-${app.township}-${year}-${String(seq).padStart(6, '0')}`;
  const applicant = applicantOf(app);
  const ins = await db.query(
    `INSERT INTO cases (case_id, program, township, household_id, applicant_name, applicant_id_masked, member_count,
       profile_id, stage, request_hash, application, accepted_by, accepted_role, staff_related, related_staff_id)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,'accepted',$9,$10,$11,$12,$13,$14)
     ON CONFLICT (household_id, program) WHERE is_open DO NOTHING RETURNING case_id`,
    [
      caseId,
      app.program,
      app.township,
      app.household.householdId,
      applicant.name,
      maskIdNumber(applicant.idNumber),
      app.members.length,
      app.profileId,
      requestHash,
      app,
      by.id,
      by.role,
      !!app.staffRelation,
      app.staffRelation?.staffId ?? null,
    ],
  );
  if (ins.rowCount) return { created: true, caseId };
  const existing = await findOpenCase(db, app);
  if (!existing) return reserveCase(db, app, requestHash, by, year); // closed in between: try again
  return { created: false, existing };
}

async function findOpenCase(db: Pool, app: AcceptedApplication): Promise<CaseRow | null> {
  const r = await db.query('SELECT * FROM cases WHERE household_id = $1 AND program = $2 AND is_open', [
    app.household.householdId,
    app.program,
  ]);
  return r.rowCount ? toCaseRow(r.rows[0]) : null;
}

/** Writes the workflow's state; an older snapshot arriving late (a retry) never overwrites a newer one. */
export async function applySnapshot(tx: PoolClient, s: CaseState): Promise<void> {
  await tx.query(
    `UPDATE cases SET stage=$2, is_open=$3, sla_status=$4, accepted_on=$5, due_date=$6, due_provisional=$7, warn_on=$8,
       extended=$9, decided_on=$10, decision=$11, monthly_amount_fen=$12, profile_version=$13, state=$14,
       state_version=$15, updated_at=now()
     WHERE case_id=$1 AND state_version < $15`,
    [
      s.caseId,
      s.stage,
      isOpen(s.stage),
      s.sla,
      s.acceptedOn,
      s.deadline.dueDate,
      s.deadline.provisional,
      s.deadline.warnOn,
      s.deadline.extension !== null,
      s.decision?.decidedOn ?? null,
      s.decision?.outcome ?? null,
      s.decision?.monthlyAmountFen ?? null,
      s.profile.version,
      s,
      s.version,
    ],
  );
}

/** The benefit period's state, with the amounts in force month by month for the payroll. */
export async function applyBenefitSnapshot(tx: PoolClient, s: BenefitState): Promise<void> {
  const r = await tx.query(
    `UPDATE cases SET stage=$2, is_open=$3, sla_status=$4, due_date=$5, next_review_on=$6, category=$7, paid_from=$8,
       paid_through=$9, exit_ends_on=$10, monthly_amount_fen=$11, state=$12, state_version=$13, updated_at=now()
     WHERE case_id=$1 AND state_version < $13`,
    [
      s.caseId,
      s.stage,
      !endedStages.includes(s.stage),
      s.sla,
      s.review?.completedOn ? null : (s.review?.dueDate ?? null),
      s.review?.opensOn ?? null,
      s.category,
      s.paidFrom,
      s.paidThrough,
      s.gradualExit?.returnedOn ? null : (s.gradualExit?.endsOn ?? null),
      s.monthlyAmountFen,
      s,
      s.version,
    ],
  );
  if (!r.rowCount) return; // an older snapshot retried late
  await tx.query('DELETE FROM benefit_amounts WHERE case_id = $1', [s.caseId]);
  for (const a of s.amounts) {
    await tx.query('INSERT INTO benefit_amounts (case_id, from_month, amount_fen, reason) VALUES ($1,$2,$3,$4)', [
      s.caseId,
      a.fromMonth,
      a.amountFen,
      a.reason,
    ]);
  }
}

export async function applyTemporarySnapshot(tx: PoolClient, s: TemporaryState): Promise<void> {
  const due = s.stage === 'deliberating' ? s.deliberation?.dueDate : s.paperwork && !s.paperwork.filed ? s.paperwork.dueDate : null;
  const decided = s.grantedFen > 0 ? 'approve' : s.refusal ? 'reject' : null;
  await tx.query(
    `UPDATE cases SET stage=$2, is_open=$3, sla_status=$4, accepted_on=$5, due_date=$6, decision=$7, decided_on=$8,
       monthly_amount_fen=$9, profile_version=$10, state=$11, state_version=$12, updated_at=now()
     WHERE case_id=$1 AND state_version < $12`,
    [
      s.caseId,
      s.stage,
      s.stage !== 'closed' && s.stage !== 'refused',
      s.sla,
      s.acceptedOn,
      due ?? null,
      decided,
      s.payments[0]?.paidOn ?? s.refusal?.on ?? null,
      s.grantedFen,
      s.profile.version,
      s,
      s.version,
    ],
  );
}

const TEMPORARY_PREFIX = { emergency: 'JN', expense: 'ZC', unemployed: 'SY' } as const;

/** 临时救助 cases share the read model; one open case per household and kind. */
export async function reserveTemporaryCase(db: Pool, aid: AcceptedAid, requestHash: string, by: Actor, year: number): Promise<Reservation> {
  const open = await db.query('SELECT * FROM cases WHERE household_id = $1 AND program = $2 AND is_open', [
    aid.recipient.householdId,
    aid.kind,
  ]);
  if (open.rowCount) return { created: false, existing: toCaseRow(open.rows[0]) };
  const seq = (await db.query("SELECT nextval('case_number_seq') AS n")).rows[0].n as number;
  const caseId = `${TEMPORARY_PREFIX[aid.kind]}-${aid.township}-${year}-${String(seq).padStart(6, '0')}`;
  const ins = await db.query(
    `INSERT INTO cases (case_id, program, township, household_id, applicant_name, applicant_id_masked, member_count,
       profile_id, stage, request_hash, application, accepted_by, accepted_role)
     VALUES ($1,$2,$3,$4,$5,$6,1,$7,'accepted',$8,$9,$10,$11)
     ON CONFLICT (household_id, program) WHERE is_open DO NOTHING`,
    [
      caseId,
      aid.kind,
      aid.township,
      aid.recipient.householdId,
      aid.recipient.name,
      maskIdNumber(aid.recipient.idNumber),
      aid.profileId,
      requestHash,
      aid,
      by.id,
      by.role,
    ],
  );
  if (ins.rowCount) return { created: true, caseId };
  return reserveTemporaryCase(db, aid, requestHash, by, year);
}

/** The columns toCaseRow reads: never the application JSON, which no CaseRow field holds. */
export const CASE_ROW_COLUMNS = `case_id, program, township, household_id, applicant_name, applicant_id_masked, member_count, profile_id,
  profile_version, stage, is_open, sla_status, accepted_on, due_date, due_provisional, warn_on, extended, decided_on, decision,
  monthly_amount_fen, request_hash, staff_related, related_staff_id, state, updated_at`;

// Every case-scoped request reads its case first (api/route.ts): a named statement is parsed and
// planned once per connection, and the explicit column list keeps that plan valid when a
// migration adds a column (SELECT * would fail with "cached plan must not change result type").
// The state comes as text (what PostgreSQL sends for jsonb anyway), parsed only when read.
const GET_CASE = {
  name: 'get-case-v1',
  text: `SELECT ${CASE_ROW_COLUMNS.replace(/\bstate\b/, 'state::text AS state')} FROM cases WHERE case_id = $1`,
};

const STATE_JSON = Symbol('stateJson');

/**
 * The state as JSON text: as stored, for a row from getCase whose state nobody replaced (a case
 * read passes it on without parsing and serializing 2–4 kB per request); serialized otherwise.
 */
export function stateJsonOf(row: CaseRow): string {
  const raw = (row as CaseRow & { [STATE_JSON]?: () => string | undefined })[STATE_JSON]?.();
  return raw ?? JSON.stringify(row.state);
}

export async function getCase(db: Pool, caseId: string): Promise<CaseRow | null> {
  const r = await db.query({ ...GET_CASE, values: [caseId] });
  if (!r.rowCount) return null;
  const text = r.rows[0].state as string | null;
  const row = toCaseRow({ ...r.rows[0], state: null });
  let parsed: CaseState | null | undefined;
  let replaced = false;
  Object.defineProperty(row, 'state', {
    enumerable: true,
    configurable: true,
    get: () => (parsed === undefined ? (parsed = text === null ? null : (JSON.parse(text) as CaseState)) : parsed),
    set: (v: CaseState | null) => {
      parsed = v;
      replaced = true;
    },
  });
  Object.defineProperty(row, STATE_JSON, { enumerable: false, value: () => (replaced || text === null ? undefined : text) });
  return row;
}

export async function openCaseIdsWithProvisionalDeadline(db: Pool): Promise<string[]> {
  const r = await db.query("SELECT case_id FROM cases WHERE is_open AND due_provisional AND decided_on IS NULL AND stage <> 'accepted'");
  return r.rows.map((x) => x.case_id);
}
