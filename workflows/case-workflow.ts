import { allHandlersFinished, condition, makeContinueAsNewFunc, patched, setHandler } from '@temporalio/workflow';
import type { benefitWorkflow } from './benefit-workflow';
import { maskIdNumber } from '../domain/application-core';
import { CaseState, SYSTEM } from '../domain/case';
import { applicationTimeLimit as timeLimit } from '../domain/received';
import { acts, CaseContext, LEAN_PATCH } from './case/context';
import { registerDecisionHandlers } from './case/decision-handlers';
import { registerInvestigationHandlers } from './case/investigation-handlers';
import { replanCase } from './case/ledger';
import { completeNotice } from './case/progress';
import { watchSla } from './case/sla';
import { acceptance, calendarUpdated, CaseInput, CaseOutcome, stateQuery } from './definitions';
import { localActs } from './shared/step-recorder';

/** One 低保 / 特困 application from acceptance to decision. Workflow id = case id. */
export async function caseWorkflow(input: CaseInput): Promise<CaseOutcome> {
  const ctx = new CaseContext(input);
  ctx.lean = patched(LEAN_PATCH);
  // Handlers first, so no update or query arriving early is lost; validators refuse until ready.
  setHandler(stateQuery, () => ctx.state ?? null);
  setHandler(calendarUpdated, (u) => {
    // Ledger cases re-plan every open deadline (waiting for acceptance to finish, under the lock);
    // cases started before the ledger keep the provisional-only recompute they recorded.
    if (ctx.state && !ctx.state.ledger) {
      if (ctx.state.deadline.provisional) ctx.recalcRequested = true;
      return;
    }
    return ctx.lock.run(() => replanCase(ctx, u));
  });
  // The API's POST /api/cases starts the workflow with this update and answers when it returns.
  setHandler(acceptance, async () => {
    await condition(() => ctx.accepted);
    return ctx.state;
  });
  registerInvestigationHandlers(ctx);
  registerDecisionHandlers(ctx);

  await ctx.lock.run(() => accept(ctx));
  ctx.accepted = true;
  const sla = watchSla(ctx);
  const s = ctx.state;
  while (s.decision === null) {
    if (s.stage === 'public_notice') {
      const round = s.notices[s.notices.length - 1];
      const wait = ctx.clock.msUntil(round.endsAtMs);
      const moved = wait > 0 && (await condition(() => s.stage !== 'public_notice' || round.status !== 'posted', wait));
      if (!moved) await ctx.lock.run(() => completeNotice(ctx, round));
    } else {
      const version = s.version;
      await condition(() => s.version !== version);
    }
  }
  await sla;
  await condition(allHandlersFinished);
  // Cases started before the benefit period existed completed at approval; replay keeps that.
  if (s.stage === 'approved' && (ctx.lean || patched('benefit-period'))) {
    const toBenefit = makeContinueAsNewFunc<typeof benefitWorkflow>({ workflowType: 'benefitWorkflow' });
    return toBenefit({
      kind: 'start',
      approved: s,
      category: s.decision.category ?? null,
      clockNow: ctx.clock.now(),
      ...(input.demoSpeed ? { demoSpeed: input.demoSpeed } : {}),
    });
  }
  return { caseId: s.caseId, stage: s.stage, monthlyAmountFen: s.decision.monthlyAmountFen };
}

async function accept(ctx: CaseContext): Promise<void> {
  const { input } = ctx;
  const { caseId, application: app, acceptedBy, profileVersion } = input;
  const subjects = app.members.map((m) => ({ idNumber: m.idNumber, declaredMonthlyIncomeFen: m.monthlyIncomeFen }));
  // The lean path asks for the data match at once, alongside the calendar: one wait for both reads.
  const earlyMatch = ctx.lean ? localActs.runDataMatch(subjects) : undefined;
  earlyMatch?.catch(() => undefined); // awaited below; a failure surfaces there
  // The version bound to the township at acceptance; cases started before bindings took the latest.
  // No patch marker: the branch follows an input field no earlier history carries, and a marker would
  // put an unencrypted payload in every new history (test/trust.test.ts).
  // The lean path takes the profile numbers the API put in the input (domain/profile-slice.ts).
  if (ctx.lean) ctx.profile = input.profile ?? (await localActs.loadCaseProfile({ id: app.profileId, version: profileVersion }));
  else
    ctx.profile =
      profileVersion !== undefined
        ? await acts.loadProfileVersion({ id: app.profileId, version: profileVersion })
        : await acts.loadProfile(app.profileId);
  const t = ctx.profile.timeLimits;
  const acceptedOn = ctx.today();
  // 收件日期 (checked by the API): the limit counts from it; cases started before it count from acceptance.
  const received =
    app.receivedOn !== undefined && (ctx.lean || patched('received-date'))
      ? { receivedOn: app.receivedOn < acceptedOn ? app.receivedOn : acceptedOn, receivedReason: app.receivedReason ?? null }
      : null;
  const workingDays = timeLimit(ctx.profile, app.approvalLevel);
  const dl = await ctx.deadline({
    from: received?.receivedOn ?? acceptedOn,
    workingDays,
    warnWorkingDaysBefore: t.warnWorkingDaysBefore.value,
  });
  const state: CaseState = {
    caseId,
    program: app.program,
    township: app.township,
    householdId: app.household.householdId,
    application: app,
    profile: { id: ctx.profile.id, version: ctx.profile.version },
    stage: 'accepted',
    acceptedOn,
    ...received,
    acceptedBy,
    assignee: acceptedBy.id,
    staffRelated: !!app.staffRelation,
    deadline: { ...dl, workingDays, extension: null },
    sla: 'on_time',
    warnedOn: null,
    breachedOn: null,
    disputed: false,
    disputeReasons: [],
    dataMatch: { status: 'pending', checkedOn: null, findings: [], objection: null, recheck: null },
    homeVisits: [],
    reinvestigationPending: false,
    democraticReview: { status: 'undetermined', reason: '', record: null },
    notices: [],
    assessment: null,
    decision: null,
    eventCount: 0,
    version: 0,
  };
  // The ledger starts empty; the first recorded step enters the time limit (see case/ledger.ts).
  if (ctx.lean || patched('deadline-ledger')) state.ledger = [];
  ctx.state = state;
  await ctx.persist('case_accepted', acceptedBy, '受理申请', {
    program: app.program,
    profile: state.profile,
    ...received,
    workingDays,
    dueDate: dl.dueDate,
    provisional: dl.provisional,
    members: app.members.length,
    staffRelated: state.staffRelated,
    ...(app.staffRelation ? { relatedStaffId: app.staffRelation.staffId, relation: app.staffRelation.relation } : {}),
  });

  state.stage = 'investigating';
  const match = earlyMatch ? await earlyMatch : await acts.runDataMatch(subjects);
  state.dataMatch = { ...state.dataMatch, status: match.passed ? 'passed' : 'failed', checkedOn: ctx.today(), findings: match.findings };
  await ctx.persist('data_match_completed', SYSTEM, match.passed ? '家庭经济状况核对通过' : '家庭经济状况核对发现与申报不一致', {
    passed: match.passed,
    findings: match.findings.length,
    members: app.members.map((m) => maskIdNumber(m.idNumber)),
  });
}
