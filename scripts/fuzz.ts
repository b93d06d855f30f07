import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, openSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { prepareDatabase } from '../db/migrate';
import { createPool } from '../db/pool';
import { startEmbeddedPg } from '../infra/embedded-pg';
import { startDevServer } from '../infra/temporal-dev';
import { mintToken } from '../infra/tokens';
import { projectRoot } from '../infra/tools';
import { dibaoApplication, emergencyAid } from '../test/support/fixtures';
import { FuzzRun, failuresOf, runSchemathesis } from '../test/support/schemathesis';

// npm run test:fuzz — the contract fuzz: the whole system (embedded PostgreSQL, Temporal dev server,
// worker, API) on free ports in a throwaway data folder, then Schemathesis against /openapi.json
// with a token of each role, once against random case ids and once against a real case and referral.
// Passes with at least FUZZ_MIN_REQUESTS requests, no 5xx and no contract failure.

const EXAMPLES = Number(process.env.FUZZ_MAX_EXAMPLES ?? 3);
const MIN_REQUESTS = Number(process.env.FUZZ_MIN_REQUESTS ?? 5000);
const ROLES = [
  { role: 'clerk', jurisdiction: '430921101' },
  { role: 'approver', jurisdiction: '430921' },
  { role: 'supervisor', jurisdiction: '430921' },
  { role: 'auditor', jurisdiction: '430921' },
  { role: 'coordinator', jurisdiction: '430921' },
] as const;

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });

async function waitFor(url: string, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (
      await fetch(url).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`nothing answered at ${url} within ${ms / 1000} s`);
}

async function main(): Promise<void> {
  const dataDir = path.join(projectRoot, '.data', `fuzz-${process.pid}`);
  const children: ChildProcess[] = [];
  const stops: (() => Promise<void>)[] = [];
  const cleanup = async (keepReports = false) => {
    for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
    for (const s of stops.reverse()) await s().catch(() => undefined);
    if (!keepReports) rmSync(dataDir, { recursive: true, force: true });
  };
  process.once('SIGINT', () => void cleanup().then(() => process.exit(130)));
  try {
    const pg = await startEmbeddedPg({ dataDir: path.join(dataDir, 'pg'), port: await freePort(), database: 'aidflow', throwaway: true });
    stops.push(() => pg.stop());
    const temporal = await startDevServer({ dataDir: path.join(dataDir, 'temporal'), port: await freePort(), uiPort: await freePort() });
    stops.unshift(() => temporal.stop());
    const owner = createPool(pg.url, 2);
    await prepareDatabase(owner);
    await owner.end();
    const secret = randomBytes(32).toString('hex');
    const apiPort = await freePort();
    const env = {
      ...process.env,
      TZ: 'UTC',
      DATA_DIR: dataDir,
      DATABASE_URL: pg.url,
      TEMPORAL_ADDRESS: temporal.address,
      API_PORT: String(apiPort),
      AUTH_JWT_SECRET: secret,
      PAYLOAD_KEYS: `f1:${randomBytes(32).toString('base64')}`,
      PAYLOAD_KEY_ID: 'f1',
      AUDIT_MAC_KEY: randomBytes(32).toString('base64'),
      TASK_QUEUE: 'aidflow-fuzz',
      RATE_LIMIT_PER_MINUTE: '100000',
    };
    // Their logs (every refused request is logged) go to files; the summary counts unexpected errors.
    mkdirSync(path.join(dataDir, 'logs'), { recursive: true });
    const logOf = (name: string) => path.join(dataDir, 'logs', `${name}.log`);
    for (const name of ['worker', 'api']) {
      const fd = openSync(logOf(name), 'a');
      children.push(spawn(process.execPath, ['--import', 'tsx', `${name}/main.ts`], { cwd: projectRoot, env, stdio: ['ignore', fd, fd] }));
    }
    const api = `http://127.0.0.1:${apiPort}`;
    await waitFor(`${api}/health`, 90_000);
    const tokens = Object.fromEntries(
      await Promise.all(ROLES.map(async (r) => [r.role, await mintToken(secret, { sub: `${r.role}-fuzz`, ...r })])),
    );

    // Real cases, so case-scoped operations get past 404 to validation, stage checks and updates.
    const post = (p: string, body: unknown) =>
      fetch(api + p, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.clerk}` },
        body: JSON.stringify(body),
      }).then(async (r) => ({ status: r.status, body: (await r.json()) as { caseId: string; householdId: string; referralId: string } }));
    const dibao = await post('/api/cases', dibaoApplication());
    const emergency = await post('/api/temporary', emergencyAid());
    // A referral of the dibao household, so the referral operations get past 404 too.
    const referral = await post('/api/referrals', {
      township: '430921101',
      householdId: dibao.body.householdId,
      caseId: dibao.body.caseId,
      profileId: 'hunan-datonghu-2021',
      kind: 'employment',
      departmentCode: 'human-resources',
      requester: { name: '张建国' },
      description: '户主失业，申请就业援助',
    });
    if (dibao.status >= 300 || emergency.status >= 300 || referral.status >= 300)
      throw new Error(`seeding failed: ${JSON.stringify([dibao, emergency, referral])}`);
    console.log(`[fuzz] system up at ${api}; seeded ${dibao.body.caseId}, ${emergency.body.caseId} and ${referral.body.referralId}`);

    const runs: FuzzRun[] = [];
    for (const [i, { role }] of ROLES.entries()) {
      for (const real of [false, true]) {
        const label = `${role}${real ? ' (real case)' : ''}`;
        const caseId = i % 2 ? emergency.body.caseId : dibao.body.caseId;
        const run = await runSchemathesis({
          label,
          baseUrl: api,
          token: tokens[role],
          maxExamples: EXAMPLES,
          seed: 1000 + i * 2 + Number(real),
          reportDir: path.join(dataDir, 'reports', `${role}-${real ? 'real' : 'random'}`),
          ...(real ? { pathParameters: { caseId, referralId: referral.body.referralId }, include: '\\{(caseId|referralId)\\}' } : {}),
        });
        runs.push(run);
        console.log(
          `[fuzz] ${label.padEnd(26)} ${String(run.requests).padStart(5)} requests  5xx ${run.serverErrors}  ` +
            `schema violations ${failuresOf(run, /schema/i)}  other failures ${run.failures.reduce((n, f) => n + f.count, 0) - failuresOf(run, /schema/i)}  statuses ${JSON.stringify(run.statuses)}`,
        );
        for (const f of run.failures) console.log(`         ${f.count}× ${f.title}: ${f.operations.slice(0, 4).join('; ')}`);
        if (run.requests === 0) console.log(run.output.slice(-3000));
      }
    }
    const total = runs.reduce((n, r) => n + r.requests, 0);
    const fiveXx = runs.reduce((n, r) => n + r.serverErrors, 0);
    const schema = runs.reduce((n, r) => n + failuresOf(r, /schema/i), 0);
    const failures = runs.reduce((n, r) => n + r.failures.reduce((m, f) => m + f.count, 0), 0);
    const unexpected = (readFileSync(logOf('api'), 'utf8').match(/\[api\] unexpected error/g) ?? []).length;
    console.log(`[fuzz] the API logged ${unexpected} unexpected errors`);
    console.log(
      `\n[fuzz] TOTAL ${total} requests over ${ROLES.length} roles: ${fiveXx} 5xx, ${schema} response-schema violations, ${failures} contract failures in all`,
    );
    const ok = total >= MIN_REQUESTS && fiveXx === 0 && failures === 0 && unexpected === 0;
    if (!ok) console.log(`[fuzz] FAILED (need >= ${MIN_REQUESTS} requests, 0 5xx, 0 failures); reports under ${dataDir}/reports`);
    await cleanup(!ok);
    process.exit(ok ? 0 : 1);
  } catch (err) {
    console.error('[fuzz] failed:', err);
    // What the children said is the likeliest explanation (a missing setting, a port in use).
    for (const name of ['api', 'worker']) {
      const log = path.join(dataDir, 'logs', `${name}.log`);
      if (existsSync(log)) console.error(`[fuzz] ${name} log (tail):\n${readFileSync(log, 'utf8').slice(-2000)}`);
    }
    await cleanup();
    process.exit(1);
  }
}

void main();
