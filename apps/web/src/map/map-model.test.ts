import { describe, expect, it } from 'vitest';
import {
  type Amount,
  chooseBasis,
  citiesAtZoom,
  cityMinZoom,
  declutter,
  flowFigures,
  metricValues,
  parseCities,
  parseShapes,
  priceBases,
  type Summary,
} from './map-model.ts';

const amount = (flow: string, priceBasis: string, usd: string | null, rowsWithoutUsd = 0): Amount => ({
  flow,
  priceBasis,
  usd,
  rows: 1 + rowsWithoutUsd,
  rowsWithoutUsd,
});

const summary: Summary = {
  countries: [
    {
      country: 'UZ',
      projects: 3,
      countryLevelProjects: 1,
      pins: 2,
      problemLocations: 1,
      amounts: [
        amount('commitment', 'constant-2021', '900.00'),
        amount('commitment', 'nominal', '100.50'),
        amount('pledge', 'nominal', '5000.00'),
      ],
    },
    { country: 'TJ', projects: 1, countryLevelProjects: 1, pins: 0, problemLocations: 0, amounts: [] },
  ],
  regions: [
    {
      region: 'UZ.BU',
      country: 'UZ',
      projects: 2,
      areaOnlyProjects: 1,
      amounts: [
        amount('disbursement', 'constant-2021', '7.00'),
        amount('disbursement', 'constant-2017', '3.00'),
      ],
    },
  ],
};

describe('metricValues (summary → choropleth values)', () => {
  it('counts projects per country or region', () => {
    expect(metricValues(summary, 'country', 'projects', 'nominal')).toEqual({ UZ: 3, TJ: 1 });
    expect(metricValues(summary, 'region', 'projects', 'nominal')).toEqual({ 'UZ.BU': 2 });
  });

  it('takes one flow in one price basis, never a sum of bases, never the pledge', () => {
    expect(metricValues(summary, 'country', 'commitment', 'nominal')).toEqual({ UZ: '100.50', TJ: null });
    expect(metricValues(summary, 'country', 'commitment', 'constant-2021')).toEqual({
      UZ: '900.00',
      TJ: null,
    });
    expect(metricValues(summary, 'country', 'disbursement', 'nominal')).toEqual({ UZ: null, TJ: null });
    expect(metricValues(summary, 'region', 'disbursement', 'constant-2017')).toEqual({ 'UZ.BU': '3.00' });
  });
});

describe('price bases', () => {
  it('lists the bases a flow has, nominal first', () => {
    expect(priceBases(summary, 'country', 'commitment')).toEqual(['nominal', 'constant-2021']);
    expect(priceBases(summary, 'region', 'disbursement')).toEqual(['constant-2017', 'constant-2021']);
    expect(priceBases(summary, 'country', 'disbursement')).toEqual([]);
  });

  it('keeps the chosen basis when the data has it, else nominal, else the first', () => {
    expect(chooseBasis(['nominal', 'constant-2021'], 'constant-2021')).toBe('constant-2021');
    expect(chooseBasis(['nominal', 'constant-2021'], 'constant-1999')).toBe('nominal');
    expect(chooseBasis(['constant-2017', 'constant-2021'], undefined)).toBe('constant-2017');
    expect(chooseBasis([], undefined)).toBe('nominal');
  });
});

describe('flowFigures', () => {
  it('gives committed, disbursed and pledged with their bases apart, nominal first', () => {
    const figures = flowFigures([
      amount('commitment', 'constant-2021', '900.00'),
      amount('commitment', 'nominal', '100.50', 2),
      amount('expenditure', 'nominal', '1.00'),
      amount('pledge', 'nominal', null, 1),
    ]);
    expect(figures).toEqual([
      {
        flow: 'commitment',
        sums: [
          { priceBasis: 'nominal', usd: '100.50' },
          { priceBasis: 'constant-2021', usd: '900.00' },
        ],
        rowsWithoutUsd: 2,
      },
      { flow: 'disbursement', sums: [], rowsWithoutUsd: 0 },
      { flow: 'pledge', sums: [], rowsWithoutUsd: 1 },
    ]);
  });
});

describe('city labels', () => {
  const cities = parseCities(
    JSON.stringify({
      type: 'FeatureCollection',
      features: [
        {
          properties: { name: 'Nukus', code: 'PPLA', population: 230_000 },
          geometry: { coordinates: [59.6, 42.45] },
        },
        {
          properties: { name: 'Tashkent', code: 'PPLC', population: 1_978_028 },
          geometry: { coordinates: [69.2, 41.3] },
        },
        {
          properties: { name: 'Chinoz', code: 'PPL', population: 20_000 },
          geometry: { coordinates: [68.8, 40.9] },
        },
        { properties: { name: 'Broken' }, geometry: { coordinates: ['x', 1] } },
        null,
      ],
    }),
  );

  it('parses the shipped places, dropping malformed ones', () => {
    expect(cities.map((c) => c.name)).toEqual(['Nukus', 'Tashkent', 'Chinoz']);
    expect(cities[1]).toEqual({
      name: 'Tashkent',
      lon: 69.2,
      lat: 41.3,
      code: 'PPLC',
      population: 1_978_028,
    });
  });

  it('labels capitals always, admin-1 seats from zoom 6, other places from 8, biggest first', () => {
    expect([cityMinZoom('PPLC'), cityMinZoom('PPLA'), cityMinZoom('PPLA2'), cityMinZoom('PPL')]).toEqual([
      0, 6, 8, 8,
    ]);
    expect(citiesAtZoom(cities, 4).map((c) => c.name)).toEqual(['Tashkent']);
    expect(citiesAtZoom(cities, 6).map((c) => c.name)).toEqual(['Tashkent', 'Nukus']);
    expect(citiesAtZoom(cities, 8).map((c) => c.name)).toEqual(['Tashkent', 'Nukus', 'Chinoz']);
  });

  it('keeps labels from overlapping, first come first served', () => {
    const box = (x: number, y: number) => ({ x, y, width: 40, height: 14 });
    expect(declutter([box(0, 0), box(30, 5), box(50, 0), box(0, 20)])).toEqual([0, 2, 3]);
  });
});

describe('parseShapes', () => {
  it('keeps polygon features only', () => {
    const shapes = parseShapes(
      JSON.stringify({
        type: 'FeatureCollection',
        features: [
          { type: 'Feature', properties: { name: 'A' }, geometry: { type: 'Polygon', coordinates: [] } },
          { type: 'Feature', properties: { name: 'B' }, geometry: { type: 'Point', coordinates: [1, 2] } },
          { type: 'Feature', properties: null, geometry: { type: 'MultiPolygon', coordinates: [] } },
        ],
      }),
    );
    expect(shapes.features.map((f) => f.properties.name)).toEqual(['A']);
  });
});
