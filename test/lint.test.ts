// The lint rules for workflow code fire: a file under workflows/ that reaches for Node, I/O or host
// randomness is refused, and the same code outside workflows/ is not.
import { spawnSync } from 'node:child_process';
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

// A child process: ESLint loads its flat config with a dynamic import, which jest's VM refuses.
async function lint(file: string, input = BAD): Promise<string[]> {
  const out = spawnSync(path.join(root, 'node_modules/.bin/eslint'), ['--stdin', '--stdin-filename', file, '--format', 'json'], {
    cwd: root,
    input,
    encoding: 'utf8',
  });
  const [r] = JSON.parse(out.stdout) as { messages: { line: number; ruleId: string }[] }[];
  return r.messages.map((m) => `${m.line}:${m.ruleId}`);
}

test('workflow code: Node built-ins, I/O modules, process, crypto and performance are errors; type imports are fine', async () => {
  const found = await lint('workflows/probe.ts');
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
  expect(await lint('activities/probe.ts')).toEqual([]);
}, 60_000);

test('workflow code may not import zod or a domain module holding zod schemas; type imports and the zod-free halves are fine', async () => {
  const code = [
    "import { z } from 'zod';",
    "import { maskIdNumber } from '../domain/application';",
    "import type { Application } from '../domain/application';",
    "import { idNumberProblem } from '../domain/application-core';",
    'export const e = (a: Application) => [z, maskIdNumber, idNumberProblem, a];',
  ].join('\n');
  const found = await lint('workflows/probe.ts', code);
  expect(found).toEqual(['1:@typescript-eslint/no-restricted-imports', '2:@typescript-eslint/no-restricted-imports']);
  expect(await lint('api/probe.ts', code)).toEqual([]);
}, 60_000);
