/** Timing helpers for `pnpm bench`: pure functions, so the summary maths is testable. */

export type Summary = { n: number; median: number; p95: number; min: number; max: number };

/** Nearest-rank percentile of already sorted samples (p in 0..100). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] ?? Number.NaN;
}

export function summarize(samples: readonly number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = sorted.length / 2;
  const median =
    sorted.length % 2 === 1
      ? (sorted[Math.floor(middle)] ?? Number.NaN)
      : ((sorted[middle - 1] ?? Number.NaN) + (sorted[middle] ?? Number.NaN)) / 2;
  return {
    n: sorted.length,
    median,
    p95: percentile(sorted, 95),
    min: sorted[0] ?? Number.NaN,
    max: sorted[sorted.length - 1] ?? Number.NaN,
  };
}

/** Milliseconds one call takes. */
export async function timeOnce(run: () => Promise<unknown>): Promise<number> {
  const started = process.hrtime.bigint();
  await run();
  return Number(process.hrtime.bigint() - started) / 1e6;
}

/**
 * Warm-up, then up to `iterations` rounds that run every variant once each, in turn, so a burst of load
 * from elsewhere on the machine hits all variants alike instead of whichever happened to be running.
 * With a `budgetMs`, rounds stop once the budget is spent (after at least `minIterations`), so a slow
 * query on a large corpus does not hold the machine for an hour.
 */
export async function measureInterleaved<K extends string>(
  variants: Record<K, () => Promise<unknown>>,
  options: { warmup: number; iterations: number; budgetMs?: number; minIterations?: number },
): Promise<Record<K, number[]>> {
  const keys = Object.keys(variants) as K[];
  for (let i = 0; i < options.warmup; i++) for (const key of keys) await variants[key]();
  const samples = Object.fromEntries(keys.map((key) => [key, [] as number[]])) as Record<K, number[]>;
  const started = performance.now();
  for (let i = 0; i < options.iterations; i++) {
    if (options.budgetMs !== undefined && i >= (options.minIterations ?? 5)) {
      if (performance.now() - started > options.budgetMs) break;
    }
    for (const key of keys) samples[key].push(await timeOnce(variants[key]));
  }
  return samples;
}
