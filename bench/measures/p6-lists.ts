import path from 'node:path';
import type { Pool } from 'pg';
import type { ApiDeps } from '../../api/deps';
import { prepareDatabase } from '../../db/migrate';
import { createPool } from '../../db/pool';
import { startEmbeddedPg } from '../../infra/embedded-pg';
import { generate } from '../p6/data';
import { listsFor, TimedList } from '../p6/lists';
import { explainAll, p95, sizes, timeMs } from '../p6/report';
import type { Measure, MeasureResult } from '../types';

// P6 (#11): supervisors' lists over 1,000,000 cases, the worst county's p95 ≤ 50 ms, every list paged.
// Its own PostgreSQL on ctx.port(0), its own data (bench/p6/data.ts), the lists called as the API
// and the console call them (bench/p6/lists.ts), interleaved round by round.

const GOAL_MS = 50;

export const measure: Measure = {
  order: 60,
  name: 'P6 lists',
  run: async (ctx) => {
    const n = ctx.smoke ? 2_000 : 1_000_000;
    const rounds = ctx.smoke ? 1 : 40;
    const pg = await startEmbeddedPg({
      dataDir: path.join(ctx.scratch, 'pg'),
      port: ctx.port(0),
      database: 'aidflow_bench',
      throwaway: true,
    });
    const pool = createPool(pg.url, 10);
    try {
      await prepareDatabase(pool);
      const period = (await pool.query("SELECT to_char(current_date - interval '1 month', 'YYYY-MM') AS p")).rows[0].p as string;
      await generate(pool, n, period, ctx.log);
      const worst = (await pool.query('SELECT county, count(*)::int AS n FROM cases GROUP BY 1 ORDER BY 2 DESC LIMIT 1')).rows[0];
      const town = (
        await pool.query('SELECT township, count(*)::int AS n FROM cases WHERE county = $1 GROUP BY 1 ORDER BY 2 DESC LIMIT 1', [
          worst.county,
        ])
      ).rows[0];
      const deps = { db: pool } as unknown as ApiDeps;
      const actor = { id: 'bench-supervisor', role: 'supervisor' as const, jurisdiction: worst.county as string };
      const county = listsFor(deps, actor, period);
      const township = listsFor(deps, actor, period, town.township);
      ctx.log(`worst county ${worst.county}: ${worst.n} cases; largest township ${town.township}: ${town.n}`);

      // A cursor ten pages in, per list: keyset pages deep in a list cost what the first costs.
      const deep = new Map<string, string>();
      for (const l of county) {
        let cursor: string | null = null;
        for (let i = 0; i < 10; i++) {
          const next: string | null = await l.run(cursor ?? undefined);
          if (!next) break;
          cursor = next;
        }
        if (cursor) deep.set(l.id, cursor);
      }
      for (const l of [...county, ...township]) await l.run(); // warm-up
      const first = new Map<string, number[]>(county.map((l) => [l.id, []]));
      const deeper = new Map<string, number[]>(county.map((l) => [l.id, []]));
      const inTown = new Map<string, number[]>(township.map((l) => [l.id, []]));
      for (let r = 0; r < rounds; r++) {
        for (const l of county) {
          first.get(l.id)!.push(await timeMs(() => l.run()));
          const c = deep.get(l.id);
          if (c) deeper.get(l.id)!.push(await timeMs(() => l.run(c)));
        }
        for (const l of township) inTown.get(l.id)!.push(await timeMs(() => l.run()));
      }

      const plans = await explainAll(pool, county);
      const results: MeasureResult[] = county.map((l: TimedList) => {
        const v = p95(first.get(l.id)!);
        const d = deeper.get(l.id)!;
        return {
          id: `P6 ${l.id}`,
          label: l.label,
          value: v,
          unit: 'ms',
          goal: `≤ ${GOAL_MS} ms`,
          pass: v <= GOAL_MS,
          rounds: first.get(l.id),
          notes: [
            d.length
              ? `page 11 by cursor: p95 ${p95(d).toFixed(1)} ms`
              : 'fits one page (or not paged by cursor: an HTML page or aggregate)',
            `township ${town.township} scope: p95 ${p95(inTown.get(l.id)!).toFixed(1)} ms`,
            ...plans.get(l.id)!,
          ],
        };
      });
      const worstP95 = Math.max(...results.map((r) => r.value));
      results.unshift({
        id: 'P6',
        label: `supervisors' lists over ${n.toLocaleString('en')} cases, worst county-scope p95 (county ${worst.county}, ${worst.n} cases)`,
        value: worstP95,
        unit: 'ms',
        goal: `≤ ${GOAL_MS} ms, every list paged`,
        pass: worstP95 <= GOAL_MS,
        notes: [`rounds per list: ${rounds}, interleaved; sizes:`, ...(await sizes(pool))],
      });
      return results;
    } finally {
      await (pool as Pool).end().catch(() => undefined);
      await pg.stop().catch(() => undefined);
    }
  },
};
