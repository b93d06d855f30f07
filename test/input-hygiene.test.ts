// Text PostgreSQL, JSON and notices can hold (#8 item 2): over HTTP against the Temporal dev server
// and a real PostgreSQL. Bad text anywhere answers 400 naming the field and changes nothing; text
// sent around the API is refused by the workflow; a database refusal never leaves a step hanging.
import { ApplicationFailure } from '@temporalio/common';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { createActivities } from '../activities';
import { getCase } from '../db/case-repo';
import type { CaseState } from '../domain/case';
import { addDays, shanghaiDate } from '../domain/calendar';
import { TEXT_LIMITS } from '../domain/text';
import { localDataMatchProvider } from '../infra/local-data-match';
import { recordHomeVisit, stateQuery } from '../workflows/definitions';
import { approver, auditor, clerk, dibaoApplication, emergencyAid, homeVisit, supervisor } from './support/fixtures';
import { useHarness } from './support/harness';
import { TEST_AUDIT_KEY } from './support/trust';

const h = useHarness({ server: 'dev', taskQueue: 'input-hygiene-test', api: true });

const today = () => shanghaiDate(Date.now());
const coordinator = { id: 'coord-001', role: 'coordinator' as const, jurisdiction: '430921' };
const NUL = '\u0000';
const LONE = '\ud800';
const fieldPaths = (body: any): string[] => (body.error?.fields ?? []).map((f: { path: string }) => f.path);
const caseNumber = (caseId: string) => Number(caseId.slice(-6));
function withCheck(first17: string): string {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  return first17 + '10X98765432'[[...first17].reduce((a, d, i) => a + Number(d) * w[i], 0) % 11];
}

/** Everything a refused request must leave as it was. */
async function footprint(caseId: string) {
  const q = async (sql: string, args: unknown[] = []) => (await h.db.query(sql, args)).rows[0];
  return {
    cases: (await q('SELECT count(*)::int AS n FROM cases')).n,
    events: (await q('SELECT count(*)::int AS n FROM case_events')).n,
    notices: (await q('SELECT count(*)::int AS n FROM notices')).n,
    payments: (await q('SELECT count(*)::int AS n FROM payments')).n,
    sequence: await q('SELECT last_value::int AS v, is_called FROM case_number_seq'),
    readModelVersion: (await q('SELECT state_version FROM cases WHERE case_id = $1', [caseId])).state_version,
    workflowVersion: ((await h.env.client.workflow.getHandle(caseId).query(stateQuery)) as CaseState).version,
  };
}

let caseId: string;
beforeAll(async () => {
  const r = await h.api.call('POST', '/api/cases', { body: dibaoApplication() });
  expect(r.status).toBe(201);
  caseId = r.body.caseId;
});

describe('bad text anywhere in a request → 400 naming the field, nothing changes', () => {
  test('acceptance (低保 and temporary aid, and the referral) uses no case number', async () => {
    const before = await footprint(caseId);
    const bad: [string, unknown, string][] = [];
    const a1 = dibaoApplication();
    a1.members[0].name = `张${NUL}建国`;
    bad.push(['/api/cases', a1, 'members.0.name']);
    const a2 = dibaoApplication();
    a2.members[1].name = `李${LONE}`;
    bad.push(['/api/cases', a2, 'members.1.name']);
    const a3 = dibaoApplication();
    a3.household.address = '北'.repeat(TEXT_LIMITS.address + 1);
    bad.push(['/api/cases', a3, 'household.address']);
    const a4 = dibaoApplication();
    a4.household.village = `村\u001b[2J`;
    bad.push(['/api/cases', a4, 'household.village']);
    const a5 = dibaoApplication();
    a5.members[2].idNumber = withCheck('00000020100701203');
    bad.push(['/api/cases', a5, 'members.2.idNumber']);
    const a6 = dibaoApplication();
    a6.members[2].idNumber = withCheck('43092118000701203');
    bad.push(['/api/cases', a6, 'members.2.idNumber']);
    const born = addDays(today(), 2).replace(/-/g, '');
    const a7 = dibaoApplication();
    a7.members[2].idNumber = withCheck(`430921${born}203`);
    bad.push(['/api/cases', a7, 'members.2.idNumber']);
    const t1 = emergencyAid();
    t1.incident!.what = `失火${NUL}`;
    bad.push(['/api/temporary', t1, 'incident.what']);
    const t2 = emergencyAid();
    t2.recipient.name = LONE;
    bad.push(['/api/temporary', t2, 'recipient.name']);
    const t3 = emergencyAid();
    t3.incident!.where = '村'.repeat(TEXT_LIMITS.address + 1);
    bad.push(['/api/temporary', t3, 'incident.where']);
    const r1 = dibaoApplication();
    r1.staffRelation = { staffId: 'x', staffName: `王${NUL}`, staffRole: 'village_cadre', relation: '侄子' };
    bad.push([`/api/cases/${caseId}/referral`, r1, 'staffRelation.staffName']);
    for (const [path, body, field] of bad) {
      const r = await h.api.call('POST', path, { body });
      expect({ path, field, status: r.status }).toEqual({ path, field, status: 400 });
      expect(fieldPaths(r.body)).toContain(field);
    }
    expect(await footprint(caseId)).toEqual(before);
    // The next accepted case takes the very next number: none was drawn for the refused ones.
    const next = await h.api.call('POST', '/api/cases', { body: dibaoApplication() });
    expect(next.status).toBe(201);
    expect(caseNumber(next.body.caseId)).toBe(caseNumber(caseId) + 1);
  });

  test('escaped \\u0000 and \\ud800 in the raw JSON body are refused too', async () => {
    const before = await footprint(caseId);
    const raw = JSON.stringify(dibaoApplication()).replace('"张建国"', '"张\\u0000建国"').replace('"北洲子村"', '"北洲子\\ud800村"');
    const r = await h.api.call('POST', '/api/cases', { raw });
    expect(r.status).toBe(400);
    expect(fieldPaths(r.body).sort()).toEqual(['household.village', 'members.0.name']);
    expect(r.body.error.fields.find((f: any) => f.path === 'members.0.name').message).toContain('U+0000');
    expect(await footprint(caseId)).toEqual(before);
  });

  test('every step: findings, minutes, reasons, names, notes, details, temporary-aid text', async () => {
    const before = await footprint(caseId);
    const long = 'x'.repeat(TEXT_LIMITS.long + 1);
    const steps: [string, unknown, string, typeof clerk][] = [
      ['data-match/objection', { reason: `异议${NUL}`, evidence: [] }, 'reason', clerk],
      ['data-match/objection', { reason: '异议', evidence: ['ok', LONE] }, 'evidence.1', clerk],
      ['data-match/recheck', { outcome: 'cleared', note: LONE }, 'note', clerk],
      ['home-visit', { ...homeVisit({ visitedOn: today() }), findings: `家中${NUL}` }, 'findings', clerk],
      ['home-visit', { ...homeVisit({ visitedOn: today() }), investigators: ['王芳', `刘\n强`] }, 'investigators.1', clerk],
      ['home-visit', { ...homeVisit({ visitedOn: today() }), disputed: true, disputeReason: long }, 'disputeReason', clerk],
      [
        'democratic-review',
        { heldOn: today(), participants: 5, outcome: 'support', minutes: 'm'.repeat(TEXT_LIMITS.minutes + 1) },
        'minutes',
        clerk,
      ],
      ['democratic-review', { heldOn: today(), participants: 5, outcome: 'support', minutes: `记录\u0085` }, 'minutes', clerk],
      ['notice-objection', { objector: `张${NUL}`, reason: '不符', route: 'reinvestigate' }, 'objector', clerk],
      ['extension', { reason: 'household_separated', note: `说明${LONE}` }, 'note', clerk],
      ['decision', { outcome: 'reject', reasons: [`不符${NUL}`] }, 'reasons.0', approver],
      ['assignment', { clerkId: `clerk${NUL}`, reason: '调岗' }, 'clerkId', supervisor],
      ['review', { result: 'continue', reasons: [LONE] }, 'reasons.0', clerk],
      ['review/postpone', { until: addDays(today(), 30), reason: `住院${NUL}` }, 'reason', clerk],
      ['changes', { kind: 'income', details: long }, 'details', clerk],
      ['termination-objection', { objector: '张三', reason: `理由${NUL}` }, 'reason', clerk],
      ['termination-objection/decision', { outcome: 'uphold', reasons: [LONE] }, 'reasons.0', approver],
      ['paperwork', { circumstances: `情况${NUL}`, signatures: ['张三'] }, 'circumstances', clerk],
      ['verification', { findings: LONE }, 'findings', clerk],
      ['temporary-decision', { outcome: 'refuse', reasons: [`理由\u007f`] }, 'reasons.0', approver],
      ['stages/cancel', { reason: long }, 'reason', clerk],
      ['deliberation', { meetingOn: today(), participants: 5, outcome: 'refuse', reasons: [`理由${NUL}`] }, 'reasons.0', coordinator],
    ];
    for (const [path, body, field, actor] of steps) {
      const r = await h.api.call('POST', `/api/cases/${caseId}/${path}`, { body, actor });
      expect({ path, field, status: r.status }).toEqual({ path, field, status: 400 });
      expect(fieldPaths(r.body)).toContain(field);
    }
    expect(await footprint(caseId)).toEqual(before);
  });
});

describe('around the API, the workflow refuses the text itself', () => {
  test.each([
    ['a NUL byte', `家中${NUL}无财产`],
    ['a lone surrogate', `家中${LONE}`],
    ['overlong text', 'x'.repeat(TEXT_LIMITS.minutes + 1)],
  ])('an update with %s sent straight through the Temporal client is refused at once', async (_name, findings) => {
    const before = await footprint(caseId);
    const started = Date.now();
    const err = await h.env.client.workflow
      .getHandle(caseId)
      .executeUpdate(recordHomeVisit, { args: [{ ...homeVisit({ visitedOn: today() }), findings, actor: clerk }] })
      .catch((e) => e);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
    expect(err.cause).toBeInstanceOf(ApplicationFailure);
    expect(err.cause).toMatchObject({ type: 'InvalidInput' });
    expect(err.cause.message).toMatch(/^findings /);
    expect(await footprint(caseId)).toEqual(before);
  });
});

describe('a database refusal fails fast and never wedges a case', () => {
  test('the recording activity, called with a real pool, throws a non-retryable failure for a NUL or a lone surrogate', async () => {
    const acts = createActivities({ db: h.app, dataMatch: localDataMatchProvider(h.app), auditKey: TEST_AUDIT_KEY });
    const row = (await getCase(h.app, caseId))!;
    const s = row.state as CaseState;
    const event = {
      caseId,
      seq: s.eventCount,
      type: 'home_visit_recorded',
      stage: s.stage,
      actor: { id: clerk.id, role: clerk.role },
      reason: 'ok',
      data: {},
      occurredAtMs: Date.now(),
      dueDate: s.deadline.dueDate,
    };
    const before = await footprint(caseId);
    for (const step of [
      { ...event, reason: `家中${NUL}` },
      { ...event, data: { findings: `家中${LONE}` } },
    ]) {
      const started = Date.now();
      const err = await acts
        .recordStep({ event: step, snapshot: { ...s, version: s.version + 1, eventCount: s.eventCount + 1 }, notices: [] })
        .catch((e) => e);
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(err).toBeInstanceOf(ApplicationFailure);
      expect(err).toMatchObject({ type: 'UnstorableData', nonRetryable: true });
      expect(err.message).toMatch(/SQLSTATE 22/);
    }
    expect(await footprint(caseId)).toEqual(before);
  });

  test('a step the database refuses answers 400 within seconds, is undone, and the case goes on', async () => {
    const marker = 'REFUSED-BY-INPUT-HYGIENE-TEST';
    // A constraint the owner adds for this test only: a stand-in for any refusal no retry can cure.
    await h.db.query(
      `ALTER TABLE case_events ADD CONSTRAINT input_hygiene_test CHECK (position('${marker}' in coalesce(reason, '')) = 0) NOT VALID`,
    );
    try {
      const before = await footprint(caseId);
      const started = Date.now();
      const refused = await h.api.call('POST', `/api/cases/${caseId}/home-visit`, {
        body: homeVisit({ visitedOn: today(), findings: `入户调查 ${marker}` }),
      });
      expect(Date.now() - started).toBeLessThan(15_000);
      expect(refused.status).toBe(400);
      expect(refused.body.error.message).toMatch(/could not be recorded and was undone.*SQLSTATE 23514/);
      expect(await footprint(caseId)).toEqual(before);
      const s = (await h.env.client.workflow.getHandle(caseId).query(stateQuery)) as CaseState;
      expect(s).toMatchObject({ stage: 'investigating', homeVisits: [] });
    } finally {
      await h.db.query('ALTER TABLE case_events DROP CONSTRAINT input_hygiene_test');
    }
    const ok = await h.api.call('POST', `/api/cases/${caseId}/home-visit`, { body: homeVisit({ visitedOn: today() }) });
    expect(ok.status).toBe(200);
    expect(ok.body.stage).toBe('public_notice');
    const events = (await h.api.call('GET', `/api/cases/${caseId}/events`, { actor: auditor })).body.events as {
      seq: number;
      type: string;
    }[];
    expect(events.map((e) => e.seq)).toEqual(events.map((_e, i) => i));
    expect(events.filter((e) => e.type === 'home_visit_recorded')).toHaveLength(1);
    const after = await footprint(caseId);
    expect(after.readModelVersion).toBe(after.workflowVersion);
  });
});
