// The contract between `npm run bench` (bench/run.ts) and the measures in bench/measures/*.ts.
// Each measure file is self-contained: it starts what it needs on ports from `ctx.port(n)`, generates its
// own data, compares aidflow with its comparator in interleaved rounds, and stops everything it started.
// The runner loads every file in bench/measures/ and runs them one after another, in `order`.

/** One printed line: a measure, its value against its goal. */
export interface MeasureResult {
  /** 'P1', 'P3a', 'P6 due-soon', … */
  id: string;
  label: string;
  /** The figure the goal is about (a ratio, a count, milliseconds, cases per GB). */
  value: number;
  /** '×', 'events', 'ms', 's', 'cases/GB' */
  unit: string;
  /** As the issue states it: '≥ 0.8×', '≤ 45', '≤ 50 ms'. */
  goal: string;
  pass: boolean;
  /** The value of each round, so the runner can print how noisy the rounds were. */
  rounds?: number[];
  /** Extra lines printed under the measure (EXPLAIN plans, sizes, comparator figures). */
  notes?: string[];
}

export interface BenchContext {
  /** Small sizes and one round: `npm test` runs the harness this way so it cannot rot. Figures mean nothing. */
  smoke: boolean;
  log: (line: string) => void;
  /** A free TCP port reserved for this run (distinct n → distinct port), away from npm start's defaults. */
  port: (n: number) => number;
  /** A scratch directory for this run (data directories of servers the measure starts). */
  scratch: string;
}

export interface Measure {
  /** Runner order; lower first. */
  order: number;
  name: string;
  run: (ctx: BenchContext) => Promise<MeasureResult[]>;
}
