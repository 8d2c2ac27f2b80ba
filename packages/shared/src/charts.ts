import { FOCUS_COUNTRIES, NOMINAL } from './codes.ts';
import type { ProjectFilter } from './filter.ts';

/**
 * Chart series from `stats.summary` (pure: no React, no Recharts, no zod — the browser imports this).
 *
 * - One series per flow and price basis. Flows are never added together, and a constant-price amount
 *   (AidData's constant 2021 USD) is never added to a nominal one: `commitment:constant-2021` is its own
 *   series beside `commitment:nominal`, drawn side by side and never stacked.
 * - Amounts stay the API's exact decimal strings (`amounts`), for tables and tooltips; `values` holds the
 *   same amounts as numbers, for plotting only. `null` means "no amount" (no funding row, or no USD value),
 *   which is not the same as a sum of zero.
 * - Years run without holes from the first to the last year with data: a year without data is a row whose
 *   cells are all `null` (a gap in the chart, "—" in the table), never a missing row.
 * - Categories (country, sector, funder) are ranked by their largest single amount — no flows are added
 *   to rank them — and those past the top `limit` are summed per series into one "other" row.
 */

/** The flows the charts show, in legend order. Spending and incoming flows are the implementer's view. */
export const CHART_FLOWS = ['pledge', 'commitment', 'disbursement'] as const;
export type ChartFlow = (typeof CHART_FLOWS)[number];
const isChartFlow = (flow: string): flow is ChartFlow => (CHART_FLOWS as readonly string[]).includes(flow);

/** One `{ flow, priceBasis }` sum of stats.summary. */
export type FlowAmount = {
  flow: string;
  priceBasis: string;
  usd: string | null;
  rows: number;
  rowsWithoutUsd: number;
};

/** What the charts read of `stats.summary`'s output (the API's type is assignable to it). */
export type SummaryForCharts = {
  totals: readonly FlowAmount[];
  byYear: readonly (FlowAmount & { year: number | null })[];
  byCountry: readonly (FlowAmount & { country: string | null })[];
  bySector: readonly (FlowAmount & { sector: string | null })[];
  byFunder: readonly (FlowAmount & { funderId: string | null; funderName: string | null })[];
};

export type ChartSeries = {
  /** `flow:priceBasis`, e.g. `commitment:nominal`, `commitment:constant-2021`. */
  key: string;
  flow: ChartFlow;
  priceBasis: string;
  /** At least one amount in this series (a chart may leave out a series without any). */
  hasData: boolean;
};

export type ChartRow<K> = {
  /** Year, country code, sector code or funder id; `null` when the funding row has none recorded. */
  key: K | null;
  /** The funder's name (other dimensions are labelled from code lists in the UI). */
  label: string | null;
  /** The row that sums every category past the top ones. */
  isOther: boolean;
  /** How many categories the "other" row holds (0 for a normal row). */
  otherCount: number;
  /** Exact USD decimal strings by series key; `null` = no amount. */
  amounts: Record<string, string | null>;
  /** The same amounts as numbers, for plotting only. */
  values: Record<string, number | null>;
};

export type ChartData<K> = {
  series: ChartSeries[];
  rows: ChartRow<K>[];
  /**
   * Funding rows of the charted flows without a USD value (no known rate): in no amount here. By country
   * and sector a row split among several groups counts once per group; by year each row counts once.
   */
  rowsWithoutUsd: number;
};

export type YearChartData = ChartData<number> & {
  /** Amounts whose funding rows have no value year: not on the time axis, listed apart. */
  undated: ChartRow<number> | null;
};

export const seriesKey = (flow: string, priceBasis: string): string => `${flow}:${priceBasis}`;

// ---- exact decimal sums -------------------------------------------------------------------------

const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

function parseDecimal(value: string): { units: bigint; scale: number } {
  const match = DECIMAL.exec(value.trim());
  if (!match) throw new Error(`Not a decimal amount: ${value}`);
  const fraction = match[3] ?? '';
  const units = BigInt(`${match[2]}${fraction}`);
  return { units: match[1] ? -units : units, scale: fraction.length };
}

/** `a + b` of two decimal strings, exactly (no float on the way): `addDecimal('0.1', '0.2')` is `'0.3'`. */
export function addDecimal(a: string, b: string): string {
  const x = parseDecimal(a);
  const y = parseDecimal(b);
  const scale = Math.max(x.scale, y.scale);
  const sum = x.units * 10n ** BigInt(scale - x.scale) + y.units * 10n ** BigInt(scale - y.scale);
  const negative = sum < 0n;
  const digits = (negative ? -sum : sum).toString().padStart(scale + 1, '0');
  const whole = digits.slice(0, digits.length - scale);
  const text = scale === 0 ? whole : `${whole}.${digits.slice(digits.length - scale)}`;
  return negative ? `-${text}` : text;
}

/** Sum of amounts where `null` is "none": `null` only when every part is `null`. */
const addAmounts = (a: string | null, b: string | null): string | null =>
  a === null ? b : b === null ? a : addDecimal(a, b);

// ---- series and rows ----------------------------------------------------------------------------

function basisOrder(a: string, b: string): number {
  if (a === b) return 0;
  if (a === NOMINAL) return -1;
  if (b === NOMINAL) return 1;
  return a.localeCompare(b);
}

/** The nominal series of every chart flow, plus one per other price basis present, in legend order. */
export function seriesOf(entries: readonly FlowAmount[]): ChartSeries[] {
  const bases = new Map<ChartFlow, Set<string>>(CHART_FLOWS.map((flow) => [flow, new Set([NOMINAL])]));
  const withData = new Set<string>();
  for (const entry of entries) {
    if (!isChartFlow(entry.flow)) continue;
    bases.get(entry.flow)?.add(entry.priceBasis);
    if (entry.usd !== null) withData.add(seriesKey(entry.flow, entry.priceBasis));
  }
  return CHART_FLOWS.flatMap((flow) =>
    [...(bases.get(flow) ?? [])].sort(basisOrder).map((priceBasis) => {
      const key = seriesKey(flow, priceBasis);
      return { key, flow, priceBasis, hasData: withData.has(key) };
    }),
  );
}

function emptyRow<K>(key: K | null, series: readonly ChartSeries[]): ChartRow<K> {
  const amounts: Record<string, string | null> = {};
  for (const s of series) amounts[s.key] = null;
  return { key, label: null, isOther: false, otherCount: 0, amounts, values: {} };
}

/** Fills `values` from `amounts` (the one place amounts become numbers). */
function withValues<K>(row: ChartRow<K>): ChartRow<K> {
  const values: Record<string, number | null> = {};
  for (const [key, amount] of Object.entries(row.amounts))
    values[key] = amount === null ? null : Number(amount);
  return { ...row, values };
}

/** Rows by key, in first-seen order, each summing its entries per series. */
function rowsByKey<K, E extends FlowAmount>(
  entries: readonly E[],
  series: readonly ChartSeries[],
  keyOf: (entry: E) => K | null,
  labelOf: (entry: E) => string | null = () => null,
): Map<K | null, ChartRow<K>> {
  const rows = new Map<K | null, ChartRow<K>>();
  for (const entry of entries) {
    if (!isChartFlow(entry.flow)) continue;
    const key = keyOf(entry);
    let row = rows.get(key);
    if (!row) {
      row = emptyRow(key, series);
      rows.set(key, row);
    }
    row.label ??= labelOf(entry);
    const sk = seriesKey(entry.flow, entry.priceBasis);
    row.amounts[sk] = addAmounts(row.amounts[sk] ?? null, entry.usd);
  }
  return rows;
}

const withoutUsd = (entries: readonly FlowAmount[]): number =>
  entries.reduce((sum, e) => sum + (isChartFlow(e.flow) ? e.rowsWithoutUsd : 0), 0);

/** Funding by value year: every year from the first to the last with data, one series per flow and basis. */
export function fundingByYear(entries: SummaryForCharts['byYear']): YearChartData {
  const series = seriesOf(entries);
  const byYear = rowsByKey(entries, series, (e) => e.year);
  const years = [...byYear.keys()].filter((year): year is number => year !== null);
  const rows: ChartRow<number>[] = [];
  if (years.length > 0) {
    const first = Math.min(...years);
    const last = Math.max(...years);
    for (let year = first; year <= last; year++)
      rows.push(withValues(byYear.get(year) ?? emptyRow(year, series)));
  }
  const undated = byYear.get(null);
  return { series, rows, undated: undated ? withValues(undated) : null, rowsWithoutUsd: withoutUsd(entries) };
}

/** The largest single amount of a row (flows are compared, never added); `-Infinity` when it has none. */
function largest(row: ChartRow<unknown>): number {
  let max = Number.NEGATIVE_INFINITY;
  for (const amount of Object.values(row.amounts)) if (amount !== null) max = Math.max(max, Number(amount));
  return max;
}

export const TOP_CATEGORIES = 10;

/**
 * The top `limit` categories by their largest amount (ties by key), and one "other" row summing the rest
 * per series. When only one category is left over it is shown itself rather than as "other (1)".
 */
export function topCategories<K extends string>(
  rows: readonly ChartRow<K>[],
  series: readonly ChartSeries[],
  limit = TOP_CATEGORIES,
): ChartRow<K>[] {
  const ranked = [...rows].sort(
    (a, b) => largest(b) - largest(a) || String(a.key ?? '\uffff').localeCompare(String(b.key ?? '\uffff')),
  );
  if (ranked.length <= limit + 1) return ranked.map(withValues);
  const rest = ranked.slice(limit);
  const other = emptyRow<K>(null, series);
  other.isOther = true;
  other.otherCount = rest.length;
  for (const row of rest)
    for (const s of series)
      other.amounts[s.key] = addAmounts(other.amounts[s.key] ?? null, row.amounts[s.key] ?? null);
  return [...ranked.slice(0, limit), other].map(withValues);
}

function byCategory<K extends string, E extends FlowAmount>(
  entries: readonly E[],
  keyOf: (entry: E) => K | null,
  labelOf?: (entry: E) => string | null,
  limit = TOP_CATEGORIES,
): ChartData<K> {
  const series = seriesOf(entries);
  const rows = [...rowsByKey(entries, series, keyOf, labelOf).values()];
  return { series, rows: topCategories(rows, series, limit), rowsWithoutUsd: withoutUsd(entries) };
}

const isFocusCountry = (code: string | null) => FOCUS_COUNTRIES.some((c) => c === code);

/**
 * Funding by recipient country (amounts split by the API's rule): the four countries the tracker is about,
 * ranked, then every other recipient of multi-country activities in one "other" row — a top-10 of all
 * recipients would rank countries out of scope above the ones the reader came for.
 */
export function fundingByCountry(
  entries: SummaryForCharts['byCountry'],
  limit = TOP_CATEGORIES,
): ChartData<string> {
  const series = seriesOf(entries);
  const rows = [...rowsByKey(entries, series, (e) => e.country).values()];
  const focus = rows.filter((r) => isFocusCountry(r.key));
  const rest = rows.filter((r) => !isFocusCountry(r.key));
  return {
    series,
    rows: [...topCategories(focus, series, limit), ...topCategories(rest, series, 0)],
    rowsWithoutUsd: withoutUsd(entries),
  };
}

/** Funding by sector (amounts split by the API's rule), top `limit` + other. */
export const fundingBySector = (entries: SummaryForCharts['bySector'], limit = TOP_CATEGORIES) =>
  byCategory(entries, (e) => e.sector, undefined, limit);

/** Funding by the funder of the funding row, with its name, top `limit` + other. */
export const fundingByFunder = (entries: SummaryForCharts['byFunder'], limit = TOP_CATEGORIES) =>
  byCategory(
    entries,
    (e) => e.funderId,
    (e) => e.funderName,
    limit,
  );

/** All four charts from one summary. */
export function fundingCharts(summary: SummaryForCharts) {
  return {
    byYear: fundingByYear(summary.byYear),
    byCountry: fundingByCountry(summary.byCountry),
    bySector: fundingBySector(summary.bySector),
    byFunder: fundingByFunder(summary.byFunder),
  };
}
export type FundingChartsData = ReturnType<typeof fundingCharts>;

// ---- key figures --------------------------------------------------------------------------------

export type FlowTotal = {
  flow: ChartFlow;
  /** USD of the day; `null` when there is none. */
  nominal: string | null;
  /** Constant-price sums, one per basis: shown beside the nominal sum, never added to it. */
  constant: { priceBasis: string; usd: string }[];
  rows: number;
  rowsWithoutUsd: number;
};

/** Pledged, committed and disbursed totals (in `CHART_FLOWS` order), each with its price bases apart. */
export function flowTotals(totals: readonly FlowAmount[]): FlowTotal[] {
  return CHART_FLOWS.map((flow) => {
    const ofFlow = totals.filter((t) => t.flow === flow);
    let nominal: string | null = null;
    const constant = new Map<string, string>();
    for (const t of ofFlow) {
      if (t.usd === null) continue;
      if (t.priceBasis === NOMINAL) nominal = addAmounts(nominal, t.usd);
      else constant.set(t.priceBasis, addAmounts(constant.get(t.priceBasis) ?? null, t.usd) ?? t.usd);
    }
    return {
      flow,
      nominal,
      constant: [...constant]
        .sort(([a], [b]) => basisOrder(a, b))
        .map(([priceBasis, usd]) => ({ priceBasis, usd })),
      rows: ofFlow.reduce((sum, t) => sum + t.rows, 0),
      rowsWithoutUsd: ofFlow.reduce((sum, t) => sum + t.rowsWithoutUsd, 0),
    };
  });
}

// ---- clicking a bar -----------------------------------------------------------------------------

export type ChartDimension = 'year' | 'country' | 'sector' | 'funder';

/**
 * The filter change for a clicked bar: drill down to that value (it replaces the field, the other fields
 * stay). A year selects projects active in that year (`yearFrom = yearTo`).
 */
export function selectionFilter(dimension: ChartDimension, key: string | number): Partial<ProjectFilter> {
  switch (dimension) {
    case 'year':
      return { yearFrom: Number(key), yearTo: Number(key) };
    case 'country':
      return { countries: [String(key)] };
    case 'sector':
      return { sectors: [String(key)] };
    case 'funder':
      return { funders: [String(key)] };
  }
}
