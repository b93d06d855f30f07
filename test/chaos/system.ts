// The whole system as real processes, the way `npm start` runs it, for the chaos runs: an embedded
// PostgreSQL cluster of its own, the Temporal dev server on a file-backed database, and worker and
// API as child processes (node + tsx). Each part can be killed the way a crash kills it.
import { Client, Connection } from '@temporalio/client';
import { ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Pool } from 'pg';
import { createPool } from '../../db/pool';
import { EmbeddedPg, startEmbeddedPg } from '../../infra/embedded-pg';
import { DevServer, startDevServer } from '../../infra/temporal-dev';
import { projectRoot } from '../../infra/tools';
import { workflowBundle } from '../support/temporal';
import { TEST_AUDIT_KEY, TEST_JWT_SECRET, TEST_KEYS, testDataConverter } from '../support/trust';

export const CHAOS_TASK_QUEUE = 'chaos';

export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A node child process (worker or API) that the chaos run kills on purpose; any other exit is counted. */
export class NodeProcess {
  child!: ChildProcess;
  pids: number[] = [];
  unexpectedExits = 0;
  private killing = false;
  private stopped = false;

  constructor(
    readonly name: string,
    private readonly script: string,
    private readonly env: NodeJS.ProcessEnv,
    readonly logFile: string,
  ) {}

  start(): void {
    const log = createWriteStream(this.logFile, { flags: 'a' });
    this.child = spawn(process.execPath, ['--import', 'tsx', this.script], {
      cwd: projectRoot,
      env: this.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stdout!.pipe(log);
    this.child.stderr!.pipe(log);
    this.pids.push(this.child.pid!);
    this.child.once('exit', () => {
      if (this.killing || this.stopped) return;
      // Not killed by us: a crash the system should not have had. Counted, and restarted so the run goes on.
      this.unexpectedExits += 1;
      setTimeout(() => !this.stopped && this.start(), 1_000);
    });
  }

  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    this.killing = true;
    const exited = new Promise((r) =>
      this.child.exitCode !== null || this.child.signalCode !== null ? r(null) : this.child.once('exit', r),
    );
    this.child.kill(signal);
    await exited;
    this.killing = false;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.child.exitCode === null && this.child.signalCode === null) await this.kill('SIGTERM');
  }
}

export interface ChaosSystem {
  dir: string;
  pg: EmbeddedPg;
  temporal: DevServer;
  worker: NodeProcess;
  api: NodeProcess;
  apiUrl: string;
  /** The owner's pool, for checks (and for the payroll phase's lock). */
  db: Pool;
  client: Client;
  killWorker(): Promise<void>;
  killTemporal(downMs: number): Promise<void>;
  /** The worker's own HTTP server (readiness, metrics). */
  workerUrl: string;
  /** SIGKILLs the dev server and leaves it down until startTemporal(). */
  stopTemporal(): Promise<void>;
  startTemporal(): Promise<void>;
  stop(): Promise<void>;
}

const tail = (file: string, lines = 15) =>
  existsSync(file)
    ? readFileSync(file, 'utf8')
        .split('\n')
        .filter((l) => l.trim())
        .slice(-lines)
        .join('\n')
    : '(no log)';

/**
 * Until the API answers /health with 200. Fails at once when the API or the worker process exits
 * (a start-up error does not get better by waiting: a bad setting, a port taken, a failed
 * migration), showing the end of its log; otherwise after `timeoutMs`.
 */
async function waitForHealth(url: string, timeoutMs: number, processes: NodeProcess[]): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const crashed = processes.find((p) => p.unexpectedExits > 0);
    if (crashed) throw new Error(`the ${crashed.name} exited while the system was starting; the end of its log:\n${tail(crashed.logFile)}`);
    const ok = await fetch(`${url}/health`, { signal: AbortSignal.timeout(5_000) }).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) return;
    if (Date.now() > until)
      throw new Error(
        `the API at ${url} was not healthy within ${timeoutMs} ms; the end of its log:\n${tail(processes.find((p) => p.name === 'api')?.logFile ?? '')}`,
      );
    await sleep(250);
  }
}

/** `startupMs`: how long the API may take to answer /health (120 s by default; a run's deadline may shorten it). */
export async function startChaosSystem(o: { demoDaySeconds: number; env?: NodeJS.ProcessEnv; startupMs?: number }): Promise<ChaosSystem> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'aidflow-chaos-'));
  const [pgPort, temporalPort, uiPort, apiPort, workerPort] = [
    await freePort(),
    await freePort(),
    await freePort(),
    await freePort(),
    await freePort(),
  ];
  // Durable settings, not the test cluster's throwaway ones: with synchronous_commit off, an immediate
  // stop loses commits the worker was told had succeeded, which no application could survive.
  // Quiet: a killed server's clients log errors by design; the run's own figures tell the story.
  const devOptions = { dataDir: path.join(dir, 'temporal'), port: temporalPort, uiPort, quiet: true };
  const [pgStarted, devStarted, bundleBuilt] = await Promise.allSettled([
    startEmbeddedPg({ dataDir: path.join(dir, 'pg'), port: pgPort, database: 'aidflow' }),
    startDevServer(devOptions),
    workflowBundle(),
  ]);
  if (pgStarted.status === 'rejected' || devStarted.status === 'rejected' || bundleBuilt.status === 'rejected') {
    // Whatever did start is stopped again: a failed start leaves no server behind.
    if (devStarted.status === 'fulfilled') await devStarted.value.stop().catch(() => undefined);
    if (pgStarted.status === 'fulfilled') await pgStarted.value.stop().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
    throw [pgStarted, devStarted, bundleBuilt].map((r) => (r.status === 'rejected' ? r.reason : undefined)).find(Boolean);
  }
  const pg = pgStarted.value;
  const bundle = bundleBuilt.value;
  let temporal = devStarted.value;
  const bundlePath = path.join(dir, 'workflow-bundle.js');
  writeFileSync(bundlePath, bundle.code);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    TZ: 'UTC',
    NODE_ENV: 'test',
    DATA_DIR: dir,
    DATABASE_URL: pg.url,
    TEMPORAL_ADDRESS: temporal.address,
    TASK_QUEUE: CHAOS_TASK_QUEUE,
    PAYLOAD_KEYS: TEST_KEYS.spec,
    PAYLOAD_KEY_ID: TEST_KEYS.activeId,
    AUTH_JWT_SECRET: TEST_JWT_SECRET,
    WORKFLOW_BUNDLE: bundlePath,
    API_PORT: String(apiPort),
    API_HOST: '127.0.0.1',
    DEMO_DAY_SECONDS: String(o.demoDaySeconds),
    RATE_LIMIT_PER_MINUTE: '1000000',
    AUDIT_MAC_KEY: TEST_AUDIT_KEY.toString('base64'),
    WORKER_PORT: String(workerPort),
    ...o.env,
  };
  const worker = new NodeProcess('worker', 'worker/main.ts', env, path.join(dir, 'worker.log'));
  const api = new NodeProcess('api', 'api/main.ts', env, path.join(dir, 'api.log'));
  // The worker migrates the database first; the API, started at once, waits on the migration lock.
  worker.start();
  api.start();
  const apiUrl = `http://127.0.0.1:${apiPort}`;
  const stopStarted = async () => {
    await api.stop().catch(() => undefined);
    await worker.stop().catch(() => undefined);
    await temporal.stop().catch(() => undefined);
    await pg.stop().catch(() => undefined);
  };
  let client: Client;
  try {
    await waitForHealth(apiUrl, o.startupMs ?? 120_000, [api, worker]);
    client = new Client({ connection: await Connection.connect({ address: temporal.address }), dataConverter: testDataConverter() });
  } catch (err) {
    await stopStarted();
    if (!process.env.CHAOS_KEEP) {
      rmSync(dir, { recursive: true, force: true });
      rmSync(pg.dataDir, { recursive: true, force: true });
    }
    throw Object.assign(err as Error, { message: `${(err as Error).message}\n(stopped; data was in ${dir})` });
  }
  const db = createPool(pg.url, 4);
  const system: ChaosSystem = {
    dir,
    pg,
    worker,
    api,
    apiUrl,
    db,
    client,
    workerUrl: `http://127.0.0.1:${workerPort}`,
    get temporal() {
      return temporal;
    },
    async killWorker() {
      await worker.kill('SIGKILL');
      await sleep(1_000);
      worker.start();
    },
    async killTemporal(downMs) {
      process.kill(temporal.pid, 'SIGKILL');
      await temporal.exited;
      await sleep(downMs);
      temporal = await startDevServer(devOptions);
    },
    async stopTemporal() {
      process.kill(temporal.pid, 'SIGKILL');
      await temporal.exited;
    },
    async startTemporal() {
      temporal = await startDevServer(devOptions);
    },
    async stop() {
      await api.stop().catch(() => undefined);
      await worker.stop().catch(() => undefined);
      await client.connection.close().catch(() => undefined);
      await db.end().catch(() => undefined);
      await temporal.stop().catch(() => undefined);
      await pg.stop().catch(() => undefined);
      if (!process.env.CHAOS_KEEP) {
        rmSync(dir, { recursive: true, force: true });
        rmSync(pg.dataDir, { recursive: true, force: true });
      }
    },
  };
  return system;
}
