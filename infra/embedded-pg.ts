import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { processLogger } from './logger';
import { postgresBinDir } from './tools';

export interface EmbeddedPg {
  url: string;
  dataDir: string;
  stop(): Promise<void>;
  /** Whether the server process runs (pg_ctl status). */
  running(): boolean;
  /** Starts it again after it died or was stopped (crash recovery runs on its own). */
  start(): void;
  /** `pg_ctl stop -m immediate`: what a crash looks like to clients; for chaos tests. */
  stopImmediate(): void;
}

// PostgreSQL refuses to run as root; as root we run it as the `postgres` user that Debian's
// package creates, owning only the project's data folder.
function runAs(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
  return { uid, gid };
}

function pgExec(bin: string, args: string[], who?: { uid: number; gid: number }): string {
  return execFileSync(path.join(postgresBinDir(), bin), args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], ...who });
}

/** A checkout under a private home folder is out of the postgres user's reach: use /var/lib then. */
function reachableDir(dataDir: string, who?: { uid: number; gid: number }): string {
  if (!who) return dataDir;
  mkdirSync(path.dirname(dataDir), { recursive: true });
  try {
    execFileSync('test', ['-x', path.dirname(dataDir)], { stdio: 'ignore', ...who });
    return dataDir;
  } catch {
    const fallback = path.join('/var/lib/aidflow', dataDir.replace(/[^A-Za-z0-9]+/g, '_'));
    processLogger('pg').warn(`${dataDir} is not reachable for the postgres user; using ${fallback}`);
    return fallback;
  }
}

/**
 * Starts (creating on first use) a PostgreSQL cluster under `dataDir`, listening on 127.0.0.1 only,
 * with trust auth for the local `aidflow` role; creates `database` if missing.
 */
export async function startEmbeddedPg(opts: { dataDir: string; port: number; database: string; throwaway?: boolean }): Promise<EmbeddedPg> {
  const who = runAs();
  const dataDir = reachableDir(path.resolve(opts.dataDir), who);
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
    mkdirSync(path.dirname(dataDir), { recursive: true });
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    if (who) chownSync(dataDir, who.uid, who.gid);
    pgExec('initdb', ['-D', dataDir, '-U', 'aidflow', '--auth=trust', '-E', 'UTF8', '--no-locale'], who);
  }
  const running = () => {
    try {
      pgExec('pg_ctl', ['-D', dataDir, 'status'], who);
      return true;
    } catch {
      return false;
    }
  };
  const start = () => {
    // fsync off only for throwaway test clusters: the dev system keeps cases across restarts.
    const durability = opts.throwaway ? ' -c fsync=off -c synchronous_commit=off' : '';
    const options = `-p ${opts.port} -k ${dataDir} -c listen_addresses=127.0.0.1 -c max_connections=200${durability}`;
    pgExec('pg_ctl', ['-D', dataDir, '-o', options, '-l', path.join(dataDir, 'server.log'), '-w', '-t', '60', 'start'], who);
  };
  if (!running()) start();
  const admin = new Client({
    connectionString: `postgres://aidflow@127.0.0.1:${opts.port}/postgres`,
    connectionTimeoutMillis: 30_000,
    query_timeout: 60_000,
  });
  await admin.connect();
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [opts.database]);
    if (!exists.rowCount) await admin.query(`CREATE DATABASE "${opts.database.replace(/"/g, '')}"`);
  } finally {
    await admin.end();
  }
  return {
    url: `postgres://aidflow@127.0.0.1:${opts.port}/${opts.database}`,
    dataDir,
    // The data folder is ours: a cluster found running there (left by a crash) is stopped too.
    async stop() {
      pgExec('pg_ctl', ['-D', dataDir, '-m', 'fast', '-w', 'stop'], who);
    },
    running,
    start,
    stopImmediate() {
      pgExec('pg_ctl', ['-D', dataDir, '-m', 'immediate', '-w', 'stop'], who);
    },
  };
}
