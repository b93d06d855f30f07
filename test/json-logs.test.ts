// Every log line of every process is JSON in production: runtime code logs through the one logger
// (infra/logger.ts), never console.*, which writes plain text past it. Command-line tools that
// print a report for the person who ran them are not runtime logs. (test/frozen-db.test.ts runs
// API and worker with NODE_ENV=production and parses every line they wrote.)
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '..');
const RUNTIME = ['api', 'worker', 'db', 'infra', 'activities', 'workflows', 'domain', 'console', 'scripts'];

/** Files allowed to use console.*, and why. */
const NOT_RUNTIME: Record<string, string> = {
  'scripts/fuzz.ts': 'test tool: prints its run report',
  'scripts/chaos.ts': 'test tool: prints its run report',
  'scripts/adjustment-scale.ts': 'measuring tool: prints its progress and figures',
};

function tsFiles(dir: string): string[] {
  return readdirSync(path.join(root, dir)).flatMap((name) => {
    const rel = path.join(dir, name);
    if (statSync(path.join(root, rel)).isDirectory()) return tsFiles(rel);
    return rel.endsWith('.ts') ? [rel] : [];
  });
}

test('runtime code logs through the JSON logger: no console.* outside command-line tools', () => {
  const offenders = RUNTIME.flatMap(tsFiles)
    .filter((f) => !(f in NOT_RUNTIME))
    .flatMap((f) =>
      readFileSync(path.join(root, f), 'utf8')
        .split('\n')
        .map((line, i) => ({ line, at: `${f}:${i + 1}` }))
        .filter(({ line }) => /\bconsole\.(log|info|warn|error|debug|trace)\s*\(/.test(line) && !/^\s*(\/\/|\*)/.test(line))
        .map(({ at, line }) => `${at}: ${line.trim()}`),
    );
  expect(offenders).toEqual([]);
});

test("with JSON lines, Node's own warnings are log lines too, not plain text on stderr", () => {
  // A process of its own: jest's sandboxed `process` does not see Node's warnings.
  const script = `
    const { logProcessWarnings, processLogger } = require('./infra/logger');
    logProcessWarnings(processLogger('api'));
    process.emitWarning('Calling client.query() when the client is already executing a query is deprecated', 'DeprecationWarning');`;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], {
    cwd: root,
    env: { ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'info' },
    encoding: 'utf8',
  });
  expect(r.stderr).toBe('');
  expect(
    r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l)),
  ).toEqual([expect.objectContaining({ level: 40, name: 'api', warning: expect.objectContaining({ type: 'DeprecationWarning' }) })]);
});
