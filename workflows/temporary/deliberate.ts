import { ParentClosePolicy, setHandler, startChild } from '@temporalio/workflow';
import { SYSTEM } from '../../domain/case';
import type { Deliberation } from '../../domain/temporary';
import { deliberationNotice } from '../definitions';
import type { deliberationWorkflow } from '../deliberation-workflow';
import { acts } from '../shared/activities';
import type { TemporaryContext } from './context';

/** The mechanism's reminders and escalations reach the case's own audit trail. */
export function registerDeliberationNotices(ctx: TemporaryContext): void {
  setHandler(deliberationNotice, (n) =>
    ctx.lock.run(async () => {
      const d = ctx.state.deliberation!;
      if (n.kind === 'reminder') {
        d.remindedOn = n.on;
        await ctx.persist('deliberation_reminder', SYSTEM, `一事一议提醒：请于${d.dueDate}前作出决定`, { dueDate: d.dueDate });
      } else {
        d.escalatedOn = n.on;
        ctx.state.sla = 'breached';
        await ctx.persist('deliberation_escalated', SYSTEM, `一事一议超过时限（${d.dueDate}），已报督办`, { dueDate: d.dueDate });
      }
    }),
  );
}

/** 一事一议: submitted to the county mechanism as a child workflow; the case waits for its decision. */
export async function deliberate(
  ctx: TemporaryContext,
  requestedFen: number,
  reasons: string,
): Promise<NonNullable<Deliberation['decision']>> {
  const s = ctx.state;
  const workflowId = `${s.caseId}-YSYY`;
  await ctx.lock.run(async () => {
    const today = ctx.today();
    const dl = await acts.computeDeadline({
      from: today,
      workingDays: ctx.rules.deliberationWorkingDays.value,
      warnWorkingDaysBefore: ctx.rules.deliberationReminderWorkingDays.value,
    });
    s.deliberation = {
      workflowId,
      requestedFen,
      reasons,
      submittedOn: today,
      dueDate: dl.dueDate,
      remindedOn: null,
      escalatedOn: null,
      decision: null,
    };
    s.stage = 'deliberating';
    await ctx.persist('deliberation_submitted', SYSTEM, `报县级困难群众基本生活保障工作协调机制一事一议：${reasons}`, {
      requestedFen,
      dueDate: dl.dueDate,
      remindOn: dl.warnOn,
    });
  });
  const d = s.deliberation!;
  const child = await startChild<typeof deliberationWorkflow>('deliberationWorkflow', {
    workflowId,
    parentClosePolicy: ParentClosePolicy.TERMINATE,
    args: [
      {
        parentId: s.caseId,
        requestedFen,
        reasons,
        submittedOn: d.submittedOn,
        remindOn: (await acts.workingDaysFrom({ from: d.dueDate, n: -ctx.rules.deliberationReminderWorkingDays.value })).date,
        dueDate: d.dueDate,
        clockNow: ctx.clock.now(),
        ...(ctx.input.demoSpeed ? { demoSpeed: ctx.input.demoSpeed } : {}),
      },
    ],
  });
  const decision = await child.result();
  await ctx.lock.run(async () => {
    d.decision = decision;
    await ctx.persist('deliberation_decided', decision.by, decision.reasons.join('；'), {
      outcome: decision.outcome,
      amountFen: decision.amountFen,
      meetingOn: decision.meetingOn,
      participants: decision.participants,
    });
  });
  return decision;
}
