// A fresh API process (api/main.ts, as `npm run api` starts it) against a scale stack: what an
// auditor's first call meets after a deploy. Production settings: the pre-built workflow bundle.
import { ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { AUDIT_KEY, JWT_SECRET, KEYS, type ScaleStack } from './stack';

const ROOT = path.resolve(__dirname, '../..');

export interface ApiProcess {
  url: string;
  /** From spawn to the first answered /health. */
  startMs: number;
  stop(): Promise<void>;
}

export async function startApiProcess(stack: ScaleStack, o: { port: number; bundlePath: string; scratch: string }): Promise<ApiProcess> {
  const t0 = performance.now();
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'api/main.ts')], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      TZ: 'UTC',
      DATABASE_URL: stack.pgUrl,
      TEMPORAL_ADDRESS: stack.address,
      PAYLOAD_KEYS: KEYS.spec,
      PAYLOAD_KEY_ID: KEYS.activeId,
      AUDIT_MAC_KEY: AUDIT_KEY.toString('base64'),
      AUTH_JWT_SECRET: JWT_SECRET,
      API_PORT: String(o.port),
      API_HOST: '127.0.0.1',
      WORKFLOW_BUNDLE: o.bundlePath,
      DATA_DIR: o.scratch,
      RATE_LIMIT_PER_MINUTE: '100000',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d) => (stderr = (stderr + d).slice(-4000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null) child.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
    if (child.exitCode === null) child.kill('SIGKILL');
  };
  const url = `http://127.0.0.1:${o.port}`;
  const until = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the API exited (${child.exitCode}): ${stderr}`);
    const ok = await fetch(`${url}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (Date.now() > until) {
      await stop();
      throw new Error(`the API did not answer /health within 120 s: ${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return { url, startMs: performance.now() - t0, stop };
}
