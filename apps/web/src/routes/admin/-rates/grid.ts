/**
 * The rate table as the admin page shows it: for each currency, every year the table covers, with its
 * rate or a gap ("no rate") — a missing year is shown, never filled in from a neighbour.
 */
export type RateCell<R> = { year: number; rate: R | null };
export type CurrencyRows<R> = { currency: string; years: RateCell<R>[] };

export function rateGrid<R extends { currency: string; year: number }>(
  rows: readonly R[],
  covered: { from: number; to: number } | null,
  currency?: string | null,
): CurrencyRows<R>[] {
  const byCurrency = new Map<string, Map<number, R>>();
  if (currency) byCurrency.set(currency, new Map());
  for (const row of rows) {
    if (currency && row.currency !== currency) continue;
    let years = byCurrency.get(row.currency);
    if (!years) {
      years = new Map();
      byCurrency.set(row.currency, years);
    }
    years.set(row.year, row);
  }
  return [...byCurrency.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([code, years]) => {
      const own = [...years.keys()];
      const from = Math.min(covered?.from ?? Number.POSITIVE_INFINITY, ...own);
      const to = Math.max(covered?.to ?? Number.NEGATIVE_INFINITY, ...own);
      const cells: RateCell<R>[] = [];
      if (Number.isFinite(from) && Number.isFinite(to))
        for (let year = to; year >= from; year--) cells.push({ year, rate: years.get(year) ?? null });
      return { currency: code, years: cells };
    });
}

/** One currency in the overview (no currency chosen): the years covered, the latest rate, the gaps. */
export type CurrencySummary<R> = {
  currency: string;
  from: number | null;
  to: number | null;
  latest: RateCell<R> | null;
  rates: number;
  missing: number;
};

export function rateOverview<R>(grid: readonly CurrencyRows<R>[]): CurrencySummary<R>[] {
  return grid.map(({ currency, years }) => {
    // Newest first, as rateGrid lists them.
    const latest = years.find((y) => y.rate !== null) ?? null;
    const rates = years.filter((y) => y.rate !== null).length;
    return {
      currency,
      from: years.at(-1)?.year ?? null,
      to: years[0]?.year ?? null,
      latest,
      rates,
      missing: years.length - rates,
    };
  });
}
