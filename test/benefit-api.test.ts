// The benefit period through the API on the dev server (real visibility and Schedules), in demo
// time: one case day per second, so the 7-day notice passes in seconds.
import { shanghaiDate } from '../domain/calendar';
import { ensurePayrollSchedule, PAYROLL_SCHEDULE_ID } from '../infra/payroll-schedule';
import { approver, auditor, dibaoApplication, homeVisit, supervisor } from './support/fixtures';
import { useHarness } from './support/harness';
import { eventually } from './support/temporal';

const TQ = 'benefit-api-test';

const h = useHarness({ server: 'dev', taskQueue: TQ, api: true, demoSpeed: 86400 });

const get = (id: string) => h.api.call('GET', `/api/cases/${id}`);

test('approve, report a change, review, then the auditor reads and replays every run', async () => {
  const accepted = await h.api.call('POST', '/api/cases', { body: dibaoApplication() });
  const id = accepted.body.caseId;
  const visitedOn = (await get(id)).body.acceptedOn;
  expect((await h.api.call('POST', `/api/cases/${id}/home-visit`, { body: homeVisit({ visitedOn }) })).status).toBe(200);
  await eventually(
    () => get(id),
    (r) => r.body.stage === 'deciding',
    60_000,
  );
  const decided = await h.api.call('POST', `/api/cases/${id}/decision`, { actor: approver, body: { outcome: 'approve' } });
  expect(decided.status).toBe(200);
  const inBenefit = await eventually(
    () => get(id),
    (r) => r.body.stage === 'in_benefit',
  );
  expect(inBenefit.body.state.review.opensOn).toMatch(/-(04|10)-01$/);

  const change = await h.api.call('POST', `/api/cases/${id}/changes`, { body: { kind: 'income', details: '户主外出务工，收入增加' } });
  expect(change.status).toBe(200);
  expect(change.body).toMatchObject({ stage: 'reviewing', review: { kind: 'ad_hoc' } });
  const tooEarly = await h.api.call('POST', `/api/cases/${id}/termination-objection`, { body: { objector: '张建国', reason: '不同意' } });
  expect(tooEarly.status).toBe(409);
  const reviewed = await h.api.call('POST', `/api/cases/${id}/review`, { body: { result: 'continue', reasons: ['收入仍低于标准'] } });
  expect(reviewed.status).toBe(200);
  await eventually(
    () => get(id),
    (r) => r.body.stage === 'in_benefit' && r.body.state.reviews.length === 1,
  );

  const history = await h.api.call('GET', `/api/cases/${id}/audit/history`, { actor: auditor });
  expect(history.body.runs.length).toBe(3);
  expect(history.body.events.map((e: { type: string }) => e.type)).toEqual(
    expect.arrayContaining(['decision_approved', 'benefit_started', 'review_opened', 'review_completed']),
  );
  const replay = await h.api.call('POST', `/api/cases/${id}/audit/replay`, { actor: auditor });
  expect(replay.status).toBe(200);
  expect(replay.body).toMatchObject({ runs: 3, allFollow: true });
  expect((await h.api.call('GET', `/api/cases/${id}/audit/verify`, { actor: auditor })).body.intact).toBe(true);
});

test('the payroll: a monthly Schedule, a manual run, the roster and its CSV', async () => {
  expect(await ensurePayrollSchedule(h.env.client, TQ)).toBe('created');
  expect(await ensurePayrollSchedule(h.env.client, TQ)).toBe('exists');
  const schedule = await h.env.client.schedule.getHandle(PAYROLL_SCHEDULE_ID).describe();
  expect(schedule.spec.timezone).toBe('Asia/Shanghai');
  await h.env.client.schedule.getHandle(PAYROLL_SCHEDULE_ID).trigger();
  await eventually(
    async () => {
      const runs: string[] = [];
      for await (const wf of h.env.client.workflow.list({ query: `WorkflowType = 'payrollWorkflow' AND ExecutionStatus = 'Completed'` }))
        runs.push(wf.workflowId);
      return runs;
    },
    (runs) => runs.length >= 1,
  );

  const period = (await h.db.query('SELECT paid_from FROM cases WHERE paid_from IS NOT NULL LIMIT 1')).rows[0].paid_from as string;
  const first = await h.api.call('POST', `/api/payroll/${period}/run`, { actor: supervisor });
  const again = await h.api.call('POST', `/api/payroll/${period}/run`, { actor: supervisor });
  expect(first.body.paid + first.body.alreadyPaid).toBeGreaterThanOrEqual(1);
  expect(again.body.paid).toBe(0);
  const roster = await h.api.call('GET', `/api/payroll/${period}`, { actor: supervisor });
  expect(roster.body.count).toBe(first.body.paid + first.body.alreadyPaid);
  const csv = await h.api.call('GET', `/api/payroll/${period}/export.csv`, { actor: auditor });
  // fetch's text() drops the byte-order mark that spreadsheet programs rely on; the header follows it.
  expect(csv.text.startsWith('案件编号,项目,乡镇街道,收款人')).toBe(true);
  expect(csv.text.split('\r\n').filter(Boolean)).toHaveLength(roster.body.count + 1);
  expect((await h.api.call('GET', `/api/payroll/${period}`, { actor: { ...supervisor, jurisdiction: '430922' } })).body.count).toBe(0);
  expect((await h.api.call('GET', '/api/payroll/2026-13', { actor: supervisor })).status).toBe(400);
  expect(shanghaiDate(Date.now())).toMatch(/^\d{4}/);
});
