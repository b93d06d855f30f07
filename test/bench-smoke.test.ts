import { freePortBase, loadMeasures, report, runMeasures } from '../bench/run';

// `npm run bench` is not part of the test command (no timed tests), but its harness is: every measure in
// bench/measures/ runs here in smoke mode (tiny sizes, one round) and must return well-formed results,
// so neither the runner nor a measure can rot unnoticed. The figures mean nothing and are not checked.

// Other runs (a second checkout, `npm run bench`) may hold ports: take the first free block from here on.
const FROM = Number(process.env.BENCH_PORT_BASE ?? 56000) + 500;

test('every measure loads and declares a name and an order', async () => {
  const all = await loadMeasures();
  expect(all.length).toBeGreaterThan(0);
  for (const { file, measure } of all) {
    expect(file).toMatch(/\.ts$/);
    expect(measure.name).toEqual(expect.any(String));
    expect(Number.isFinite(measure.order)).toBe(true);
  }
});

test('the runner runs every measure in smoke mode; each returns well-formed results', async () => {
  const lines: string[] = [];
  const outcomes = await runMeasures({ smoke: true, portBase: await freePortBase(FROM), log: (l) => lines.push(l) });
  expect(outcomes.map((o) => ({ file: o.file, error: o.error }))).toEqual(outcomes.map((o) => ({ file: o.file, error: undefined })));
  for (const o of outcomes) {
    expect(o.results.length).toBeGreaterThan(0);
    for (const r of o.results) {
      expect(r).toMatchObject({ id: expect.any(String), label: expect.any(String), unit: expect.any(String), goal: expect.any(String) });
      expect(Number.isFinite(r.value)).toBe(true);
      expect(typeof r.pass).toBe('boolean');
      if (r.rounds) expect(r.rounds.every(Number.isFinite)).toBe(true);
      if (r.notes) expect(r.notes.every((n) => typeof n === 'string')).toBe(true);
    }
  }
  // The printed report has one line per result, and PASS or FAIL on each.
  const text = report(outcomes, true);
  const resultLines = text.split('\n').filter((l) => /^(PASS|FAIL) {2}/.test(l));
  expect(resultLines).toHaveLength(outcomes.reduce((s, o) => s + o.results.length, 0));
}, 600_000);
