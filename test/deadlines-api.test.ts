// Received dates, profile bindings and the due-date calculator through the API, on the dev server
// and a real PostgreSQL. Dates are computed from today with the loaded calendar, never written in,
// so the file passes on any day of the year.
import { loadSnapshot } from '../db/calendar-repo';
import { addWorkingDays, shanghaiDate, yearOf, yearsSpanned } from '../domain/calendar';
import { clerk, dibaoApplication, emergencyAid, homeVisit, supervisor } from './support/fixtures';
import { useHarness } from './support/harness';

const TQ = 'deadlines-api-test';
const h = useHarness({ server: 'dev', taskQueue: TQ, api: true });

const today = () => shanghaiDate(Date.now());
const fieldPaths = (body: any) => (body.error.fields as { path: string }[]).map((f) => f.path);
const workingDaysFrom = async (from: string, n: number) => addWorkingDays(from, n, await loadSnapshot(h.db, yearsSpanned(from, n)));

describe('received date (收件日期)', () => {
  test('a case received three working days ago is due 25 working days after that; a visit on that day counts', async () => {
    const receivedOn = (await workingDaysFrom(today(), -3)).date;
    const due = await workingDaysFrom(receivedOn, 25);
    const r = await h.api.call('POST', '/api/cases', {
      body: dibaoApplication({ receivedOn, receivedReason: '村委会代收，纸质申请三日后送达乡镇' }),
    });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ acceptedOn: today(), dueDate: due.date, dueProvisional: due.provisional });
    expect(r.body.state).toMatchObject({ receivedOn, receivedReason: '村委会代收，纸质申请三日后送达乡镇', deadline: { workingDays: 25 } });
    const events = (await h.api.call('GET', `/api/cases/${r.body.caseId}/events`)).body.events;
    expect(events[0]).toMatchObject({ type: 'case_accepted', dueDate: due.date, data: { receivedOn, workingDays: 25, dueDate: due.date } });

    const dayBefore = shanghaiDate(Date.parse(`${receivedOn}T12:00:00+08:00`) - 86_400_000);
    const early = await h.api.call('POST', `/api/cases/${r.body.caseId}/home-visit`, { body: homeVisit({ visitedOn: dayBefore }) });
    expect(early.status).toBe(400);
    expect(early.body.error.message).toContain(`received on ${receivedOn}`);
    const visit = await h.api.call('POST', `/api/cases/${r.body.caseId}/home-visit`, { body: homeVisit({ visitedOn: receivedOn }) });
    expect(visit.status).toBe(200);
  });

  test('future dates, dates before the window and a missing reason are refused on their fields', async () => {
    const tomorrow = (await workingDaysFrom(today(), 1)).date;
    const future = await h.api.call('POST', '/api/cases', { body: dibaoApplication({ receivedOn: tomorrow, receivedReason: 'x' }) });
    expect(future.status).toBe(400);
    expect(fieldPaths(future.body)).toEqual(['receivedOn']);
    const tooOld = (await workingDaysFrom(today(), -11)).date;
    const old = await h.api.call('POST', '/api/cases', { body: dibaoApplication({ receivedOn: tooOld, receivedReason: '补录' }) });
    expect(old.status).toBe(400);
    expect(fieldPaths(old.body)).toEqual(['receivedOn']);
    expect(old.body.error.fields[0].message).toContain('10 working days');
    const noReason = await h.api.call('POST', '/api/cases', {
      body: dibaoApplication({ receivedOn: (await workingDaysFrom(today(), -1)).date }),
    });
    expect(noReason.status).toBe(400);
    expect(fieldPaths(noReason.body)).toEqual(['receivedReason']);
    const notADate = await h.api.call('POST', '/api/cases', { body: dibaoApplication({ receivedOn: '2026-02-30' }) });
    expect(fieldPaths(notADate.body)).toEqual(['receivedOn']);
  });
});

describe('profiles bound to regions', () => {
  test('a 大通湖区 township takes its bound profile; the Shaanxi profile there is refused on profileId', async () => {
    const { profileId: _omitted, ...withoutProfile } = dibaoApplication();
    const bound = await h.api.call('POST', '/api/cases', { body: withoutProfile });
    expect(bound.status).toBe(201);
    expect(bound.body.profile).toEqual({ id: 'hunan-datonghu-2021', version: 4 });
    expect(bound.body.state.deadline.workingDays).toBe(25);
    const shaanxi = await h.api.call('POST', '/api/cases', { body: dibaoApplication({ profileId: 'shaanxi-2021' }) });
    expect(shaanxi.status).toBe(400);
    expect(fieldPaths(shaanxi.body)).toEqual(['profileId']);
    expect(shaanxi.body.error.fields[0].message).toContain('hunan-datonghu-2021');
    const aid = await h.api.call('POST', '/api/temporary', { body: emergencyAid({ profileId: 'national-2021' }) });
    expect(aid.status).toBe(400);
    expect(fieldPaths(aid.body)).toEqual(['profileId']);
  });

  test('a county supervisor binds a township; new cases there use it; the wrong role or area is refused', async () => {
    const town = '430921188';
    const body = {
      regionName: '测试镇',
      profileId: 'national-2021',
      effectiveFrom: '2021-07-01',
      source: '测试：区管委会决定（test binding）',
    };
    try {
      expect((await h.api.call('PUT', `/api/profile-bindings/${town}`, { actor: clerk, body })).status).toBe(403);
      expect(
        (await h.api.call('PUT', `/api/profile-bindings/${town}`, { actor: { ...supervisor, jurisdiction: '430922' }, body })).status,
      ).toBe(403);
      expect((await h.api.call('PUT', '/api/profile-bindings/43', { actor: supervisor, body })).status).toBe(403);
      const unknown = await h.api.call('PUT', `/api/profile-bindings/${town}`, {
        actor: supervisor,
        body: { ...body, profileId: 'nowhere-2030' },
      });
      expect(unknown.status).toBe(400);
      expect(fieldPaths(unknown.body)).toEqual(['profileId']);
      const noVersion = await h.api.call('PUT', `/api/profile-bindings/${town}`, {
        actor: supervisor,
        body: { ...body, profileVersion: 99 },
      });
      expect(fieldPaths(noVersion.body)).toEqual(['profileVersion']);
      expect((await h.api.call('PUT', '/api/profile-bindings/4309211', { actor: supervisor, body })).status).toBe(400);

      const put = await h.api.call('PUT', `/api/profile-bindings/${town}`, { actor: supervisor, body: { ...body, profileVersion: 4 } });
      expect(put.status).toBe(200);
      expect(put.body).toMatchObject({
        region: town,
        profileId: 'national-2021',
        profileVersion: 4,
        boundBy: supervisor.id,
        boundRole: 'supervisor',
      });
      const listed = await h.api.call('GET', `/api/profile-bindings?township=${town}`);
      expect(listed.status).toBe(200);
      expect(listed.body.inForce.binding).toMatchObject({ region: town, profileId: 'national-2021' });
      expect(listed.body.items.map((b: any) => b.region)).toEqual(expect.arrayContaining(['CN', '61', '430921', town]));
      const history = await h.api.call('GET', `/api/profile-bindings/${town}/history`, { actor: supervisor });
      expect(history.body.changes[0]).toMatchObject({ boundBy: supervisor.id, source: body.source });

      const c = await h.api.call('POST', '/api/cases', {
        actor: { ...clerk, jurisdiction: town },
        body: dibaoApplication({ township: town, profileId: undefined }),
      });
      expect(c.status).toBe(201);
      expect(c.body.profile).toEqual({ id: 'national-2021', version: 4 });
      expect(c.body.state.deadline.workingDays).toBe(30);
    } finally {
      await h.db.query('DELETE FROM profile_bindings WHERE region = $1', [town]);
    }
  });
});

describe('due-date calculator', () => {
  test('2026-02-10 + 25 working days → 2026-03-23 across the Spring Festival', async () => {
    const r = await h.api.call('GET', '/api/calendar/due?from=2026-02-10&workingDays=25');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ from: '2026-02-10', workingDays: 25, due: '2026-03-23', provisional: false });
    expect(r.body.crossed.holidays).toEqual(expect.arrayContaining(['2026-02-15', '2026-02-23']));
    expect(r.body.crossed.holidays).toHaveLength(9);
    expect(r.body.crossed.workdays).toEqual(['2026-02-14', '2026-02-28']);
  });

  test('a year with no schedule loaded is provisional; bad input is 400', async () => {
    const unloaded = yearOf(today()) + 50;
    const r = await h.api.call('GET', `/api/calendar/due?from=${unloaded}-03-02&workingDays=5`, { actor: supervisor });
    // Weekends only, whatever weekday that March begins on.
    expect(r.body).toMatchObject({
      due: addWorkingDays(`${unloaded}-03-02`, 5, { years: [] }).date,
      provisional: true,
      provisionalYears: [unloaded],
    });
    for (const q of [
      'from=2026-02-10&workingDays=0',
      'from=2026-02-10&workingDays=401',
      'from=2026-02-10&workingDays=x',
      'from=2026-02-30&workingDays=5',
      'workingDays=5',
    ]) {
      expect({ q, status: (await h.api.call('GET', `/api/calendar/due?${q}`)).status }).toEqual({ q, status: 400 });
    }
  });
});
