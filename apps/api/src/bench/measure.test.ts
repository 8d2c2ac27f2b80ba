import { describe, expect, it } from 'vitest';
import { measureInterleaved, percentile, summarize } from './measure.ts';

describe('bench statistics', () => {
  it('takes the nearest-rank percentile', () => {
    const sorted = Array.from({ length: 20 }, (_, i) => i + 1);
    expect(percentile(sorted, 95)).toBe(19);
    expect(percentile(sorted, 100)).toBe(20);
    expect(percentile(sorted, 0)).toBe(1);
    expect(percentile([], 50)).toBeNaN();
  });

  it('summarises unsorted samples', () => {
    expect(summarize([5, 1, 3])).toEqual({ n: 3, median: 3, p95: 5, min: 1, max: 5 });
    expect(summarize([4, 1, 3, 2]).median).toBe(2.5);
  });

  it('runs every variant once per round, after the warm-up', async () => {
    const calls: string[] = [];
    const samples = await measureInterleaved(
      { a: async () => calls.push('a'), b: async () => calls.push('b') },
      { warmup: 1, iterations: 2 },
    );
    expect(calls).toEqual(['a', 'b', 'a', 'b', 'a', 'b']);
    expect(samples.a).toHaveLength(2);
    expect(samples.b).toHaveLength(2);
  });

  it('stops at the time budget, but not before the minimum number of rounds', async () => {
    const slow = () => new Promise((resolve) => setTimeout(resolve, 5));
    const samples = await measureInterleaved(
      { slow },
      { warmup: 0, iterations: 1000, budgetMs: 1, minIterations: 3 },
    );
    expect(samples.slow).toHaveLength(3);
  });
});
