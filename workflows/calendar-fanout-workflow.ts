import { continueAsNew, getExternalWorkflowHandle, setHandler, workflowInfo } from '@temporalio/workflow';
import { CalendarFanOutInput, CalendarFanOutProgress, fanOutProgress } from './calendar-fanout-defs';
import { calendarUpdated } from './definitions';
import { acts } from './shared/activities';

/**
 * A calendar load or correction reaches every open case whose ledger it touches: pages of case ids
 * from the read model, signalled a few at a time, continuing as new when the history grows long.
 */
export async function calendarFanOutWorkflow(input: CalendarFanOutInput): Promise<CalendarFanOutProgress> {
  const pageSize = input.pageSize ?? 200;
  const concurrency = input.concurrency ?? 20;
  const p: CalendarFanOutProgress = { notified: input.notified ?? 0, missed: input.missed ?? 0, after: input.after ?? '', done: false };
  setHandler(fanOutProgress, () => p);
  const change = { year: input.years[0], years: input.years, by: input.by };
  for (;;) {
    const ids = await acts.calendarTargets({ years: input.years, after: p.after, limit: pageSize });
    for (let i = 0; i < ids.length; i += concurrency) {
      const batch = ids.slice(i, i + concurrency);
      const sent = await Promise.allSettled(batch.map((id) => getExternalWorkflowHandle(id).signal(calendarUpdated, change)));
      sent.forEach((r) => (r.status === 'fulfilled' ? p.notified++ : p.missed++));
      p.after = batch[batch.length - 1];
    }
    if (ids.length < pageSize) break;
    if (workflowInfo().continueAsNewSuggested) {
      return continueAsNew<typeof calendarFanOutWorkflow>({ ...input, after: p.after, notified: p.notified, missed: p.missed });
    }
  }
  p.done = true;
  return p;
}
