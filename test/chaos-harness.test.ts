// The chaos harness itself fails fast: an API that cannot start ends the start-up at once with the
// end of its log (not after 120 s), and every wait of a run ends by the run's one deadline (not
// after 4–5 minutes per request and per stage).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Deadline } from './chaos/deadline';
import { driveCases, newTally } from './chaos/driver';
import { freePort, startChaosSystem } from './chaos/system';

test('a run whose API answers nothing ends at its deadline, every client with it', async () => {
  const url = `http://127.0.0.1:${await freePort()}`;
  const tally = newTally();
  const t0 = Date.now();
  const driven = await driveCases(url, tally, 5, 3, new Set(), new Deadline(3_000));
  const s = (Date.now() - t0) / 1000;
  expect(s).toBeLessThan(10);
  expect(driven.done).toEqual([]);
  // The three clients that started each report the deadline; no new case started after it.
  expect(driven.failures).toHaveLength(3);
  for (const f of driven.failures) expect(f).toMatch(/deadline/);
  expect(tally.byStatus['0']).toBeGreaterThan(0);
});

test('an API that cannot start: the start-up fails at once with its log, and stops what it started', async () => {
  const t0 = Date.now();
  // A too-short token secret: the configuration check stops the API (and the worker) at start.
  const started = startChaosSystem({ demoDaySeconds: 86_400, env: { AUTH_JWT_SECRET: 'short' } });
  await expect(started).rejects.toThrow(
    /exited while the system was starting; the end of its log:[\s\S]*AUTH_JWT_SECRET: at least 32 characters/,
  );
  // Before: 120 s of polling /health while the process restarted every second.
  expect((Date.now() - t0) / 1000).toBeLessThan(60);
  // Nothing of it is left: no process runs with its data folder (PostgreSQL, the dev server, worker, API), and the folder is gone.
  const dir = /data was in (\S+)\)/.exec(((await started.catch((e: Error) => e)) as Error).message)?.[1];
  expect(dir).toMatch(/aidflow-chaos-/);
  const suffix = path.basename(dir!).replace(/[^A-Za-z0-9]+/g, '_');
  const left = execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' })
    .split('\n')
    .filter((l) => l.includes(dir!) || l.includes(suffix));
  expect(left).toEqual([]);
  expect(existsSync(dir!)).toBe(false);
}, 90_000);
