import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import path from 'node:path';
import { prepareDatabase } from '../../db/migrate';
import { createPool } from '../../db/pool';
import { startEmbeddedPg } from '../../infra/embedded-pg';
import { mintToken } from '../../infra/tokens';
import { insertCases } from '../support/case-fixture';
import { cpuSeconds, drive, type LoadResult } from '../support/http-load';
import type { BenchContext, Measure, MeasureResult } from '../types';

// P3b: GET /api/cases/:caseId on the real API (api/main.ts as deployed: NODE_ENV=production, JSON
// access log, metrics, helmet, a real HS256 token checked per request) against a minimal node:http +
// pg handler answering the same body. Both run as processes of their own, driven in turn by the same
// keep-alive load, in interleaved rounds. The GET path does not touch Temporal: the API's client
// points at a closed port. BENCH_P3B_CPU_PROF=<dir> writes a CPU profile of the API (for tuning).

const ROOT = path.resolve(__dirname, '../..');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function start(file: string, env: NodeJS.ProcessEnv, extraArgs: string[] = []): { child: ChildProcess; stderr: () => string } {
  let err = '';
  // stdout (the access log) goes to /dev/null: written and paid for, as in production, but not kept.
  // The IPC channel lets a child see the bench die (the minimal handler exits on 'disconnect').
  const child = spawn(process.execPath, [...extraArgs, '--import', 'tsx', file], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  child.stderr?.on('data', (d) => (err = (err + String(d)).slice(-4000)));
  return { child, stderr: () => err };
}

function stop(c: ChildProcess): Promise<void> {
  if (c.exitCode !== null || c.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const hard = setTimeout(() => c.kill('SIGKILL'), 5_000);
    c.once('exit', () => {
      clearTimeout(hard);
      resolve();
    });
    c.kill('SIGTERM');
  });
}

async function ready(port: number, what: string, alive: () => string | undefined, timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const dead = alive();
    if (dead !== undefined) throw new Error(`${what} exited: ${dead}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/health/live`)).status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${what} did not start within ${timeoutMs} ms`);
}

async function run(ctx: BenchContext): Promise<MeasureResult[]> {
  const cases = ctx.smoke ? 20 : 10_000;
  const rounds = ctx.smoke ? 1 : 5;
  const roundMs = ctx.smoke ? 300 : 4_000;
  const connections = ctx.smoke ? 4 : 32;
  const pg = await startEmbeddedPg({ dataDir: path.join(ctx.scratch, 'p3b-pg'), port: ctx.port(0), database: 'postgres', throwaway: true });
  const children: ChildProcess[] = [];
  // A fresh database each run (the audit table refuses TRUNCATE, rightly).
  const admin = createPool(pg.url, 1);
  await admin.query('DROP DATABASE IF EXISTS aidflow_p3b WITH (FORCE)');
  await admin.query('CREATE DATABASE aidflow_p3b');
  await admin.end();
  const url = pg.url.replace(/\/postgres$/, '/aidflow_p3b');
  const owner = createPool(url, 2);
  try {
    await prepareDatabase(owner);
    const caseId = await insertCases(owner, cases);
    const secret = randomBytes(32).toString('hex');
    const [apiPort, minPort, helloPort] = [ctx.port(1), ctx.port(2), ctx.port(3)];
    const api = start(
      'api/main.ts',
      {
        NODE_ENV: 'production',
        LOG_LEVEL: 'info',
        DATABASE_URL: url,
        MIGRATION_DATABASE_URL: url,
        API_PORT: String(apiPort),
        API_HOST: '127.0.0.1',
        TEMPORAL_ADDRESS: `127.0.0.1:${ctx.port(4)}`,
        AUTH_JWT_SECRET: secret,
        PAYLOAD_KEYS: `b1:${randomBytes(32).toString('base64')}`,
        PAYLOAD_KEY_ID: 'b1',
        AUDIT_MAC_KEY: randomBytes(32).toString('base64'),
        // Whatever the caller's shell sets: this run's secret verifies tokens, as aidflow_app without a password.
        AUTH_JWT_PUBLIC_KEY: '',
        AUTH_JWKS_URL: '',
        AUTH_ISSUER: 'aidflow',
        AUTH_AUDIENCE: 'aidflow-api',
        DB_ROLE: 'aidflow_app',
        DB_ROLE_PASSWORD: '',
        DEMO_DAY_SECONDS: '',
        PUBLIC_URL: '',
        LOG_FORMAT: 'json',
      },
      process.env.BENCH_P3B_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_P3B_CPU_PROF}`] : [],
    );
    children.push(api.child);
    const minimal = start('bench/servers/minimal-case-read.ts', {
      DATABASE_URL: url.replace('aidflow@', 'aidflow_app@'),
      PORT: String(minPort),
    });
    children.push(minimal.child);
    const hello = start('bench/servers/minimal-case-read.ts', { PORT: String(helloPort), BENCH_MODE: 'hello' });
    children.push(hello.child);
    const exited = (c: { child: ChildProcess; stderr: () => string }) => () => (c.child.exitCode !== null ? c.stderr() : undefined);
    await Promise.all([
      ready(apiPort, 'the API', exited(api)),
      ready(minPort, 'the minimal handler', exited(minimal)),
      ready(helloPort, 'hello', exited(hello)),
    ]);

    // A county supervisor reading a township's case: the role and area checks run in full.
    const token = await mintToken(secret, { sub: 'sup-bench', role: 'supervisor', jurisdiction: '430921' });
    const headers = { authorization: `Bearer ${token}` };
    const target = `/api/cases/${caseId}`;
    const [a, m] = await Promise.all(
      [apiPort, minPort].map((p) => fetch(`http://127.0.0.1:${p}${target}`, { headers }).then((r) => r.json())),
    );
    if (!isDeepStrictEqual(a, m))
      throw new Error(`the two answers differ:\nAPI ${JSON.stringify(a).slice(0, 400)}\nminimal ${JSON.stringify(m).slice(0, 400)}`);
    const bytes = Buffer.byteLength(JSON.stringify(a));

    const pids = new Map([
      [apiPort, api.child.pid],
      [minPort, minimal.child.pid],
      [helloPort, hello.child.pid],
    ]);
    /** Requests per second, and the server's own CPU time per request (less disturbed by other load on the machine). */
    const once = async (port: number, ms: number): Promise<LoadResult & { cpuMs?: number }> => {
      const cpu0 = cpuSeconds(pids.get(port));
      const r = await drive(port, target, headers, connections, ms);
      const cpu1 = cpuSeconds(pids.get(port));
      if (r.errors) throw new Error(`${r.errors} failed requests on port ${port}: ${r.firstError}`);
      return { ...r, ...(cpu0 !== undefined && cpu1 !== undefined ? { cpuMs: ((cpu1 - cpu0) * 1000) / r.requests } : {}) };
    };
    // Warm both (JIT, pool connections) before anything counts.
    await once(apiPort, ctx.smoke ? 200 : 2_000);
    await once(minPort, ctx.smoke ? 200 : 2_000);
    const apiRps: number[] = [];
    const minRps: number[] = [];
    const helloRps: number[] = [];
    const apiCpu: number[] = [];
    const minCpu: number[] = [];
    for (let i = 0; i < rounds; i++) {
      // Alternate who goes first, so a drift in background load does not favour one side.
      const order = i % 2 ? [minPort, apiPort] : [apiPort, minPort];
      for (const port of order) {
        const r = await once(port, roundMs);
        (port === apiPort ? apiRps : minRps).push(r.rps);
        if (r.cpuMs !== undefined) (port === apiPort ? apiCpu : minCpu).push(r.cpuMs);
      }
      if (i === 0 || i === rounds - 1) helloRps.push((await once(helloPort, roundMs)).rps);
      ctx.log(`P3b round ${i + 1}/${rounds}: API ${apiRps[i].toFixed(0)}/s, minimal ${minRps[i].toFixed(0)}/s`);
    }
    const ratios = apiRps.map((x, i) => x / minRps[i]);
    const value = median(ratios);
    const fmt = (xs: number[], digits = 0) => xs.map((x) => x.toFixed(digits)).join(', ');
    const cpuNote = apiCpu.length
      ? [
          `server CPU per request: API ${fmt(apiCpu, 3)} ms (median ${median(apiCpu).toFixed(3)}), minimal ${fmt(minCpu, 3)} ms (median ${median(minCpu).toFixed(3)}); ratio ${(median(minCpu) / median(apiCpu)).toFixed(2)}×`,
        ]
      : [];
    return [
      {
        id: 'P3b',
        label: 'GET /api/cases/:caseId throughput vs a minimal node:http + pg handler (same row, same body)',
        value,
        unit: '×',
        goal: '≥ 0.5×',
        pass: value >= 0.5,
        rounds: ratios,
        notes: [
          `${connections} keep-alive connections, ${rounds} rounds of ${roundMs / 1000} s each, ${cases} cases, answer ${bytes} bytes`,
          `API req/s per round: ${fmt(apiRps)} (median ${median(apiRps).toFixed(0)})`,
          `minimal handler req/s: ${fmt(minRps)} (median ${median(minRps).toFixed(0)})`,
          `hello-world req/s: ${fmt(helloRps)}; API vs hello-world ${(median(apiRps) / median(helloRps)).toFixed(2)}×`,
          ...cpuNote,
        ],
      },
    ];
  } finally {
    await Promise.all(children.map(stop));
    await owner.end();
    await pg.stop();
  }
}

export const measure: Measure = { order: 32, name: 'P3b case read throughput', run };
