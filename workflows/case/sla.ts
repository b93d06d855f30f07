import { condition } from '@temporalio/workflow';
import { addDays, startOfShanghaiDay } from '../../domain/calendar';
import { SYSTEM } from '../../domain/case';
import { applicationClockStart } from '../../domain/received';
import { acts, CaseContext } from './context';

const decided = (ctx: CaseContext) => ctx.state.decision !== null;

/**
 * Supervisors' timers: a warning when the warning day begins, a breach when the due date has
 * ended. Re-arms whenever the due date moves (extension, calendar update); the case carries on
 * after a breach and stays marked as breached.
 */
export async function watchSla(ctx: CaseContext): Promise<void> {
  while (!decided(ctx) && ctx.state.sla !== 'breached') {
    if (ctx.recalcRequested) {
      await ctx.lock.run(() => recomputeDeadline(ctx));
      continue;
    }
    const s = ctx.state;
    const from = s.sla;
    const at = from === 'on_time' ? startOfShanghaiDay(s.deadline.warnOn) : startOfShanghaiDay(addDays(s.deadline.dueDate, 1));
    const version = ctx.deadlineVersion;
    const interrupted = () => decided(ctx) || ctx.deadlineVersion !== version || ctx.recalcRequested || ctx.state.sla !== from;
    const wait = ctx.clock.msUntil(at);
    if (wait > 0 && (await condition(interrupted, wait))) continue;
    await ctx.lock.run(async () => {
      if (interrupted()) return;
      const d = ctx.state.deadline;
      if (from === 'on_time') {
        ctx.state.sla = 'warning';
        ctx.state.warnedOn = ctx.today();
        await ctx.persist('sla_warning', SYSTEM, `办理时限预警：${d.dueDate}到期`, { dueDate: d.dueDate, warnOn: d.warnOn });
      } else {
        ctx.state.sla = 'breached';
        ctx.state.breachedOn = addDays(d.dueDate, 1);
        await ctx.persist('sla_breached', SYSTEM, `已超过办理时限（${d.dueDate}）`, { dueDate: d.dueDate, stage: ctx.state.stage });
      }
    });
  }
}

/** A year's official schedule arrived: a provisional due date is computed again from it. */
async function recomputeDeadline(ctx: CaseContext): Promise<void> {
  ctx.recalcRequested = false;
  const s = ctx.state;
  if (!s.deadline.provisional || decided(ctx)) return;
  const dl = await acts.computeDeadline({
    from: applicationClockStart(s),
    workingDays: s.deadline.workingDays,
    warnWorkingDaysBefore: ctx.profile.timeLimits.warnWorkingDaysBefore.value,
  });
  if (dl.dueDate === s.deadline.dueDate && dl.provisional === s.deadline.provisional) return;
  const previous = s.deadline.dueDate;
  s.deadline = { ...s.deadline, ...dl };
  ctx.deadlineVersion += 1;
  await ctx.persist('deadline_recomputed', SYSTEM, '节假日安排更新，重新计算办理时限', {
    previousDueDate: previous,
    dueDate: dl.dueDate,
    provisional: dl.provisional,
  });
}
