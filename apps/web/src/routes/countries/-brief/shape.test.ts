import { readFileSync } from 'node:fs';
import type { SummaryForCharts } from '@srt/shared/charts';
import { describe, expect, it } from 'vitest';
import {
  BRIEF_FLOWS,
  briefCountry,
  briefFilter,
  briefRegions,
  briefTopTables,
  countryRegions,
  hasAmount,
  parseRegionShapes,
  regionNames,
  regionValues,
  shapeBounds,
  topRegions,
  withoutCountries,
} from './shape.ts';

const shippedText = readFileSync(
  new URL('../../../map/ne_10m_admin1_az_tj_tm_uz.geojson', import.meta.url),
  'utf8',
);
const shipped = parseRegionShapes(shippedText);

const square = (x0: number, y0: number, x1: number, y1: number) => [
  [x0, y0],
  [x1, y0],
  [x1, y1],
  [x0, y1],
  [x0, y0],
];

describe('briefCountry and the filter', () => {
  it('accepts the four countries in either case, nothing else', () => {
    expect(briefCountry('UZ')).toBe('UZ');
    expect(briefCountry('tj')).toBe('TJ');
    expect(briefCountry(' uz ')).toBe('UZ');
    for (const bad of ['KZ', 'CN', '', 'UZB', 'U']) expect(briefCountry(bad), bad).toBeNull();
  });

  it('fixes the country by the path and keeps the rest of the filter', () => {
    expect(briefFilter({ countries: ['TJ', 'AZ'], initiatives: ['bri'], yearFrom: 2015 }, 'UZ')).toEqual({
      countries: ['UZ'],
      initiatives: ['bri'],
      yearFrom: 2015,
    });
    expect(withoutCountries({ countries: ['TJ'], q: 'rail' })).toEqual({ q: 'rail' });
  });
});

describe('region shapes', () => {
  it('reads the shipped admin-1 shapes: 102 features of the four countries', () => {
    expect(shipped.features).toHaveLength(102);
    const byCountry = (c: string) => countryRegions(shipped, c).features.length;
    expect([byCountry('AZ'), byCountry('TJ'), byCountry('TM'), byCountry('UZ')]).toEqual([78, 5, 5, 14]);
  });

  it('drops features without a key or a polygon', () => {
    const text = JSON.stringify({
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { code_hasc: 'AA.X', iso_a2: 'AA', name: 'X' },
          geometry: { type: 'Polygon', coordinates: [square(0, 0, 1, 1)] },
        },
        {
          type: 'Feature',
          properties: { iso_a2: 'AA', name: 'no key' },
          geometry: { type: 'Polygon', coordinates: [square(0, 0, 1, 1)] },
        },
        {
          type: 'Feature',
          properties: { code_hasc: 'AA.P', iso_a2: 'AA' },
          geometry: { type: 'Point', coordinates: [0, 0] },
        },
        {
          type: 'Feature',
          properties: { code_hasc: 'AA.B', iso_a2: 'AA' },
          geometry: { type: 'Polygon', coordinates: [[[0, 'x']]] },
        },
        {
          type: 'Feature',
          properties: { code_hasc: 'AA.M', iso_a2: 'AA' },
          geometry: { type: 'MultiPolygon', coordinates: [[square(2, 2, 3, 3)]] },
        },
        null,
      ],
    });
    const parsed = parseRegionShapes(text);
    expect(parsed.features.map((f) => f.properties.code_hasc)).toEqual(['AA.X', 'AA.M']);
    expect(parsed.features[1]?.properties.name).toBe('AA.M'); // no name: the key
    expect(parseRegionShapes('{}').features).toEqual([]);
  });

  it('bounds the shapes of a country, with a margin', () => {
    const text = JSON.stringify({
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { code_hasc: 'AA.A', iso_a2: 'AA' },
          geometry: { type: 'Polygon', coordinates: [square(0, 0, 10, 5)] },
        },
        {
          type: 'Feature',
          properties: { code_hasc: 'AA.B', iso_a2: 'AA' },
          geometry: { type: 'MultiPolygon', coordinates: [[square(10, 0, 20, 10)]] },
        },
      ],
    });
    expect(shapeBounds(parseRegionShapes(text), 0.1)).toEqual([
      [-1, -2],
      [11, 22],
    ]);
    expect(shapeBounds(countryRegions(shipped, 'XX'))).toBeNull();
    const [[south, west], [north, east]] = shapeBounds(countryRegions(shipped, 'UZ')) ?? [
      [0, 0],
      [0, 0],
    ];
    // Uzbekistan spans about 56–73.2° E and 37.2–45.6° N.
    expect(west).toBeGreaterThan(55);
    expect(east).toBeLessThan(74);
    expect(south).toBeGreaterThan(37);
    expect(north).toBeLessThan(46);
  });

  it('names regions by their current names, in the UI language, and joins shapes sharing a key', () => {
    const en = regionNames(shipped, 'en');
    const ru = regionNames(shipped, 'ru');
    expect(en.get('TJ.LE')).toBe('Sughd (Leninabad)');
    expect(ru.get('UZ.TK')).toBe('г. Ташкент');
    expect(en.get('UZ.TK')).not.toBe(en.get('UZ.TA'));
    expect(en.get('AZ.SU')).toBe('Lankaran / Şuşa');
    expect(ru.get('AZ.GA')).toBe('Gəncə');
    // Every region of the three Central Asian countries has a Russian name.
    for (const country of ['TJ', 'TM', 'UZ'])
      for (const f of countryRegions(shipped, country).features)
        expect(ru.get(f.properties.code_hasc), f.properties.code_hasc).toMatch(/[а-яё]/i);
  });
});

describe('region values', () => {
  const names = new Map([
    ['UZ.TK', 'Tashkent (city)'],
    ['UZ.SA', 'Samarkand'],
    ['UZ.BU', 'Bukhara'],
  ]);
  const rows = [
    { code: 'UZ.BU', projects: 2 },
    { code: 'UZ.TK', projects: 7 },
    { code: 'UZ.SA', projects: 2 },
    { code: 'UZ.XX', projects: 9 }, // no shape
    { code: 'UZ.ZZ', projects: 0 },
  ];
  it('takes the regions of its country from map.summary', () => {
    const summary = {
      regions: [
        { region: 'UZ.TK', country: 'UZ', projects: 7, areaOnlyProjects: 0, amounts: [] },
        { region: 'TJ.DU', country: 'TJ', projects: 3, areaOnlyProjects: 3, amounts: [] },
      ],
    };
    expect(briefRegions(summary, 'UZ')).toEqual([{ code: 'UZ.TK', projects: 7 }]);
    expect(briefRegions(summary, 'TM')).toEqual([]);
  });
  it('keys values by region', () => {
    expect(regionValues(rows)).toEqual({ 'UZ.BU': 2, 'UZ.TK': 7, 'UZ.SA': 2, 'UZ.XX': 9, 'UZ.ZZ': 0 });
  });
  it('ranks the regions with a shape, ties by name', () => {
    expect(topRegions(rows, names, 5, 'en')).toEqual([
      { code: 'UZ.TK', name: 'Tashkent (city)', projects: 7 },
      { code: 'UZ.BU', name: 'Bukhara', projects: 2 },
      { code: 'UZ.SA', name: 'Samarkand', projects: 2 },
    ]);
    expect(topRegions(rows, names, 1, 'en').map((r) => r.code)).toEqual(['UZ.TK']);
  });
});

describe('top tables', () => {
  const amount = (flow: string, usd: string | null, priceBasis = 'nominal') => ({
    flow,
    priceBasis,
    usd,
    rows: 1,
    rowsWithoutUsd: usd === null ? 1 : 0,
  });
  const summary: SummaryForCharts = {
    totals: [],
    byYear: [],
    byCountry: [],
    bySector: [
      { sector: '21030', ...amount('commitment', '100.50') },
      { sector: '21030', ...amount('commitment', '40.00', 'constant-2021') },
      { sector: '21030', ...amount('disbursement', '60.25') },
      { sector: '23210', ...amount('commitment', '90.00') },
      { sector: '32120', ...amount('commitment', '5.00') },
      { sector: '11330', ...amount('commitment', '3.00') },
      { sector: null, ...amount('commitment', '1.00') },
      { sector: '43010', ...amount('expenditure', '999.00') },
    ],
    byFunder: [{ funderId: 'f1', funderName: 'Export-Import Bank of China', ...amount('pledge', '7.00') }],
  };

  it('ranks, sums the rest as other, and keeps constant prices apart from nominal', () => {
    const { sectors } = briefTopTables(summary, 2);
    expect(sectors.flows).toEqual(['commitment', 'disbursement']);
    expect(sectors.rows.map((r) => r.key)).toEqual(['21030', '23210', null]);
    const [first, , other] = sectors.rows;
    expect(first?.cells.commitment).toEqual({
      nominal: '100.50',
      constant: [{ priceBasis: 'constant-2021', usd: '40.00' }],
    });
    expect(first?.cells.disbursement).toEqual({ nominal: '60.25', constant: [] });
    expect(first?.cells.pledge).toEqual({ nominal: null, constant: [] });
    expect(other).toMatchObject({ isOther: true, otherCount: 3 });
    expect(other?.cells.commitment.nominal).toBe('9.00'); // 5 + 3 + 1, exactly
  });

  it('names funders and shows only the flows they have', () => {
    const { funders } = briefTopTables(summary);
    expect(funders.flows).toEqual(['pledge']);
    expect(funders.rows).toEqual([
      expect.objectContaining({ key: 'f1', label: 'Export-Import Bank of China', isOther: false }),
    ]);
    expect(briefTopTables({ ...summary, bySector: [], byFunder: [] }).sectors).toEqual({
      flows: [],
      rows: [],
    });
  });

  it('orders the key figures committed, disbursed, pledged', () => {
    expect(BRIEF_FLOWS).toEqual(['commitment', 'disbursement', 'pledge']);
    expect(hasAmount(undefined)).toBe(false);
    expect(hasAmount({ flow: 'pledge', nominal: null, constant: [], rows: 1, rowsWithoutUsd: 1 })).toBe(
      false,
    );
    expect(
      hasAmount({
        flow: 'commitment',
        nominal: null,
        constant: [{ priceBasis: 'constant-2021', usd: '1' }],
        rows: 1,
        rowsWithoutUsd: 0,
      }),
    ).toBe(true);
  });
});
