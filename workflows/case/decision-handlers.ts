import { setHandler } from '@temporalio/workflow';
import { refusingBadText } from '../shared/text-guard';
import { approvalNoticeText, rejectionNoticeText } from '../../domain/notices';
import { appealRights } from '../../domain/appeal';
import { addMonths, DateStr } from '../../domain/calendar';
import type { CaseState } from '../../domain/case';
import { applicationClockStart } from '../../domain/received';
import { AssignmentInput, assignCase, decide, DecisionInput, ExtensionInput, extendTimeLimit, FailureTypes } from '../definitions';
import { CaseContext, failure, invalid, requireMayAct, requireStage } from './context';

function firstOfNextMonth(d: DateStr): DateStr {
  return addMonths(`${d.slice(0, 7)}-01`, 1);
}

function checkDecision(ctx: CaseContext, a: DecisionInput): void {
  requireStage(ctx, ['deciding'], 'a decision');
  requireMayAct(ctx, a.actor);
  const s = ctx.state;
  if (a.outcome === 'reject' && a.reasons.length === 0) throw invalid('a rejection needs at least one written reason');
  if (a.outcome === 'approve') {
    if (s.notices.at(-1)?.status !== 'completed') {
      throw failure(
        FailureTypes.notEligible,
        'approval needs a completed public notice; this case was proposed for rejection and was never posted',
      );
    }
    if (!s.assessment?.eligible)
      throw failure(FailureTypes.notEligible, `the household is not eligible: ${s.assessment?.reasons.join('；')}`);
    const byCategory = ctx.profile.benefit?.reviewRules.some((r) => r.programs.includes(s.program) && r.categories);
    if (byCategory && !a.category) throw invalid('this profile reviews 低保 by class (分类管理): approve with category A, B or C');
  }
}

async function applyDecision(ctx: CaseContext, a: DecisionInput): Promise<void> {
  const s = ctx.state;
  const decidedOn = ctx.today();
  const noticeDue = await ctx.workingDaysFrom(decidedOn, ctx.profile.timeLimits.rejectionNoticeWorkingDays.value);
  const approve = a.outcome === 'approve';
  const amount = approve ? (s.assessment?.monthlyAmountFen ?? 0) : 0;
  const paymentFrom = approve ? firstOfNextMonth(decidedOn) : null;
  const appeal = approve ? null : appealRights(ctx.profile, decidedOn);
  const noticeId = `${s.caseId}-D`;
  const text = approve
    ? approvalNoticeText({ caseId: s.caseId, app: s.application, decidedOn, monthlyAmountFen: amount, paymentFrom: paymentFrom! })
    : rejectionNoticeText({ caseId: s.caseId, app: s.application, decidedOn, reasons: a.reasons, appeal: appeal! });
  s.decision = {
    outcome: a.outcome,
    reasons: a.reasons,
    monthlyAmountFen: amount,
    decidedOn,
    paymentFrom,
    by: a.actor,
    appeal,
    noticeId,
    noticeDueBy: noticeDue.date,
    category: approve ? (a.category ?? null) : null,
  };
  s.stage = approve ? 'approved' : 'rejected';
  if (s.sla !== 'breached') s.sla = 'met';
  await ctx.persist(
    approve ? 'decision_approved' : 'decision_rejected',
    a.actor,
    a.reasons.join('；') || '审核确认：符合条件',
    {
      monthlyAmountFen: amount,
      paymentFrom,
      appeal,
      noticeId,
      noticeDueBy: noticeDue.date,
    },
    [
      {
        noticeId,
        caseId: s.caseId,
        kind: 'decision_notice',
        status: 'issued',
        startsOn: decidedOn,
        endsOn: noticeDue.date,
        ...text,
        data: { outcome: a.outcome },
      },
    ],
  );
}

const UNDECIDED = ['investigating', 'democratic_review', 'public_notice', 'deciding'] as const;

function checkExtension(ctx: CaseContext, a: ExtensionInput): void {
  requireStage(ctx, [...UNDECIDED], 'extending the time limit');
  requireMayAct(ctx, a.actor);
  const s = ctx.state;
  if (s.deadline.extension)
    throw failure(
      FailureTypes.wrongStage,
      `the time limit was already extended on ${s.deadline.extension.on}; only one extension is allowed`,
    );
  if (s.sla === 'breached')
    throw failure(
      FailureTypes.wrongStage,
      `the time limit expired on ${s.deadline.dueDate}; an extension must be granted before the due date`,
    );
}

async function applyExtension(ctx: CaseContext, a: ExtensionInput): Promise<void> {
  const s = ctx.state;
  const t = ctx.profile.timeLimits;
  const workingDays = t.extendedWorkingDays.value;
  const dl = await ctx.deadline({
    from: applicationClockStart(s),
    workingDays,
    warnWorkingDaysBefore: t.warnWorkingDaysBefore.value,
  });
  const previous = s.deadline.dueDate;
  s.deadline = { ...dl, workingDays, extension: { reason: a.reason, note: a.note, by: a.actor, on: ctx.today() } };
  if (s.sla === 'warning' && dl.warnOn > ctx.today()) s.sla = 'on_time';
  ctx.deadlineVersion += 1;
  await ctx.persist('time_limit_extended', a.actor, a.note, {
    reason: a.reason,
    previousDueDate: previous,
    dueDate: dl.dueDate,
    workingDays,
  });
}

export function registerDecisionHandlers(ctx: CaseContext): void {
  const run = (check: () => void, apply: () => Promise<void>): Promise<CaseState> =>
    ctx.lock.run(async () => {
      check();
      await apply();
      return ctx.state;
    });
  setHandler(
    decide,
    (a) =>
      run(
        () => checkDecision(ctx, a),
        () => applyDecision(ctx, a),
      ),
    { validator: refusingBadText((a: DecisionInput) => checkDecision(ctx, a)) },
  );
  setHandler(
    extendTimeLimit,
    (a) =>
      run(
        () => checkExtension(ctx, a),
        () => applyExtension(ctx, a),
      ),
    { validator: refusingBadText((a: ExtensionInput) => checkExtension(ctx, a)) },
  );
  const checkAssign = (a: AssignmentInput) => {
    requireStage(ctx, [...UNDECIDED], 'reassigning the case');
    requireMayAct(ctx, a.actor);
    if (a.clerkId === ctx.state.application.staffRelation?.staffId)
      throw invalid(`${a.clerkId} is related to the applicant and cannot handle this case`);
    if (a.clerkId === ctx.state.assignee) throw invalid(`the case is already assigned to ${a.clerkId}`);
  };
  setHandler(
    assignCase,
    (a) =>
      run(
        () => checkAssign(a),
        async () => {
          const previous = ctx.state.assignee;
          ctx.state.assignee = a.clerkId;
          await ctx.persist('case_reassigned', a.actor, a.reason, { from: previous, to: a.clerkId });
        },
      ),
    { validator: refusingBadText(checkAssign) },
  );
}
