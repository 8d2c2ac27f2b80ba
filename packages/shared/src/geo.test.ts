import { describe, expect, it } from 'vitest';
import {
  buildRegionIndex,
  nearestRegionOf,
  placePoint,
  pointInPolygon,
  pointInRing,
  type RegionFeatureCollection,
  regionAt,
} from './geo.ts';

const square = (x0: number, y0: number, x1: number, y1: number) => [
  [x0, y0],
  [x1, y0],
  [x1, y1],
  [x0, y1],
  [x0, y0],
];

// Two made-up countries side by side: AA (0..10 with a hole at 4..6) and BB (10..20 in two parts).
const shapes: RegionFeatureCollection = {
  type: 'FeatureCollection',
  features: [
    {
      type: 'Feature',
      properties: { code_hasc: 'AA.NO', iso_a2: 'AA', name: 'North', adm1_code: 'AAA-1' },
      geometry: { type: 'Polygon', coordinates: [square(0, 5, 10, 10)] },
    },
    {
      type: 'Feature',
      properties: { code_hasc: 'AA.SO', iso_a2: 'AA', name: 'South', adm1_code: 'AAA-2' },
      geometry: { type: 'Polygon', coordinates: [square(0, 0, 10, 5), square(4, 1, 6, 3)] },
    },
    {
      type: 'Feature',
      properties: { code_hasc: 'BB.XX', iso_a2: 'BB', name: 'Exclaves' },
      geometry: {
        type: 'MultiPolygon',
        coordinates: [[square(10, 0, 20, 10)], [square(30, 30, 31, 31)]],
      },
    },
    { type: 'Feature', properties: null, geometry: null },
  ],
};
const index = buildRegionIndex(shapes);

describe('point in polygon', () => {
  it('tests rings by ray casting', () => {
    expect(pointInRing(1, 1, square(0, 0, 2, 2))).toBe(true);
    expect(pointInRing(3, 1, square(0, 0, 2, 2))).toBe(false);
  });

  it('excludes holes', () => {
    const polygon = [square(0, 0, 10, 5), square(4, 1, 6, 3)];
    expect(pointInPolygon(2, 2, polygon)).toBe(true);
    expect(pointInPolygon(5, 2, polygon)).toBe(false);
  });
});

describe('regionAt', () => {
  it('finds the region, including a multipolygon part', () => {
    expect(regionAt(index, 5, 7)?.codeHasc).toBe('AA.NO');
    expect(regionAt(index, 1, 1)).toMatchObject({ codeHasc: 'AA.SO', country: 'AA', adm1Code: 'AAA-2' });
    expect(regionAt(index, 30.5, 30.5)?.codeHasc).toBe('BB.XX');
    expect(regionAt(index, 5, 2)).toBeNull();
    expect(regionAt(index, -50, -50)).toBeNull();
  });
});

describe('nearestRegionOf', () => {
  it('finds a region of the country within the distance only', () => {
    expect(nearestRegionOf(index, 'AA', 10.01, 7, 0.02)?.codeHasc).toBe('AA.NO');
    expect(nearestRegionOf(index, 'AA', 10.5, 7, 0.02)).toBeNull();
  });
});

describe('placePoint', () => {
  it('places a point in its country', () => {
    expect(placePoint(index, { lat: 7, lon: 5, country: 'AA' })).toEqual({
      admin1Code: 'AA.NO',
      problem: null,
      foundCountry: 'AA',
    });
  });

  it('flags a point in another country, and says so', () => {
    const placed = placePoint(index, { lat: 5, lon: 15, country: 'AA' });
    expect(placed.admin1Code).toBeNull();
    expect(placed.foundCountry).toBe('BB');
    expect(placed.problem).toContain('Outside its country');
    expect(placed.problem).toContain('BB');
  });

  it('flags a point in no known country', () => {
    expect(placePoint(index, { lat: -40, lon: -40, country: 'BB' }).problem).toContain('outside BB');
  });

  it('accepts a point just across a simplified border', () => {
    expect(placePoint(index, { lat: 7, lon: 10.01, country: 'AA' })).toMatchObject({
      admin1Code: 'AA.NO',
      problem: null,
    });
  });

  it('hints at swapped coordinates', () => {
    // Really at lon 15, lat 5 (in BB), given the other way round.
    expect(placePoint(index, { lat: 15, lon: 5, country: 'BB' }).problem).toContain('swapped');
    expect(placePoint(index, { lat: 5, lon: 15, country: 'AA' }).problem).not.toContain('swapped');
  });

  it('flags coordinates out of range', () => {
    expect(placePoint(index, { lat: 95, lon: 5, country: 'AA' }).problem).toContain('out of range');
    expect(placePoint(index, { lat: 5, lon: Number.NaN, country: 'AA' }).problem).toContain('out of range');
  });

  it('cannot check a country it has no shapes for', () => {
    expect(placePoint(index, { lat: 7, lon: 5, country: 'CC' })).toEqual({
      admin1Code: null,
      problem: null,
      foundCountry: 'AA',
    });
  });
});
