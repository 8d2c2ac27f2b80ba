import { describe, expect, it } from 'vitest';
import {
  addDecimal,
  type ChartRow,
  type FlowAmount,
  flowTotals,
  fundingByCountry,
  fundingByFunder,
  fundingBySector,
  fundingByYear,
  fundingCharts,
  type SummaryForCharts,
  selectionFilter,
  seriesOf,
} from './charts.ts';

const amount = (
  flow: string,
  usd: string | null,
  priceBasis = 'nominal',
  rowsWithoutUsd = 0,
): FlowAmount => ({
  flow,
  priceBasis,
  usd,
  rows: 1 + rowsWithoutUsd,
  rowsWithoutUsd,
});
const year = (y: number | null, flow: string, usd: string | null, basis?: string) => ({
  year: y,
  ...amount(flow, usd, basis),
});
const country = (code: string | null, flow: string, usd: string | null, basis?: string) => ({
  country: code,
  ...amount(flow, usd, basis),
});

/** Sum of one series over rows, exactly. */
const seriesSum = (rows: readonly ChartRow<unknown>[], key: string) =>
  rows.reduce<string>((sum, row) => addDecimal(sum, row.amounts[key] ?? '0'), '0');

describe('addDecimal', () => {
  it('adds decimal strings exactly', () => {
    expect(addDecimal('0.1', '0.2')).toBe('0.3');
    expect(addDecimal('12345678901234567.89', '0.11')).toBe('12345678901234568.00');
    expect(addDecimal('1', '2.5')).toBe('3.5');
    expect(addDecimal('-1.25', '1')).toBe('-0.25');
    expect(addDecimal('-3', '1.5')).toBe('-1.5');
    expect(addDecimal('0', '0')).toBe('0');
  });
  it('refuses what is not a decimal', () => {
    expect(() => addDecimal('1e3', '1')).toThrow(/Not a decimal/);
  });
});

describe('seriesOf', () => {
  it('has a nominal series per chart flow, and a separate series per other price basis', () => {
    const series = seriesOf([
      amount('commitment', '5', 'constant-2021'),
      amount('commitment', '1'),
      amount('expenditure', '9'),
    ]);
    expect(series.map((s) => s.key)).toEqual([
      'pledge:nominal',
      'commitment:nominal',
      'commitment:constant-2021',
      'disbursement:nominal',
    ]);
    expect(series.filter((s) => s.hasData).map((s) => s.key)).toEqual([
      'commitment:nominal',
      'commitment:constant-2021',
    ]);
  });
});

describe('fundingByYear', () => {
  const entries = [
    year(2018, 'commitment', '100.50'),
    year(2018, 'disbursement', '40'),
    year(2018, 'pledge', '1000'),
    year(2021, 'commitment', '7'),
    year(2021, 'commitment', '300', 'constant-2021'),
    year(2021, 'expenditure', '55'),
    year(null, 'disbursement', '3'),
  ];

  it('keeps one series per flow: never summed, never stacked into one total', () => {
    const data = fundingByYear(entries);
    const y2018 = data.rows.find((r) => r.key === 2018);
    expect(y2018?.amounts).toEqual({
      'pledge:nominal': '1000',
      'commitment:nominal': '100.50',
      'commitment:constant-2021': null,
      'disbursement:nominal': '40',
    });
    // No row holds a total across flows: every value is one flow's own amount.
    for (const row of data.rows)
      for (const value of Object.values(row.amounts))
        expect(['1000', '100.50', '40', '7', '300', null]).toContain(value);
    expect(data.series.map((s) => s.flow)).toEqual(['pledge', 'commitment', 'commitment', 'disbursement']);
  });

  it('keeps constant-price amounts in their own series, apart from nominal ones of the same flow', () => {
    const y2021 = fundingByYear(entries).rows.find((r) => r.key === 2021);
    expect(y2021?.amounts['commitment:nominal']).toBe('7');
    expect(y2021?.amounts['commitment:constant-2021']).toBe('300');
  });

  it('lists every year from the first to the last, a year without data as null in every series', () => {
    const data = fundingByYear(entries);
    expect(data.rows.map((r) => r.key)).toEqual([2018, 2019, 2020, 2021]);
    for (const gap of data.rows.filter((r) => r.key === 2019 || r.key === 2020)) {
      expect(Object.keys(gap.amounts).sort()).toEqual(data.series.map((s) => s.key).sort());
      expect(Object.values(gap.amounts).every((v) => v === null)).toBe(true);
      expect(Object.values(gap.values).every((v) => v === null)).toBe(true);
    }
  });

  it('puts amounts without a value year apart, and leaves out flows the charts do not show', () => {
    const data = fundingByYear(entries);
    expect(data.undated?.amounts['disbursement:nominal']).toBe('3');
    expect(data.rows.some((r) => Object.keys(r.amounts).some((k) => k.startsWith('expenditure')))).toBe(
      false,
    );
  });

  it('keeps the exact strings and gives numbers only for plotting', () => {
    const y2018 = fundingByYear(entries).rows[0];
    expect(y2018?.amounts['commitment:nominal']).toBe('100.50');
    expect(y2018?.values['commitment:nominal']).toBe(100.5);
    expect(y2018?.values['commitment:constant-2021']).toBeNull();
  });

  it('counts funding rows without a USD value, and keeps their sums null rather than zero', () => {
    const data = fundingByYear([
      { year: 2019, ...amount('commitment', null, 'nominal', 2) },
      { year: 2019, ...amount('expenditure', null, 'nominal', 5) },
    ]);
    expect(data.rowsWithoutUsd).toBe(2);
    expect(data.rows[0]?.amounts['commitment:nominal']).toBeNull();
    expect(data.series.find((s) => s.key === 'commitment:nominal')?.hasData).toBe(false);
  });

  it('handles empty input', () => {
    expect(fundingByYear([])).toEqual({
      series: [
        { key: 'pledge:nominal', flow: 'pledge', priceBasis: 'nominal', hasData: false },
        { key: 'commitment:nominal', flow: 'commitment', priceBasis: 'nominal', hasData: false },
        { key: 'disbursement:nominal', flow: 'disbursement', priceBasis: 'nominal', hasData: false },
      ],
      rows: [],
      undated: null,
      rowsWithoutUsd: 0,
    });
  });
});

describe('top 10 + other', () => {
  // 14 countries with a commitment each (1..14 million), some with disbursements and constant amounts.
  const codes = ['AZ', 'TJ', 'TM', 'UZ', 'KG', 'KZ', 'AF', 'CN', 'RU', 'TR', 'IR', 'PK', 'IN', 'GE'];
  const entries = codes.flatMap((code, i) => [
    country(code, 'commitment', `${i + 1}000000.25`),
    country(code, 'disbursement', `${i + 1}00.10`),
    ...(i % 3 === 0 ? [country(code, 'commitment', `${i}.5`, 'constant-2021')] : []),
  ]);

  it('shows the four countries ranked and sums every other recipient, per series, to the same totals', () => {
    const data = fundingByCountry(entries);
    expect(data.rows.map((r) => (r.isOther ? 'other' : r.key))).toEqual(['UZ', 'TM', 'TJ', 'AZ', 'other']);
    const other = data.rows[4];
    expect(other?.otherCount).toBe(10);
    for (const s of data.series) {
      const all = entries
        .filter((e) => `${e.flow}:${e.priceBasis}` === s.key)
        .reduce((sum, e) => addDecimal(sum, e.usd ?? '0'), '0');
      expect(seriesSum(data.rows, s.key), s.key).toBe(all);
    }
    expect(other?.amounts['commitment:nominal']).toBe('95000002.50'); // 5+…+14 million + 10 × 0.25
    expect(other?.values['commitment:nominal']).toBe(95000002.5);
  });

  it('keeps the ten largest of other dimensions and sums the rest', () => {
    const sectors = codes.map((_, i) => ({ sector: `${11110 + i}`, ...amount('commitment', String(i + 1)) }));
    const data = fundingBySector(sectors);
    expect(data.rows).toHaveLength(11);
    expect(data.rows[10]).toMatchObject({ isOther: true, otherCount: 4 });
    expect(data.rows[10]?.amounts['commitment:nominal']).toBe('10'); // 1+2+3+4
  });

  it('ranks by the largest single amount, never by flows added together', () => {
    const data = fundingByCountry(
      [
        // AZ: three flows of 6 each (18 if added); TJ: one commitment of 10.
        country('AZ', 'pledge', '6'),
        country('AZ', 'commitment', '6'),
        country('AZ', 'disbursement', '6'),
        country('TJ', 'commitment', '10'),
        country('UZ', 'commitment', '1'),
        country('TM', 'commitment', '0.5'),
      ],
      2,
    );
    expect(data.rows.map((r) => (r.isOther ? 'other' : r.key))).toEqual(['TJ', 'AZ', 'other']);
  });

  it('shows a single left-over category itself, not as "other (1)"', () => {
    const data = fundingByCountry(entries.filter((e) => codes.indexOf(e.country ?? '') < 5));
    expect(data.rows.map((r) => r.key)).toEqual(['UZ', 'TM', 'TJ', 'AZ', 'KG']);
    expect(data.rows.some((r) => r.isOther)).toBe(false);
  });

  it('keeps a category without a recorded value (key null) as its own row', () => {
    const data = fundingBySector([
      { sector: null, ...amount('commitment', '5') },
      { sector: '14010', ...amount('commitment', '3') },
    ]);
    expect(data.rows.map((r) => r.key)).toEqual([null, '14010']);
    expect(data.rows[0]?.isOther).toBe(false);
  });

  it('labels funders with their names and keeps price bases apart in "other"', () => {
    const funders = Array.from({ length: 12 }, (_, i) => ({
      funderId: `f${String(i).padStart(2, '0')}`,
      funderName: `Funder ${i}`,
      ...amount('commitment', String(100 - i), i >= 10 ? 'constant-2021' : 'nominal'),
    }));
    const data = fundingByFunder(funders);
    expect(data.rows[0]).toMatchObject({ key: 'f00', label: 'Funder 0' });
    const other = data.rows.find((r) => r.isOther);
    expect(other?.amounts).toEqual({
      'pledge:nominal': null,
      'commitment:nominal': null,
      'commitment:constant-2021': '179', // 90 + 89: constant amounts summed only with constant amounts
      'disbursement:nominal': null,
    });
  });

  it('handles empty input', () => {
    expect(fundingByCountry([]).rows).toEqual([]);
    expect(fundingByFunder([]).rows).toEqual([]);
  });
});

describe('fundingCharts', () => {
  it('shapes all four charts from one summary, and an empty summary to empty charts', () => {
    const empty: SummaryForCharts = { totals: [], byYear: [], byCountry: [], bySector: [], byFunder: [] };
    const charts = fundingCharts(empty);
    expect(charts.byYear.rows).toEqual([]);
    expect(charts.byCountry.rows).toEqual([]);
    expect(charts.bySector.rows).toEqual([]);
    expect(charts.byFunder.rows).toEqual([]);
    expect(charts.byCountry.series.every((s) => !s.hasData)).toBe(true);
  });
});

describe('flowTotals', () => {
  it('gives pledged, committed and disbursed apart, constant-price sums beside the nominal one', () => {
    const totals = flowTotals([
      amount('commitment', '1364313744.71'),
      amount('commitment', '16369644084.89', 'constant-2021'),
      amount('disbursement', '668377267.13', 'nominal', 2),
      amount('expenditure', '55419371.10'),
    ]);
    expect(totals.map((t) => t.flow)).toEqual(['pledge', 'commitment', 'disbursement']);
    expect(totals[0]).toEqual({ flow: 'pledge', nominal: null, constant: [], rows: 0, rowsWithoutUsd: 0 });
    expect(totals[1]).toMatchObject({
      nominal: '1364313744.71',
      constant: [{ priceBasis: 'constant-2021', usd: '16369644084.89' }],
    });
    expect(totals[2]).toMatchObject({ nominal: '668377267.13', rows: 3, rowsWithoutUsd: 2 });
  });
});

describe('selectionFilter', () => {
  it('drills down to the clicked value', () => {
    expect(selectionFilter('country', 'TJ')).toEqual({ countries: ['TJ'] });
    expect(selectionFilter('sector', '14010')).toEqual({ sectors: ['14010'] });
    expect(selectionFilter('funder', 'f1')).toEqual({ funders: ['f1'] });
    expect(selectionFilter('year', 2018)).toEqual({ yearFrom: 2018, yearTo: 2018 });
  });
});
