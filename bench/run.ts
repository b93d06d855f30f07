import { chmodSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { portFree } from '../infra/ports';
import type { BenchContext, Measure, MeasureResult } from './types';

// `npm run bench`: every bench/measures/*.ts, one after another in `order`, then one line per result
// with its goal, PASS/FAIL and how noisy its rounds were. A measure that misses its goal is reported,
// not fatal (exit 0); only a measure that crashes makes the exit code non-zero.

export interface RunOptions {
  smoke: boolean;
  /** Only measures whose name or file contains this. */
  only?: string;
  /** First port of this run (ctx.port(n) = base + n). */
  portBase: number;
  log?: (line: string) => void;
}

export interface MeasureOutcome {
  file: string;
  name: string;
  results: MeasureResult[];
  error?: string;
  seconds: number;
}

const MEASURES = path.join(__dirname, 'measures');

export async function loadMeasures(only?: string): Promise<{ file: string; measure: Measure }[]> {
  const files = readdirSync(MEASURES)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
    .sort();
  const loaded: { file: string; measure: Measure }[] = [];
  for (const file of files) {
    const mod = (await import(path.join(MEASURES, file))) as { measure?: Measure };
    if (!mod.measure) throw new Error(`bench/measures/${file} exports no \`measure\``);
    if (only && !file.includes(only) && !mod.measure.name.includes(only)) continue;
    loaded.push({ file, measure: mod.measure });
  }
  return loaded.sort((a, b) => a.measure.order - b.measure.order || a.file.localeCompare(b.file));
}

/** ctx.port(n): base + n (the runner checks base … base+9 free before each measure). */
const portsFrom =
  (base: number): BenchContext['port'] =>
  (n: number) =>
    base + n;

export async function runMeasures(opts: RunOptions): Promise<MeasureOutcome[]> {
  const log = opts.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const outcomes: MeasureOutcome[] = [];
  for (const { file, measure } of await loadMeasures(opts.only)) {
    const scratch = mkdtempSync(path.join(os.tmpdir(), `aidflow-bench-${path.basename(file, '.ts')}-`));
    // Servers a measure starts may run as another user (PostgreSQL refuses root): let them reach the folder.
    chmodSync(scratch, 0o755);
    const started = Date.now();
    const ctx: BenchContext = {
      smoke: opts.smoke,
      log: (line) => log(`[${measure.name}] ${line}`),
      port: portsFrom(opts.portBase),
      scratch,
    };
    log(`[bench] ${measure.name} (${file})${opts.smoke ? ' smoke' : ''}`);
    try {
      const busy = [];
      for (let n = 0; n < 10; n++) if (!(await portFree(opts.portBase + n))) busy.push(opts.portBase + n);
      if (busy.length) throw new Error(`ports ${busy.join(', ')} are in use: set BENCH_PORT_BASE to a free range`);
      const results = await measure.run(ctx);
      outcomes.push({ file, name: measure.name, results, seconds: (Date.now() - started) / 1000 });
    } catch (err) {
      const e = err as Error;
      outcomes.push({ file, name: measure.name, results: [], error: e.stack ?? String(e), seconds: (Date.now() - started) / 1000 });
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  }
  return outcomes;
}

/** A base with `count` free ports after it, searched from `from` upwards in steps of `count` (for the smoke test). */
export async function freePortBase(from: number, count = 10): Promise<number> {
  for (let base = from; base < from + 2000; base += count) {
    let free = true;
    for (let n = 0; n < count && free; n++) free = await portFree(base + n);
    if (free) return base;
  }
  throw new Error(`no ${count} free ports from ${from}`);
}

const fmt = (v: number) => (Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 10 ? v.toFixed(1) : v.toFixed(2));

/** n rounds, min/median/max and the coefficient of variation (stddev / mean). */
export function noise(rounds: number[] | undefined): string {
  if (!rounds?.length) return '';
  const s = [...rounds].sort((a, b) => a - b);
  const mean = s.reduce((a, b) => a + b, 0) / s.length;
  const sd = Math.sqrt(s.reduce((a, b) => a + (b - mean) ** 2, 0) / s.length);
  const median = s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  const cv = mean === 0 ? 0 : (sd / mean) * 100;
  return `n=${s.length} min/med/max ${fmt(s[0])}/${fmt(median)}/${fmt(s[s.length - 1])} cv ${cv.toFixed(0)}%`;
}

export function report(outcomes: MeasureOutcome[], smoke: boolean): string {
  const lines = [`aidflow bench ${new Date().toISOString()}${smoke ? ' (smoke: tiny sizes, figures mean nothing)' : ''}`];
  for (const o of outcomes) {
    if (o.error) {
      lines.push(`CRASH  ${o.name} (${o.file}, ${o.seconds.toFixed(0)} s)`, ...o.error.split('\n').map((l) => `    ${l}`));
      continue;
    }
    for (const r of o.results) {
      const verdict = r.pass ? 'PASS' : 'FAIL';
      lines.push(`${verdict}  ${r.id}  ${r.label}: ${fmt(r.value)} ${r.unit} (goal ${r.goal})  ${noise(r.rounds)}`.trimEnd());
      for (const n of r.notes ?? []) lines.push(...n.split('\n').map((l) => `    ${l}`));
    }
  }
  return `${lines.join('\n')}\n`;
}

function parseArgs(argv: string[]): { smoke: boolean; only?: string } {
  const out: { smoke: boolean; only?: string } = { smoke: false };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--smoke') out.smoke = true;
    else if (argv[i] === '--only') out.only = argv[++i];
    else if (argv[i].startsWith('--only=')) out.only = argv[i].slice(7);
    else throw new Error(`unknown option ${argv[i]} (use --only <substring> and --smoke)`);
  }
  return out;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const portBase = Number(process.env.BENCH_PORT_BASE ?? 56000);
  const outcomes = await runMeasures({ ...args, portBase });
  const text = report(outcomes, args.smoke);
  process.stdout.write(text);
  writeFileSync(path.join(__dirname, 'last-run.txt'), text);
  process.exitCode = outcomes.some((o) => o.error) ? 1 : 0;
}

if (require.main === module) {
  // Exit once reported: a measure's leftover handle must not keep `npm run bench` waiting.
  main()
    .catch((err) => {
      console.error(err);
      process.exitCode = 1;
    })
    .finally(() => process.exit());
}
