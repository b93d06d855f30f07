import { getExternalWorkflowHandle } from '@temporalio/workflow';
import { SYSTEM } from '../../domain/case';
import { CalendarChange, deliberationDeadlineMoved } from '../definitions';
import { entry, replanLedger, Tracked } from '../shared/ledger';
import type { TemporaryContext } from './context';

/** Temporary aid's deadlines: the emergency paperwork (事后补充说明) and the 一事一议 decision. */
export function temporaryTracked(ctx: TemporaryContext): Tracked[] {
  const s = ctx.state;
  const today = ctx.today();
  const done = s.stage === 'closed' || s.stage === 'refused';
  const out: Tracked[] = [];
  const d = s.deliberation;
  if (d) {
    out.push({
      spec: {
        key: 'deliberation',
        kind: 'deliberation',
        start: d.submittedOn,
        unit: 'workingDays',
        amount: ctx.rules.deliberationWorkingDays.value,
        warnBefore: ctx.rules.deliberationReminderWorkingDays.value,
      },
      due: d.dueDate,
      open: !done && !d.decision,
      closedOn: today,
    });
  }
  const p = s.paperwork;
  if (p) {
    // Entered in the step that paid the emergency, so "today" is the day the time runs from.
    out.push({
      spec: {
        key: 'paperwork',
        kind: 'paperwork',
        start: entry(s.ledger!, 'paperwork')?.start ?? today,
        unit: 'workingDays',
        amount: ctx.rules.paperworkWorkingDays.value,
        warnBefore: ctx.rules.paperworkReminderWorkingDays.value,
      },
      due: p.dueDate,
      warnOn: p.remindOn,
      open: !done && !p.filed,
      closedOn: p.filed?.on ?? today,
    });
  }
  return out;
}

/** A calendar change moves the paperwork or 一事一议 deadline; the mechanism's own timers follow by signal. */
export async function replanTemporary(ctx: TemporaryContext, u: CalendarChange): Promise<void> {
  const s = ctx.state;
  if (!s?.ledger) return;
  const r = await replanLedger(s.ledger, u, ctx.today());
  if (!r) return;
  s.ledger = r.ledger;
  const keys = new Set(r.changed.map((c) => c.key));
  const p = s.paperwork;
  if (p && keys.has('paperwork')) {
    const e = entry(r.ledger, 'paperwork')!;
    Object.assign(p, { dueDate: e.due, remindOn: e.warnOn ?? p.remindOn });
  }
  const d = s.deliberation;
  if (d && keys.has('deliberation')) {
    const e = entry(r.ledger, 'deliberation')!;
    d.dueDate = e.due;
    // The mechanism may have decided a moment ago (its result not yet recorded here): nothing left to move.
    await getExternalWorkflowHandle(d.workflowId)
      .signal(deliberationDeadlineMoved, { remindOn: e.warnOn ?? e.due, dueDate: e.due })
      .catch(() => undefined);
  }
  await ctx.persist('deadlines_replanned', SYSTEM, r.reason, { years: r.years, loadedBy: u.by ?? null, changes: r.changed });
}
