/**
 * Choropleth classes and colours (pure: no React, no Leaflet, no zod — the browser imports this).
 *
 * - Values arrive as counts (numbers) or USD amounts (the API's decimal strings). They are turned into
 *   numbers here only to *classify* them; labels of exact amounts come from the API's strings elsewhere.
 * - A value that is missing, not a number, zero or negative is "no data": it gets no class and the
 *   neutral `NO_DATA_COLOR`, so a region without projects never looks like the lowest class.
 * - Breaks are computed over the positive values only. Few values, ties and a single value are handled:
 *   there are never more classes than distinct values, and no class is empty.
 * - Each class's `min`/`max` are the smallest and largest values *in the data* that fall in it, so a legend
 *   reads "3–5" for what the map shows. A value between two classes (not in the data the breaks came
 *   from) falls in the higher one; one above the top class in the top class.
 * - The palette is ColorBrewer's YlGnBu (sequential, colour-blind safe, prints in grey scale as a ramp),
 *   without its near-white first step so the lowest class stays distinct from "no data".
 */

/** Light → dark. ColorBrewer YlGnBu (6 classes) without the first colour. */
export const CHOROPLETH_COLORS = ['#c7e9b4', '#7fcdbb', '#41b6c4', '#2c7fb8', '#253494'] as const;
/** Regions without a value (no projects, no amount). */
export const NO_DATA_COLOR = '#f1f3f5';
export const MAX_CLASSES = CHOROPLETH_COLORS.length;

export type ChoroplethMethod = 'quantile' | 'jenks';
/** A count, a decimal string (`"1234.50"`), or nothing. */
export type ChoroplethInput = number | string | null | undefined;

export type ChoroplethClass = {
  /** 0 = lightest. */
  index: number;
  /** Smallest and largest value in the data that fall in this class. */
  min: number;
  max: number;
  color: string;
  /** How many of the classified values fall in it. */
  count: number;
};

export type ChoroplethScale = {
  classes: ChoroplethClass[];
  noDataColor: string;
  /** Values without a class (missing, zero or negative). */
  noDataCount: number;
};

const DECIMAL = /^\s*-?\d+(\.\d+)?\s*$/;

/** The number to classify, or null for "no data" (missing, not a decimal, zero or negative). */
export function choroplethNumber(value: ChoroplethInput): number | null {
  if (value === null || value === undefined) return null;
  const n = typeof value === 'number' ? value : DECIMAL.test(value) ? Number(value) : Number.NaN;
  return Number.isFinite(n) && n > 0 ? n : null;
}

/** `count` colours from the palette, spread from light to dark (one class: the middle colour). */
export function paletteFor(count: number): string[] {
  const k = Math.max(0, Math.min(MAX_CLASSES, Math.floor(count)));
  if (k === 0) return [];
  if (k === 1) return [CHOROPLETH_COLORS[2]];
  const last = MAX_CLASSES - 1;
  return Array.from({ length: k }, (_, i) => CHOROPLETH_COLORS[Math.round((i * last) / (k - 1))] ?? '');
}

/**
 * Upper bounds (data values, ascending, distinct) of quantile classes over sorted values. A class always
 * takes all the values tied with its upper bound, and the classes left share out what remains — so ties
 * (many regions with one project) do not swallow the classes above them.
 */
export function quantileBreaks(sorted: readonly number[], classes: number): number[] {
  const n = sorted.length;
  const uppers: number[] = [];
  let start = 0;
  for (let left = classes; left > 0 && start < n; left--) {
    const upper = sorted[start + Math.ceil((n - start) / left) - 1];
    if (upper === undefined) break;
    uppers.push(upper);
    while (start < n && (sorted[start] ?? 0) <= upper) start++;
  }
  return uppers;
}

/**
 * Upper bounds of Fisher–Jenks natural breaks over sorted values (the exact dynamic programme: minimum
 * within-class sum of squares). O(classes · n²): meant for regions and countries (a few hundred values).
 */
export function jenksBreaks(sorted: readonly number[], classes: number): number[] {
  const n = sorted.length;
  const distinct = new Set(sorted).size;
  const k = Math.min(classes, distinct);
  if (n === 0 || k === 0) return [];
  if (k === distinct) return [...new Set(sorted)];
  // lowerClassLimits[i][j]: 1-based index of the first value of the last class when the first i values
  // are put in j classes; variance[i][j] the matching sum of squared deviations.
  const lower: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(k + 1).fill(0));
  const cost: number[][] = Array.from({ length: n + 1 }, () =>
    new Array<number>(k + 1).fill(Number.POSITIVE_INFINITY),
  );
  for (let j = 1; j <= k; j++) {
    const first = lower[1];
    const firstCost = cost[1];
    if (first) first[j] = 1;
    if (firstCost) firstCost[j] = 0;
  }
  for (let i = 2; i <= n; i++) {
    let sum = 0;
    let sumSquares = 0;
    let w = 0;
    let ssd = 0;
    for (let m = 1; m <= i; m++) {
      const lowerIndex = i - m + 1; // 1-based index of the candidate class's first value
      const value = sorted[lowerIndex - 1] ?? 0;
      w++;
      sum += value;
      sumSquares += value * value;
      ssd = sumSquares - (sum * sum) / w;
      const before = lowerIndex - 1;
      if (before === 0) continue;
      for (let j = 2; j <= k; j++) {
        const candidate = ssd + (cost[before]?.[j - 1] ?? Number.POSITIVE_INFINITY);
        const row = cost[i];
        const lowerRow = lower[i];
        if (row && lowerRow && candidate <= (row[j] ?? Number.POSITIVE_INFINITY)) {
          lowerRow[j] = lowerIndex;
          row[j] = candidate;
        }
      }
    }
    const lowerRow = lower[i];
    const row = cost[i];
    if (lowerRow && row) {
      lowerRow[1] = 1;
      row[1] = ssd;
    }
  }
  const uppers: number[] = [];
  let end = n;
  for (let j = k; j >= 1; j--) {
    uppers.unshift(sorted[end - 1] ?? 0);
    end = (lower[end]?.[j] ?? 1) - 1;
  }
  // Ties can make two classes end on the same value: keep each bound once.
  return uppers.filter((u, i) => i === 0 || u > (uppers[i - 1] ?? 0));
}

// The exact Jenks programme is quadratic: above this many values, quantiles answer instead.
const JENKS_MAX_VALUES = 2000;

/**
 * Classes for the values: up to `classes` (1–5, default 5) by `quantile` (default: an equal share of the
 * features per class, robust to skewed money) or `jenks` (natural breaks).
 */
export function choroplethScale(
  values: Iterable<ChoroplethInput>,
  options: { classes?: number; method?: ChoroplethMethod } = {},
): ChoroplethScale {
  const wanted = Math.max(1, Math.min(MAX_CLASSES, Math.floor(options.classes ?? MAX_CLASSES)));
  const sorted: number[] = [];
  let noDataCount = 0;
  for (const value of values) {
    const n = choroplethNumber(value);
    if (n === null) noDataCount++;
    else sorted.push(n);
  }
  sorted.sort((a, b) => a - b);
  const uppers =
    options.method === 'jenks' && sorted.length <= JENKS_MAX_VALUES
      ? jenksBreaks(sorted, wanted)
      : quantileBreaks(sorted, wanted);
  const colors = paletteFor(uppers.length);
  const classes: ChoroplethClass[] = [];
  let start = 0;
  uppers.forEach((upper, index) => {
    let end = start;
    while (end < sorted.length && (sorted[end] ?? 0) <= upper) end++;
    classes.push({
      index,
      min: sorted[start] ?? upper,
      max: upper,
      color: colors[index] ?? NO_DATA_COLOR,
      count: end - start,
    });
    start = end;
  });
  return { classes, noDataColor: NO_DATA_COLOR, noDataCount };
}

/** The class a value falls in, or null for "no data". */
export function choroplethClass(scale: ChoroplethScale, value: ChoroplethInput): ChoroplethClass | null {
  const n = choroplethNumber(value);
  if (n === null || scale.classes.length === 0) return null;
  return scale.classes.find((c) => n <= c.max) ?? scale.classes[scale.classes.length - 1] ?? null;
}

/** The fill colour for a value (value → class → colour). */
export function choroplethColor(scale: ChoroplethScale, value: ChoroplethInput): string {
  return choroplethClass(scale, value)?.color ?? scale.noDataColor;
}

export type ChoroplethLegendEntry = {
  /** `class-0` … or `no-data`. */
  key: string;
  color: string;
  /** "1–3", "$1.2M – $5M", or the value alone when a class holds one value. */
  label: string;
  min: number | null;
  max: number | null;
  count: number;
};

/**
 * Legend rows, lightest first, then "no data" (only when some values have none, or always with
 * `alwaysNoData`). `format` writes one number in the UI language (a count, or compact USD).
 */
export function choroplethLegend(
  scale: ChoroplethScale,
  format: (value: number) => string,
  noDataLabel: string,
  options: { alwaysNoData?: boolean } = {},
): ChoroplethLegendEntry[] {
  const entries: ChoroplethLegendEntry[] = scale.classes.map((c) => {
    const low = format(c.min);
    const high = format(c.max);
    return {
      key: `class-${c.index}`,
      color: c.color,
      label: low === high ? high : `${low} – ${high}`,
      min: c.min,
      max: c.max,
      count: c.count,
    };
  });
  if (scale.noDataCount > 0 || options.alwaysNoData || entries.length === 0)
    entries.push({
      key: 'no-data',
      color: scale.noDataColor,
      label: noDataLabel,
      min: null,
      max: null,
      count: scale.noDataCount,
    });
  return entries;
}
