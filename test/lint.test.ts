// The lint rules for workflow code fire: a file under workflows/ that reaches for Node, I/O or host
// randomness is refused, and the same code outside workflows/ is not.
import { spawn } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '..');
const BAD = [
  "import { readFileSync } from 'node:fs';",
  "import { Pool } from 'pg';",
  "import { createPool } from '../db/pool';",
  "import type { CaseRow } from '../db/case-repo';",
  'export const a = process.env.X;',
  'export const b = crypto.randomUUID();',
  'export const c = performance.now();',
  'export const d = (x: CaseRow) => [readFileSync, Pool, createPool, x];',
].join('\n');

const ZOD = [
  "import { z } from 'zod';",
  "import { maskIdNumber } from '../domain/application';",
  "import type { Application } from '../domain/application';",
  "import { idNumberProblem } from '../domain/application-core';",
  'export const e = (a: Application) => [z, maskIdNumber, idNumberProblem, a];',
].join('\n');
const PROBES: Array<[key: string, file: string, text: string]> = [
  ['bad:workflows', 'workflows/probe.ts', BAD],
  ['bad:activities', 'activities/probe.ts', BAD],
  ['zod:workflows', 'workflows/probe.ts', ZOD],
  ['zod:api', 'api/probe.ts', ZOD],
];

// A child process: ESLint loads its flat config with a dynamic import, which jest's VM refuses. One
// process lints every probe (its start-up, loading the config and typescript-eslint, is most of the time).
let results: Promise<Record<string, string[]>> | undefined;
function lintAll(): Promise<Record<string, string[]>> {
  results ??= new Promise((resolve, reject) => {
    const script = `
      const { ESLint } = require('eslint');
      const probes = JSON.parse(require('node:fs').readFileSync(0, 'utf8'));
      (async () => {
        const eslint = new ESLint({ cwd: process.cwd() });
        const out = {};
        for (const [key, file, text] of probes) {
          const [r] = await eslint.lintText(text, { filePath: file });
          out[key] = r.messages.map((m) => m.line + ':' + m.ruleId);
        }
        process.stdout.write(JSON.stringify(out));
      })().catch((e) => { console.error(e); process.exit(1); });`;
    const child = spawn(process.execPath, ['-e', script], { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`eslint exited ${code}: ${err}`))));
    child.stdin.end(JSON.stringify(PROBES.map(([key, file, text]) => [key, path.join(root, file), text])));
  });
  return results;
}
const lint = async (key: string) => (await lintAll())[key];

test('workflow code: Node built-ins, I/O modules, process, crypto and performance are errors; type imports are fine', async () => {
  const found = await lint('bad:workflows');
  expect(found).toEqual(
    expect.arrayContaining([
      '1:@typescript-eslint/no-restricted-imports',
      '2:@typescript-eslint/no-restricted-imports',
      '3:@typescript-eslint/no-restricted-imports',
      '5:no-restricted-globals',
      '6:no-restricted-globals',
      '7:no-restricted-globals',
    ]),
  );
  expect(found.filter((m) => m.startsWith('4:'))).toEqual([]);
}, 60_000);

test('outside workflows/ the same code passes', async () => {
  expect(await lint('bad:activities')).toEqual([]);
}, 60_000);

test('workflow code may not import zod or a domain module holding zod schemas; type imports and the zod-free halves are fine', async () => {
  const found = await lint('zod:workflows');
  expect(found).toEqual(['1:@typescript-eslint/no-restricted-imports', '2:@typescript-eslint/no-restricted-imports']);
  expect(await lint('zod:api')).toEqual([]);
}, 60_000);
