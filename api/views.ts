import type { CaseRow } from '../db/case-repo';

/** What lists show: no ID numbers beyond the masked applicant's. */
export function caseSummary(r: Omit<CaseRow, 'state' | 'requestHash'>) {
  return {
    caseId: r.caseId,
    program: r.program,
    township: r.township,
    householdId: r.householdId,
    applicant: { name: r.applicantName, idNumberMasked: r.applicantIdMasked },
    memberCount: r.memberCount,
    stage: r.stage,
    sla: r.slaStatus,
    acceptedOn: r.acceptedOn,
    dueDate: r.dueDate,
    dueProvisional: r.dueProvisional,
    warnOn: r.warnOn,
    extended: r.extended,
    decision: r.decision,
    decidedOn: r.decidedOn,
    monthlyAmountFen: r.monthlyAmountFen,
    profile: { id: r.profileId, version: r.profileVersion },
    staffRelated: r.staffRelated,
    updatedAt: r.updatedAt,
  };
}

export function caseDetail(r: CaseRow) {
  return { ...caseSummary(r), state: r.state };
}
