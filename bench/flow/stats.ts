/** The q-quantile (0..1) of the values, nearest rank. */
export function quantile(values: number[], q: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
}

export const median = (values: number[]) => quantile(values, 0.5);

/** Runs `n` tasks with at most `concurrency` at once; returns the seconds it took. */
export async function timedPool(n: number, concurrency: number, task: () => Promise<unknown>): Promise<number> {
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(n, concurrency) }, async () => {
      while (next < n) {
        next += 1;
        await task();
      }
    }),
  );
  return (performance.now() - t0) / 1000;
}

export const round2 = (x: number) => Math.round(x * 100) / 100;
