import { allHandlersFinished, condition, continueAsNew, patched, setHandler } from '@temporalio/workflow';
import type { BenefitState } from '../domain/benefit';
import { endedStages } from '../domain/benefit';
import { addDays, startOfShanghaiDay } from '../domain/calendar';
import { SYSTEM } from '../domain/case';
import { monthOf } from '../domain/payments';
import { registerAdjustmentHandler } from './benefit/adjustment';
import { BenefitContext } from './benefit/context';
import { registerReviewHandlers } from './benefit/review-handlers';
import { scheduleNext } from './benefit/schedule';
import { registerTerminationHandlers, terminationNoticeEnded } from './benefit/termination';
import type { BenefitInput } from './definitions';
import { calendarUpdated, stateQuery } from './definitions';
import { replanBenefit } from './benefit/ledger';
import { acts } from './shared/activities';

export interface BenefitOutcome {
  caseId: string;
  stage: BenefitState['stage'];
  endedOn: string | null;
  paidThrough: string | null;
}

/**
 * The benefit period (保障期) after approval, on the same workflow id: one run per review cycle,
 * each handing its state to the next by continue-as-new, so no run's history grows unbounded.
 */
export async function benefitWorkflow(input: BenefitInput): Promise<BenefitOutcome> {
  const ctx = new BenefitContext(input);
  setHandler(stateQuery, () => ctx.state ?? null);
  registerReviewHandlers(ctx);
  registerTerminationHandlers(ctx);
  registerAdjustmentHandler(ctx);
  // Under the lock: a change arriving while the run begins is applied once the state exists.
  setHandler(calendarUpdated, (u) => ctx.lock.run(() => replanBenefit(ctx, u)));
  await ctx.lock.run(() => (input.kind === 'start' ? begin(ctx, input) : resume(ctx, input.state)));

  while (!ctx.cycleDone && !endedStages.includes(ctx.state.stage)) {
    const version = ctx.state.version;
    const timer = nextTimer(ctx);
    const moved = timer
      ? await waitUnless(ctx, () => ctx.state.version !== version || ctx.cycleDone, timer.at)
      : (await condition(() => ctx.state.version !== version || ctx.cycleDone), true);
    if (!moved && timer) await ctx.lock.run(async () => (ctx.state.version === version ? timer.fire() : undefined));
  }
  await condition(allHandlersFinished);
  const s = ctx.state;
  if (endedStages.includes(s.stage)) return { caseId: s.caseId, stage: s.stage, endedOn: s.endedOn, paidThrough: s.paidThrough };
  return continueAsNew<typeof benefitWorkflow>({
    kind: 'continue',
    state: { ...s, cycle: s.cycle + 1 },
    clockNow: ctx.clock.now(),
    ...(input.demoSpeed ? { demoSpeed: input.demoSpeed } : {}),
  });
}

/** Resolves false when `at` (case-clock time) arrives first. */
async function waitUnless(ctx: BenefitContext, fn: () => boolean, at: number): Promise<boolean> {
  const ms = ctx.clock.msUntil(at);
  return ms > 0 ? condition(fn, ms) : fn();
}

function nextTimer(ctx: BenefitContext): { at: number; fire: () => Promise<void> } | null {
  const s = ctx.state;
  const timers: { at: number; fire: () => Promise<void> }[] = [];
  if (s.gradualExit && !s.gradualExit.returnedOn && s.stage !== 'terminating' && s.stage !== 'termination_objection') {
    timers.push({ at: startOfShanghaiDay(s.gradualExit.endsOn), fire: () => endGradualExit(ctx) });
  }
  if ((s.stage === 'in_benefit' || s.stage === 'gradual_exit') && s.review) {
    timers.push({ at: startOfShanghaiDay(s.review.opensOn), fire: () => openReview(ctx) });
  }
  if (s.stage === 'reviewing' && s.review && !s.review.overdue) {
    timers.push({
      at: startOfShanghaiDay(addDays(s.review.dueDate, 1)),
      fire: () => markOverdue(ctx, 'review_overdue', `复核超过时限（${s.review!.dueDate}）`),
    });
  }
  if (s.stage === 'terminating') timers.push({ at: s.termination!.noticeEndsAtMs, fire: () => terminationNoticeEnded(ctx) });
  const due = s.termination?.objection?.decisionDue;
  if (s.stage === 'termination_objection' && due && s.sla !== 'breached') {
    timers.push({
      at: startOfShanghaiDay(addDays(due, 1)),
      fire: () => markOverdue(ctx, 'objection_decision_overdue', `异议处理超过时限（${due}）`),
    });
  }
  timers.sort((a, b) => a.at - b.at);
  return timers[0] ?? null;
}

async function begin(ctx: BenefitContext, input: Extract<BenefitInput, { kind: 'start' }>): Promise<void> {
  const a = input.approved;
  ctx.profile = await acts.loadProfile(a.profile.id);
  const d = a.decision!;
  ctx.state = {
    phase: 'benefit',
    caseId: a.caseId,
    program: a.program,
    township: a.township,
    householdId: a.householdId,
    application: a.application,
    profile: { id: ctx.profile.id, version: ctx.profile.version },
    acceptedProfile: a.profile,
    stage: 'in_benefit',
    sla: 'on_time',
    assignee: a.assignee,
    category: input.category,
    approvedOn: d.decidedOn,
    monthlyAmountFen: d.monthlyAmountFen,
    amounts: [{ fromMonth: monthOf(d.paymentFrom!), amountFen: d.monthlyAmountFen, reason: '审核确认' }],
    paidFrom: monthOf(d.paymentFrom!),
    paidThrough: null,
    paymentDay: ctx.profile.benefit?.paymentDay.value ?? 10,
    cycle: 0,
    review: null,
    reviews: [],
    gradualExit: null,
    termination: null,
    endedOn: null,
    endReason: null,
    eventCount: a.eventCount,
    version: a.version,
    ...(a.auditHead ? { auditHead: a.auditHead } : {}),
  };
  // The application phase's ledger (all closed by now) carries on; older cases start one here.
  if (a.ledger) ctx.state.ledger = [...a.ledger];
  else if (patched('deadline-ledger')) ctx.state.ledger = [];
  await scheduleNext(ctx, d.decidedOn);
  await ctx.persist('benefit_started', SYSTEM, '进入保障期', {
    paidFrom: ctx.state.paidFrom,
    monthlyAmountFen: d.monthlyAmountFen,
    category: input.category,
    nextReviewOn: ctx.state.review?.opensOn ?? null,
    benefitProfile: ctx.state.profile,
  });
}

async function resume(ctx: BenefitContext, state: BenefitState): Promise<void> {
  ctx.profile = await acts.loadProfileVersion(state.profile);
  ctx.state = state;
  // A case continued from a run before the ledger starts one; its next step enters its deadlines.
  if (!state.ledger && patched('deadline-ledger')) {
    state.ledger = [];
    await ctx.persist('ledger_started', SYSTEM, '建立期限台账 (deadline ledger started)');
  }
}

async function openReview(ctx: BenefitContext): Promise<void> {
  const r = ctx.state.review!;
  ctx.state.stage = 'reviewing';
  await ctx.persist('review_opened', SYSTEM, `定期复核（第${r.cycle}次）`, {
    kind: r.kind,
    opensOn: r.opensOn,
    dueDate: r.dueDate,
    basis: r.basis,
  });
}

async function markOverdue(ctx: BenefitContext, type: string, reason: string): Promise<void> {
  if (ctx.state.review && ctx.state.stage === 'reviewing') ctx.state.review.overdue = true;
  ctx.state.sla = 'breached';
  await ctx.persist(type, SYSTEM, reason);
}

/** 渐退期满: the case ends; the payroll pays through the month it ends in. */
async function endGradualExit(ctx: BenefitContext): Promise<void> {
  const s = ctx.state;
  const ends = s.gradualExit!.endsOn;
  Object.assign(s, {
    stage: 'exited',
    endedOn: ends,
    endReason: `渐退期满（${s.gradualExit!.months}个月）`,
    paidThrough: monthOf(ends),
    review: null,
    sla: 'met',
  });
  await ctx.persist('gradual_exit_ended', SYSTEM, s.endReason!, {
    startedOn: s.gradualExit!.startedOn,
    endedOn: ends,
    paidThrough: s.paidThrough,
  });
}
