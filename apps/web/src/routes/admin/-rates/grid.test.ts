import { describe, expect, it } from 'vitest';
import { rateGrid, rateOverview } from './grid.ts';

const row = (currency: string, year: number) => ({ currency, year, perUsd: '1' });

describe('rateGrid', () => {
  it('lists every covered year of each currency, newest first, with gaps as null', () => {
    const grid = rateGrid([row('TMT', 2010), row('AZN', 2019), row('TMT', 2012)], { from: 2010, to: 2012 });
    expect(grid.map((g) => g.currency)).toEqual(['AZN', 'TMT']);
    expect(grid[1]?.years.map((c) => [c.year, c.rate !== null])).toEqual([
      [2012, true],
      [2011, false],
      [2010, true],
    ]);
    // A rate outside the covered years widens that currency's span, gaps included.
    expect(grid[0]?.years.map((c) => c.year)).toEqual([
      2019, 2018, 2017, 2016, 2015, 2014, 2013, 2012, 2011, 2010,
    ]);
    expect(grid[0]?.years.filter((c) => c.rate !== null).map((c) => c.year)).toEqual([2019]);
  });

  it('filters by currency, and shows a currency without any rate as all gaps', () => {
    const grid = rateGrid([row('TMT', 2010), row('AZN', 2011)], { from: 2010, to: 2011 }, 'KZT');
    expect(grid).toEqual([
      {
        currency: 'KZT',
        years: [
          { year: 2011, rate: null },
          { year: 2010, rate: null },
        ],
      },
    ]);
    expect(rateGrid([], null)).toEqual([]);
  });
});

describe('rateOverview', () => {
  it('sums each currency up: years covered, the latest rate, how many years have none', () => {
    const rows = [
      { currency: 'UZS', year: 2019, perUsd: '8836.79' },
      { currency: 'UZS', year: 2017, perUsd: '5120.9' },
      { currency: 'AZN', year: 2018, perUsd: '1.7' },
    ];
    expect(rateOverview(rateGrid(rows, { from: 2016, to: 2020 }))).toEqual([
      {
        currency: 'AZN',
        from: 2016,
        to: 2020,
        latest: { year: 2018, rate: rows[2] },
        rates: 1,
        missing: 4,
      },
      {
        currency: 'UZS',
        from: 2016,
        to: 2020,
        latest: { year: 2019, rate: rows[0] },
        rates: 2,
        missing: 3,
      },
    ]);
    expect(rateOverview([])).toEqual([]);
  });
});
