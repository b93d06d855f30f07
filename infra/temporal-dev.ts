import { ChildProcess, spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { SEARCH_ATTRIBUTE_TYPES } from '../workflows/definitions';
import { temporalCli } from './tools';

export interface DevServer {
  address: string;
  uiUrl: string;
  stop(): Promise<void>;
  pid: number;
  /** Resolves with the exit code when the server process ends, for whatever reason. */
  exited: Promise<number | null>;
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect({ host: '127.0.0.1', port }, () => {
      s.end();
      resolve(true);
    });
    s.on('error', () => resolve(false));
  });
}

export function searchAttributeArgs(): string[] {
  return Object.entries(SEARCH_ATTRIBUTE_TYPES).flatMap(([name, type]) => ['--search-attribute', `${name}=${type}`]);
}

/** The Temporal CLI's dev server, file-backed so cases survive a restart of the whole system. */
export async function startDevServer(opts: {
  dataDir: string;
  port: number;
  uiPort: number;
  metricsPort?: number;
  codecEndpoint?: string;
  quiet?: boolean;
}): Promise<DevServer> {
  mkdirSync(opts.dataDir, { recursive: true });
  const args = [
    'server',
    'start-dev',
    '--ip',
    '127.0.0.1',
    '--port',
    String(opts.port),
    '--ui-port',
    String(opts.uiPort),
    '--db-filename',
    path.join(opts.dataDir, 'temporal.db'),
    '--namespace',
    'default',
    '--log-level',
    'error',
    ...searchAttributeArgs(),
    // A fixed, printed metrics port (the CLI picks a random one otherwise).
    ...(opts.metricsPort ? ['--metrics-port', String(opts.metricsPort)] : []),
    ...(opts.codecEndpoint ? ['--ui-codec-endpoint', opts.codecEndpoint] : []),
  ];
  const child: ChildProcess = spawn(temporalCli(), args, {
    stdio: ['ignore', opts.quiet ? 'ignore' : 'inherit', opts.quiet ? 'ignore' : 'inherit'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const deadline = Date.now() + 60_000;
  while (!(await portOpen(opts.port))) {
    if (child.exitCode !== null) throw new Error(`temporal dev server exited with code ${child.exitCode}`);
    if (Date.now() > deadline) throw new Error('temporal dev server did not open its port within 60 s');
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    address: `127.0.0.1:${opts.port}`,
    uiUrl: `http://127.0.0.1:${opts.uiPort}`,
    pid: child.pid!,
    exited,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
