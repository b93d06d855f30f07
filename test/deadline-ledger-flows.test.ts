// Correcting an already-loaded year on the time-skipping server, through the real use case, the fan-out
// workflow, the worker and the database: every open deadline the added holiday touches moves, with an
// audit event, and the timers fire at the new dates. Calendars are built here for the years in play.
import type { UpdateDefinition } from '@temporalio/client';
import { acceptCase } from '../api/use-cases/accept-case';
import { loadCalendarYear } from '../api/use-cases/calendar';
import { acceptTemporary } from '../api/use-cases/temporary';
import { listEvents } from '../db/audit-repo';
import { loadSnapshot, saveYear } from '../db/calendar-repo';
import { getCase } from '../db/case-repo';
import { addDays, addWorkingDays, CalendarSnapshot, shanghaiDate, startOfShanghaiDay, yearOf } from '../domain/calendar';
import type { LedgerEntry } from '../domain/deadline-ledger';
import * as defs from '../workflows/definitions';
import { approver, clerk, dibaoApplication, emergencyAid, homeVisit, supervisor } from './support/fixtures';
import { useHarness } from './support/harness';
import { eventually } from './support/temporal';

// Declared before the harness, so it runs while the database is still open.
afterAll(async () => {
  for (const y of years) {
    const s = saved.years.find((x) => x.year === y);
    if (s) await saveYear(h.db, s, 'test-restore');
    else await h.db.query('DELETE FROM calendar_years WHERE year = $1', [y]);
  }
});

const h = useHarness({ server: 'time-skipping', taskQueue: 'ledger-test' });

type AnyState = { stage: string; sla: string; ledger?: LedgerEntry[]; [k: string]: any };
const today = async () => shanghaiDate(await h.env.currentTimeMs());
const query = (id: string) => h.env.client.workflow.getHandle(id).query(defs.stateQuery) as unknown as Promise<AnyState>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const send = (id: string, u: UpdateDefinition<any, [any]>, args: object, actor = clerk) =>
  h.env.client.workflow.getHandle(id).executeUpdate(u, { args: [{ ...args, actor }] });
const until = (id: string, ok: (s: AnyState) => boolean) =>
  eventually(
    () => query(id),
    (s) => !!s && ok(s),
  );
const sleepTo = async (day: string) => h.env.sleep(Math.max(0, startOfShanghaiDay(day) - (await h.env.currentTimeMs()) + 3_600_000));
const types = async (id: string) => (await listEvents(h.db, id)).map((e) => e.type);
const entryOf = (s: AnyState, key: string) => s.ledger!.find((e) => e.key === key)!;

const ids = { application: '', review: '', paperwork: '', deliberation: '' };
const before: Record<string, string> = {};
let saved: CalendarSnapshot;
let snapshot: CalendarSnapshot;
let years: number[] = [];

beforeAll(async () => {
  // The years any deadline here can reach, as they are now (restored in afterAll).
  const y = yearOf(await today());
  years = [y, y + 1];
  saved = await loadSnapshot(h.db, years);
});

test('correcting a loaded year moves the application, review, paperwork and 一事一议 deadlines, each with an audit event', async () => {
  // A 低保 case in its benefit period with a review opened by a reported change (due in working days).
  const app = dibaoApplication();
  const { body } = await acceptCase(h.deps, clerk, app);
  await send(body.caseId, defs.recordHomeVisit, homeVisit({ visitedOn: await today() }));
  await h.env.sleep('7 days');
  await until(body.caseId, (s) => s.stage === 'deciding');
  await send(body.caseId, defs.decide, { outcome: 'approve', reasons: [] }, approver);
  await until(body.caseId, (s) => s.stage === 'in_benefit');
  await send(body.caseId, defs.reportChange, { kind: 'income', details: '家庭成员就业，收入增加' });
  ids.review = body.caseId;
  // Then, the same day: a new application, an emergency paid first, an emergency above the cap (一事一议).
  ids.application = (await acceptCase(h.deps, clerk, dibaoApplication())).body.caseId;
  ids.paperwork = (await acceptTemporary(h.deps, clerk, emergencyAid())).body.caseId;
  ids.deliberation = (await acceptTemporary(h.deps, clerk, emergencyAid({ amountFen: 300_000 }))).body.caseId;
  await until(ids.deliberation, (s) => s.stage === 'deliberating');

  const due = {
    application: (await query(ids.application)).deadline.dueDate,
    review: (await until(ids.review, (s) => s.stage === 'reviewing')).review.dueDate,
    paperwork: (await query(ids.paperwork)).paperwork.dueDate,
    deliberation: (await query(ids.deliberation)).deliberation.dueDate,
  };
  Object.assign(before, due);
  for (const id of Object.values(ids)) expect((await query(id)).ledger!.some((e) => e.open)).toBe(true);

  // The correction: the first working day after today becomes a holiday, inside every open deadline.
  const t = await today();
  const current = await loadSnapshot(h.db, years);
  const holiday = addWorkingDays(t, 1, current).date;
  const y = yearOf(holiday);
  const existing = current.years.find((x) => x.year === y) ?? { year: y, holidays: [], workdays: [], source: 'test schedule (测试用)' };
  const r = await loadCalendarYear(h.deps, supervisor, {
    year: y,
    source: existing.source,
    holidays: [...existing.holidays, holiday],
    workdays: existing.workdays,
  });
  expect(r.casesNotified).toBeGreaterThanOrEqual(4);
  snapshot = await loadSnapshot(h.db, years);

  const moved = {
    application: await until(ids.application, (s) => s.deadline.dueDate !== due.application),
    review: await until(ids.review, (s) => s.review.dueDate !== due.review),
    paperwork: await until(ids.paperwork, (s) => s.paperwork.dueDate !== due.paperwork),
    deliberation: await until(ids.deliberation, (s) => s.deliberation.dueDate !== due.deliberation),
  };
  expect(moved.application.deadline.dueDate).toBe(addWorkingDays(entryOf(moved.application, 'application').start, 25, snapshot).date);
  expect(moved.review.review.dueDate).toBe(addWorkingDays(moved.review.review.opensOn, 25, snapshot).date);
  expect(moved.paperwork.paperwork.dueDate).toBe(addWorkingDays(entryOf(moved.paperwork, 'paperwork').start, 10, snapshot).date);
  expect(moved.deliberation.deliberation.dueDate).toBe(addWorkingDays(moved.deliberation.deliberation.submittedOn, 10, snapshot).date);

  const keys = {
    application: 'application',
    review: `review-${moved.review.review.cycle}`,
    paperwork: 'paperwork',
    deliberation: 'deliberation',
  } as const;
  for (const k of Object.keys(ids) as (keyof typeof ids)[]) {
    const newDue = k === 'application' ? moved.application.deadline.dueDate : moved[k][k === 'review' ? 'review' : k].dueDate;
    expect(newDue > due[k]).toBe(true);
    const events = await eventually(
      () => listEvents(h.db, ids[k]),
      (es) => es.some((e) => e.type === 'deadlines_replanned'),
    );
    const ev = events.find((e) => e.type === 'deadlines_replanned')!;
    expect(ev.reason).toContain(`calendar reload of ${y} by ${supervisor.id}`);
    expect(ev.data.changes).toEqual(expect.arrayContaining([expect.objectContaining({ key: keys[k], oldDue: due[k], newDue })]));
    const entry = entryOf(await query(ids[k]), keys[k]);
    expect(entry.log.at(-1)).toMatchObject({ oldDue: due[k], newDue });
    // The read model follows: the case's due date and its mirrored ledger row.
    expect(
      (await eventually(
        () => getCase(h.db, ids[k]),
        (row) => row?.dueDate === newDue,
      ))!.dueDate,
    ).toBe(newDue);
    const row = await h.db.query('SELECT due_on::text AS due FROM case_deadlines WHERE case_id = $1 AND key = $2', [ids[k], keys[k]]);
    expect(row.rows[0].due).toBe(newDue);
  }
});

test('the timers fire at the new dates, not the old ones', async () => {
  const paperwork = (await query(ids.paperwork)).paperwork;
  const deliberation = (await query(ids.deliberation)).deliberation;
  // The morning after the old due dates: nothing is overdue yet.
  await sleepTo(addDays(before.paperwork < before.deliberation ? before.paperwork : before.deliberation, 1));
  expect((await query(ids.paperwork)).sla).not.toBe('breached');
  expect(await types(ids.paperwork)).not.toContain('paperwork_overdue');
  expect(await types(ids.deliberation)).not.toContain('deliberation_escalated');
  // The morning after the new ones: escalated.
  await sleepTo(addDays(paperwork.dueDate > deliberation.dueDate ? paperwork.dueDate : deliberation.dueDate, 1));
  await eventually(
    () => types(ids.paperwork),
    (t) => t.includes('paperwork_overdue'),
  );
  await eventually(
    () => types(ids.deliberation),
    (t) => t.includes('deliberation_escalated'),
  );

  const application = (await query(ids.application)).deadline;
  const review = (await query(ids.review)).review;
  await sleepTo(addDays(before.application < before.review ? before.application : before.review, 1));
  expect((await query(ids.application)).sla).not.toBe('breached');
  expect(await types(ids.review)).not.toContain('review_overdue');
  await sleepTo(addDays(application.dueDate > review.dueDate ? application.dueDate : review.dueDate, 1));
  await eventually(
    () => query(ids.application),
    (s) => s.sla === 'breached',
  );
  await eventually(
    () => types(ids.review),
    (t) => t.includes('review_overdue'),
  );
  const breached = (await listEvents(h.db, ids.application)).find((e) => e.type === 'sla_breached')!;
  expect(breached.data.dueDate).toBe(application.dueDate);
});
