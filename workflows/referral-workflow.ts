import { allHandlersFinished, ApplicationFailure, condition, setHandler } from '@temporalio/workflow';
import { addDays, startOfShanghaiDay } from '../domain/calendar';
import { SYSTEM } from '../domain/case';
import { REFERRAL_KIND_NAMES } from '../domain/referral-kinds';
import { ReferralContext } from './referral/context';
import { ReferralInput, ReferralOutcome, referralStateQuery } from './referral/definitions';
import { registerFeedbackHandler } from './referral/feedback';
import { acts } from './shared/activities';

/**
 * 分办/转办 (seed 000 §二十, seed 001 §十七): a request for special assistance referred to the
 * department in charge, which answers within the profile's working days. It must not be lost: the
 * department is reminded before the deadline, and supervisors are alerted after it.
 */
export async function referralWorkflow(input: ReferralInput): Promise<ReferralOutcome> {
  const ctx = new ReferralContext(input);
  setHandler(referralStateQuery, () => ctx.state ?? null);
  registerFeedbackHandler(ctx);
  await ctx.lock.run(() => refer(ctx));
  await watchDeadline(ctx);
  await condition(allHandlersFinished);
  return { referralId: input.referralId, stage: ctx.state.stage, outcome: ctx.state.feedback?.outcome ?? null };
}

async function refer(ctx: ReferralContext): Promise<void> {
  const { referralId, request, department, referredBy } = ctx.input;
  const profile = await acts.loadProfile(request.profileId);
  const days = profile.referralFeedbackWorkingDays;
  const remind = profile.referralReminderWorkingDays;
  if (!days || !remind)
    throw ApplicationFailure.nonRetryable(
      `profile ${profile.id} v${profile.version} sets no referral feedback deadline`,
      'ProfileNotFound',
    );
  const today = ctx.today();
  const dl = await acts.computeDeadline({ from: today, workingDays: days.value, warnWorkingDaysBefore: remind.value });
  ctx.state = {
    phase: 'referral',
    referralId,
    request,
    department,
    township: request.township,
    profile: { id: profile.id, version: profile.version },
    stage: 'referred',
    sla: 'on_time',
    referredOn: today,
    referredBy,
    dueDate: dl.dueDate,
    remindOn: dl.warnOn,
    provisional: dl.provisional,
    remindedOn: null,
    escalatedOn: null,
    feedback: null,
    eventCount: 0,
    version: 0,
  };
  await ctx.persist(
    'referral_sent',
    referredBy,
    `${REFERRAL_KIND_NAMES[request.kind]}申请转${department.name}办理，请于${dl.dueDate}前反馈：${request.description}`,
    {
      kind: request.kind,
      department,
      caseId: request.caseId ?? null,
      dueDate: dl.dueDate,
      remindOn: dl.warnOn,
      provisional: dl.provisional,
    },
  );
}

/** Reminder on its day, escalation the day after the due date; then the referral waits for its answer. */
async function watchDeadline(ctx: ReferralContext): Promise<void> {
  const s = ctx.state;
  const answered = () => s.feedback !== null;
  while (!answered()) {
    const next = !s.remindedOn
      ? { at: startOfShanghaiDay(s.remindOn), kind: 'remind' }
      : !s.escalatedOn
        ? { at: startOfShanghaiDay(addDays(s.dueDate, 1)), kind: 'escalate' }
        : null;
    if (!next) {
      await condition(answered);
      break;
    }
    const ms = ctx.clock.msUntil(next.at);
    if (ms > 0 ? await condition(answered, ms) : answered()) break;
    await ctx.lock.run(async () => {
      if (answered()) return;
      if (next.kind === 'remind') {
        s.remindedOn = ctx.today();
        s.sla = 'warning';
        await ctx.persist('referral_reminder', SYSTEM, `提醒${s.department.name}：请于${s.dueDate}前反馈办理结果`, { dueDate: s.dueDate });
      } else {
        s.escalatedOn = ctx.today();
        s.sla = 'breached';
        await ctx.persist('referral_escalated', SYSTEM, `${s.department.name}逾期未反馈（${s.dueDate}），已报督办`, {
          dueDate: s.dueDate,
          department: s.department,
        });
      }
    });
  }
}
