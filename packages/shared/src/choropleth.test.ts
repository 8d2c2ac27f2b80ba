import { describe, expect, it } from 'vitest';
import {
  CHOROPLETH_COLORS,
  choroplethClass,
  choroplethColor,
  choroplethLegend,
  choroplethNumber,
  choroplethScale,
  jenksBreaks,
  NO_DATA_COLOR,
  paletteFor,
  quantileBreaks,
} from './choropleth.ts';

const bounds = (scale: ReturnType<typeof choroplethScale>) => scale.classes.map((c) => [c.min, c.max]);

describe('choroplethNumber', () => {
  it('reads counts and decimal strings; missing, malformed, zero and negative are no data', () => {
    expect(choroplethNumber(3)).toBe(3);
    expect(choroplethNumber('1234.50')).toBe(1234.5);
    expect(choroplethNumber(' 12 ')).toBe(12);
    for (const v of [null, undefined, '', 'abc', '1e5', '0', '0.00', 0, -5, '-1', Number.NaN, Infinity])
      expect(choroplethNumber(v)).toBeNull();
  });
});

describe('paletteFor', () => {
  it('spreads k colours light → dark over the palette', () => {
    expect(paletteFor(0)).toEqual([]);
    expect(paletteFor(1)).toEqual([CHOROPLETH_COLORS[2]]);
    expect(paletteFor(2)).toEqual([CHOROPLETH_COLORS[0], CHOROPLETH_COLORS[4]]);
    expect(paletteFor(3)).toEqual([CHOROPLETH_COLORS[0], CHOROPLETH_COLORS[2], CHOROPLETH_COLORS[4]]);
    expect(paletteFor(5)).toEqual([...CHOROPLETH_COLORS]);
    expect(paletteFor(9)).toEqual([...CHOROPLETH_COLORS]);
    expect(new Set(paletteFor(4)).size).toBe(4);
  });

  it('keeps the lowest class apart from no data', () => {
    expect(CHOROPLETH_COLORS).not.toContain(NO_DATA_COLOR);
  });
});

describe('quantileBreaks', () => {
  it('puts an equal share of values in each class', () => {
    expect(quantileBreaks([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 5)).toEqual([2, 4, 6, 8, 10]);
  });
  it('merges classes made equal by ties', () => {
    expect(quantileBreaks([1, 1, 1, 1, 1, 1, 1, 1, 2, 9], 5)).toEqual([1, 2, 9]);
  });
  it('gives no more classes than values', () => {
    expect(quantileBreaks([5, 7], 5)).toEqual([5, 7]);
    expect(quantileBreaks([], 5)).toEqual([]);
  });
});

describe('jenksBreaks', () => {
  it('finds the natural groups', () => {
    expect(jenksBreaks([1, 2, 3, 20, 21, 22, 100, 101], 3)).toEqual([3, 22, 101]);
  });
  it('matches a brute-force minimum of within-class squared deviations', () => {
    const data = [1, 4, 5, 9, 10, 11, 30, 31, 70, 200].sort((a, b) => a - b);
    const ssd = (xs: number[]) => {
      const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
      return xs.reduce((s, x) => s + (x - mean) ** 2, 0);
    };
    let best = Number.POSITIVE_INFINITY;
    for (let a = 1; a < data.length - 1; a++)
      for (let b = a + 1; b < data.length; b++)
        best = Math.min(best, ssd(data.slice(0, a)) + ssd(data.slice(a, b)) + ssd(data.slice(b)));
    const uppers = jenksBreaks(data, 3);
    const groups = uppers.map((u, i) => data.filter((x) => x <= u && (i === 0 || x > (uppers[i - 1] ?? 0))));
    expect(groups.reduce((s, g) => s + ssd(g), 0)).toBeCloseTo(best, 9);
  });
  it('one class per distinct value when there are few', () => {
    expect(jenksBreaks([3, 3, 8], 5)).toEqual([3, 8]);
    expect(jenksBreaks([4], 5)).toEqual([4]);
    expect(jenksBreaks([], 5)).toEqual([]);
  });
});

describe('choroplethScale', () => {
  it('classifies decimal strings, leaving zeros and missing values out', () => {
    const scale = choroplethScale(['0', null, '100.00', '250.5', '1000', '5000', '20000', undefined]);
    expect(scale.noDataCount).toBe(3);
    expect(bounds(scale)).toEqual([
      [100, 100],
      [250.5, 250.5],
      [1000, 1000],
      [5000, 5000],
      [20000, 20000],
    ]);
    expect(scale.classes.map((c) => c.color)).toEqual([...CHOROPLETH_COLORS]);
  });

  it('handles a single value, all ties, and nothing at all', () => {
    const one = choroplethScale([7]);
    expect(bounds(one)).toEqual([[7, 7]]);
    expect(one.classes[0]?.color).toBe(CHOROPLETH_COLORS[2]);
    expect(bounds(choroplethScale([2, 2, 2, 2]))).toEqual([[2, 2]]);
    expect(choroplethScale([0, null]).classes).toEqual([]);
    expect(choroplethScale([]).classes).toEqual([]);
  });

  it('counts every value in exactly one class, with class ranges from the data', () => {
    const values = [1, 1, 2, 3, 3, 3, 8, 13, 21, 34, 55, 89];
    const scale = choroplethScale(values);
    expect(scale.classes.reduce((s, c) => s + c.count, 0)).toBe(values.length);
    for (const c of scale.classes) {
      expect(values).toContain(c.min);
      expect(values).toContain(c.max);
      expect(c.min).toBeLessThanOrEqual(c.max);
    }
    for (let i = 1; i < scale.classes.length; i++)
      expect(scale.classes[i]?.min).toBeGreaterThan(scale.classes[i - 1]?.max ?? 0);
  });

  it('takes the number of classes and the method', () => {
    const values = [1, 2, 3, 20, 21, 22, 100, 101];
    expect(choroplethScale(values, { classes: 3, method: 'jenks' }).classes.map((c) => c.max)).toEqual([
      3, 22, 101,
    ]);
    expect(choroplethScale(values, { classes: 2 }).classes).toHaveLength(2);
    expect(choroplethScale(values, { classes: 99 }).classes).toHaveLength(5);
    expect(choroplethScale(values, { classes: 0 }).classes).toHaveLength(1);
  });
});

describe('value → class → colour', () => {
  const scale = choroplethScale([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  it('maps data values to their class', () => {
    expect(choroplethClass(scale, 1)?.index).toBe(0);
    expect(choroplethClass(scale, '4')?.index).toBe(1);
    expect(choroplethColor(scale, 10)).toBe(CHOROPLETH_COLORS[4]);
  });
  it('puts values between classes in the higher one and above the top in the top', () => {
    expect(choroplethClass(scale, 2.5)?.index).toBe(1);
    expect(choroplethClass(scale, 0.5)?.index).toBe(0);
    expect(choroplethClass(scale, 1e9)?.index).toBe(4);
  });
  it('gives no-data colour to missing and zero', () => {
    expect(choroplethClass(scale, 0)).toBeNull();
    expect(choroplethColor(scale, null)).toBe(NO_DATA_COLOR);
    expect(choroplethColor(choroplethScale([]), 5)).toBe(NO_DATA_COLOR);
  });
});

describe('choroplethLegend', () => {
  it('labels each class with its range, then no data', () => {
    const scale = choroplethScale([1, 2, 3, 3, 10, 0]);
    const legend = choroplethLegend(scale, (n) => `#${n}`, 'none');
    expect(legend.map((e) => e.label)).toEqual(['#1', '#2', '#3', '#10', 'none']);
    expect(legend.at(-1)).toMatchObject({ key: 'no-data', color: NO_DATA_COLOR, count: 1 });
  });
  it('writes a range when a class holds several values', () => {
    const scale = choroplethScale([1, 2, 3, 4], { classes: 2 });
    expect(choroplethLegend(scale, String, 'none').map((e) => e.label)).toEqual(['1 – 2', '3 – 4']);
  });
  it('adds no data only when asked or needed', () => {
    const scale = choroplethScale([1, 2]);
    expect(choroplethLegend(scale, String, 'none').map((e) => e.key)).toEqual(['class-0', 'class-1']);
    expect(choroplethLegend(scale, String, 'none', { alwaysNoData: true }).at(-1)?.key).toBe('no-data');
    expect(choroplethLegend(choroplethScale([]), String, 'none').map((e) => e.key)).toEqual(['no-data']);
  });
});
