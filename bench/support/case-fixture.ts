import type { Pool } from 'pg';
import type { Application } from '../../domain/application';
import type { CaseState } from '../../domain/case';
import type { LedgerEntry } from '../../domain/deadline-ledger';
import { approver, clerk, dibaoApplication } from '../../test/support/fixtures';

// A case as the read model holds it half-way through its life (public notice posted): the
// application of a three-person household, one home visit, a democratic review, an assessment
// and the deadline ledger. About 4 kB of state, as the issue measures a case's state at 2–4 kB.
// Fixed dates: what is measured is the read path, not the calendar.

const application = (householdId: string): Application => {
  const a = dibaoApplication();
  return { ...a, household: { ...a.household, householdId } };
};

const entry = (
  key: string,
  kind: LedgerEntry['kind'],
  label: string,
  start: string,
  amount: number,
  due: string,
  open: boolean,
): LedgerEntry => ({
  key,
  kind,
  label,
  start,
  unit: kind === 'public_notice' ? 'calendarDays' : 'workingDays',
  amount,
  warnBefore: open ? 5 : null,
  due,
  warnOn: open ? '2026-03-23' : null,
  provisional: false,
  provisionalYears: [],
  open,
  closedOn: open ? null : '2026-03-09',
  pauses: [],
  log: [{ at: start, oldDue: null, newDue: due, reason: 'opened' }],
});

export function caseState(caseId: string, householdId: string): CaseState {
  return {
    caseId,
    program: 'dibao',
    township: '430921101',
    householdId,
    application: application(householdId),
    profile: { id: 'hunan-datonghu-2021', version: 1 },
    stage: 'public_notice',
    acceptedOn: '2026-02-24',
    acceptedBy: clerk,
    assignee: clerk.id,
    staffRelated: false,
    deadline: { workingDays: 30, dueDate: '2026-04-08', warnOn: '2026-03-31', provisional: false, provisionalYears: [], extension: null },
    sla: 'on_time',
    warnedOn: null,
    breachedOn: null,
    disputed: false,
    disputeReasons: [],
    dataMatch: { status: 'passed', checkedOn: '2026-02-25', findings: [], objection: null, recheck: null },
    homeVisits: [
      {
        investigators: ['王芳', '刘强'],
        visitedOn: '2026-03-03',
        findings: '家中无大额财产，配偶二级肢体残疾，收入与申报一致',
        neighboursInterviewed: 2,
        recommendation: 'eligible',
        disputed: false,
        disputeReason: null,
        by: clerk,
      },
    ],
    reinvestigationPending: false,
    democraticReview: {
      status: 'held',
      reason: 'the profile asks for a review where a member is able-bodied',
      record: { heldOn: '2026-03-06', participants: 9, outcome: 'support', minutes: '村民代表一致同意纳入低保', by: clerk },
    },
    notices: [
      {
        noticeId: `${caseId}-N1`,
        round: 1,
        startsOn: '2026-03-09',
        endsOn: '2026-03-15',
        endsAtMs: 1773590400000,
        monthlyAmountFen: 52000,
        status: 'posted',
        objection: null,
      },
    ],
    assessment: {
      eligible: true,
      reasons: ['per-capita income 100 yuan is below the standard 620 yuan', 'no disqualifying assets found'],
      monthlyAmountFen: 52000,
      standardFen: 62000,
      perCapitaIncomeFen: 10000,
      basis: 'difference (补差): (standard − per-capita income) × members, 重残 +10%',
    },
    decision: null,
    ledger: [
      entry('application', 'application', '审核确认时限 (application time limit)', '2026-02-24', 30, '2026-04-08', true),
      entry('public_notice-1', 'public_notice', '公示期 (public notice period)', '2026-03-09', 7, '2026-03-15', true),
    ],
    auditHead: { count: 9, mac: 'b1f1d0c4e6a2f7a0e9d3c5b7a1f3e5d7c9b1a3f5e7d9c1b3a5f7e9d1c3b5a7f9', macFrom: 0 },
    eventCount: 9,
    version: 9,
  };
}

/**
 * `count` cases in one township, each a copy of the fixture under its own id and household, so the
 * primary-key lookup works on a table of realistic size. Returns the id of one in the middle.
 */
export async function insertCases(owner: Pool, count: number): Promise<string> {
  const base = caseState('DB-430921101-2026-000000', 'HH-BENCH-0');
  await owner.query(
    `INSERT INTO cases (case_id, program, township, household_id, applicant_name, applicant_id_masked, member_count, profile_id,
       profile_version, stage, is_open, sla_status, accepted_on, due_date, warn_on, request_hash, application, state, state_version,
       accepted_by, accepted_role)
     SELECT id, 'dibao', '430921101', hh, '张建国', '430921********2017', 3, 'hunan-datonghu-2021', 1, 'public_notice', true,
       'on_time', '2026-02-24', '2026-04-08', '2026-03-31', md5(id), jsonb_set($1::jsonb, '{household,householdId}', to_jsonb(hh)),
       jsonb_set(jsonb_set($2::jsonb, '{caseId}', to_jsonb(id)), '{householdId}', to_jsonb(hh)), 9, 'clerk-001', 'clerk'
     FROM (SELECT 'DB-430921101-2026-' || lpad(n::text, 6, '0') AS id, 'HH-BENCH-' || n AS hh FROM generate_series(1, $3::int) n) s`,
    [JSON.stringify(base.application), JSON.stringify(base), count],
  );
  await owner.query('ANALYZE cases');
  return `DB-430921101-2026-${String(Math.ceil(count / 2)).padStart(6, '0')}`;
}
