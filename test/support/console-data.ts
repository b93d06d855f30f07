// What the console's page tests open, made through the real API and workflows (demo time on the dev
// server), and a console sign-in over plain HTTP for page-level assertions.
import type { Pool } from 'pg';
import { approver, dibaoApplication, emergencyAid, homeVisit } from './fixtures';
import type { Harness } from './harness';
import { eventually } from './temporal';

/**
 * A console session cookie for a role and area, through the development sign-in form: the form's hidden
 * fields (a CSRF token, when there is one) and the cookies it set travel back with it, from the same origin.
 */
export async function consoleCookie(url: string, role: string, jurisdiction: string): Promise<string> {
  const form = await fetch(`${url}/console/sign-in`);
  const jar = new Map<string, string>();
  const keep = (res: Response) => {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const at = pair.indexOf('=');
      jar.set(pair.slice(0, at), pair.slice(at + 1));
    }
  };
  keep(form);
  const html = await form.text();
  const own = html.slice(html.indexOf('action="/console/sign-in"'));
  const fields = new URLSearchParams({ role, jurisdiction });
  for (const m of own.slice(0, own.indexOf('</form>')).matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g))
    fields.set(m[1], m[2]);
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const res = await fetch(`${url}/console/sign-in`, {
    method: 'POST',
    body: fields,
    redirect: 'manual',
    headers: { origin: url, cookie: cookie(), 'sec-fetch-site': 'same-origin' },
  });
  if (res.status !== 303) throw new Error(`console sign-in answered ${res.status}`);
  keep(res);
  return cookie();
}

/** A console page as the holder of `cookie` sees it. */
export async function consolePage(url: string, path: string, cookie: string): Promise<{ status: number; html: string }> {
  const res = await fetch(url + path, { headers: { cookie }, redirect: 'manual' });
  return { status: res.status, html: await res.text() };
}

/** A 低保 case carried to its benefit period (approved, next review scheduled). */
export async function benefitCase(h: Harness): Promise<string> {
  const id = (await h.api.call('POST', '/api/cases', { body: dibaoApplication() })).body.caseId as string;
  const get = () => h.api.call('GET', `/api/cases/${id}`);
  const visit = await h.api.call('POST', `/api/cases/${id}/home-visit`, { body: homeVisit({ visitedOn: (await get()).body.acceptedOn }) });
  if (visit.status !== 200) throw new Error(`home visit answered ${visit.status}`);
  await eventually(get, (r) => r.body.stage === 'deciding', 60_000);
  await h.api.call('POST', `/api/cases/${id}/decision`, { actor: approver, body: { outcome: 'approve' } });
  await eventually(get, (r) => r.body.stage === 'in_benefit' && !!r.body.dueDate, 60_000);
  return id;
}

/** An emergency of 3,000 元, above the township's cap: sent to the county's 一事一议. */
export async function deliberatingCase(h: Harness): Promise<string> {
  const r = await h.api.call('POST', '/api/temporary', { body: emergencyAid({ amountFen: 300_000 }) });
  if (r.status !== 201) throw new Error(`temporary aid answered ${r.status}`);
  await eventually(
    () => h.api.call('GET', `/api/cases/${r.body.caseId}`),
    (x) => x.body.stage === 'deliberating',
  );
  return r.body.caseId;
}

/** A referral its department leaves unanswered until it is overdue (10 working days: seconds in demo time). */
export async function overdueReferral(h: Harness, householdId: string): Promise<string> {
  const r = await h.api.call('POST', '/api/referrals', {
    body: {
      township: '430921101',
      householdId,
      profileId: 'hunan-datonghu-2021',
      kind: 'employment',
      departmentCode: 'human-resources',
      requester: { name: '张建国' },
      description: '户主失业，申请就业援助',
    },
  });
  if (r.status !== 201) throw new Error(`referral answered ${r.status}`);
  await eventually(
    () => h.api.call('GET', `/api/referrals/${r.body.referralId}`),
    (x) => x.body.sla === 'breached',
    90_000,
  );
  return r.body.referralId;
}

/**
 * A month's roster written straight into the read model: `n` closed cases of 430921101 and 430921102, each paid
 * 300 元 (低保) or 900 元 for a quarter (特困). The case ids start with `prefix`.
 */
export async function seedRoster(db: Pool, period: string, n: number, prefix: string): Promise<void> {
  await db.query(
    `INSERT INTO cases (case_id, program, township, household_id, applicant_name, applicant_id_masked, member_count, profile_id,
       stage, request_hash, application, accepted_by, accepted_role, is_open)
     SELECT $2 || lpad(g::text, 5, '0'), CASE WHEN g % 3 = 0 THEN 'tekun' ELSE 'dibao' END, (ARRAY['430921101', '430921102'])[1 + g % 2],
       $2 || 'HH-' || g, '王' || g, '4309**********0000', 1, 'hunan-datonghu-2021', 'exited', 'h', '{}', 'c', 'clerk', false
     FROM generate_series(1, $1::int) g`,
    [n, prefix],
  );
  await db.query(
    `INSERT INTO payments (case_id, period, program, township, months, amount_fen, due_on, payee)
     SELECT case_id, $1, program, township, ARRAY[$1], CASE program WHEN 'tekun' THEN 90000 ELSE 30000 END, ($1 || '-10')::date, applicant_name
     FROM cases WHERE case_id LIKE $2 || '%'`,
    [period, prefix],
  );
}
