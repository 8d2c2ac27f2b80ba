import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  locationLayer,
  type MapLocation,
  mapBounds,
  parseOutlines,
  pinCollection,
  splitLocations,
} from './geo.ts';

const at = (over: Partial<MapLocation>): MapLocation => ({
  id: over.id ?? 'id',
  name: over.name ?? 'Somewhere',
  lat: 41.3,
  lon: 69.24,
  precision: 'exact',
  admin1Code: null,
  country: 'UZ',
  problem: null,
  ...over,
});

describe('locationLayer (precision → layer)', () => {
  it('pins exact and near points only', () => {
    expect(locationLayer(at({ precision: 'exact' }))).toBe('pin');
    expect(locationLayer(at({ precision: 'near' }))).toBe('pin');
  });

  it('lists admin-level locations by region, even when they carry a point', () => {
    expect(locationLayer(at({ precision: 'admin1', admin1Code: 'UZ.TK' }))).toBe('region');
    expect(locationLayer(at({ precision: 'admin2' }))).toBe('region');
    expect(locationLayer(at({ precision: 'admin1', lat: null, lon: null }))).toBe('region');
  });

  it('lists country-level locations, never pinned at a capital', () => {
    expect(locationLayer(at({ precision: 'country', lat: null, lon: null }))).toBe('country');
    expect(locationLayer(at({ precision: 'country' }))).toBe('country');
  });

  it('never draws a location with a data problem, whatever its precision', () => {
    const problem = 'Outside its country: the point is given for AZ, but it lies outside AZ';
    for (const precision of ['exact', 'near', 'admin1', 'country']) {
      expect(locationLayer(at({ precision, problem }))).toBe('problem');
    }
  });

  it('treats a pin without usable coordinates, or an unknown precision, as a data problem', () => {
    expect(locationLayer(at({ precision: 'exact', lat: null }))).toBe('problem');
    expect(locationLayer(at({ precision: 'near', lon: Number.NaN }))).toBe('problem');
    expect(locationLayer(at({ precision: 'exact', lat: 95 }))).toBe('problem');
    expect(locationLayer(at({ precision: 'city' }))).toBe('problem');
  });
});

describe('splitLocations and pinCollection', () => {
  const locations = [
    at({ id: 'a', name: 'Tashkent plant', precision: 'exact' }),
    at({ id: 'b', name: 'Ahal', precision: 'admin1', admin1Code: 'TM.AL', country: 'TM' }),
    at({ id: 'c', name: 'Tajikistan', precision: 'country', lat: null, lon: null, country: 'TJ' }),
    at({
      id: 'd',
      name: 'Centre',
      precision: 'near',
      lat: 41.66,
      lon: 42.98,
      country: 'AZ',
      problem: 'Outside',
    }),
    at({ id: 'e', name: 'Near Samarkand', precision: 'near', lat: 39.65, lon: 66.96 }),
  ];

  it('splits by layer in the given order', () => {
    const layers = splitLocations(locations);
    expect(layers.pin.map((l) => l.id)).toEqual(['a', 'e']);
    expect(layers.region.map((l) => l.id)).toEqual(['b']);
    expect(layers.country.map((l) => l.id)).toEqual(['c']);
    expect(layers.problem.map((l) => l.id)).toEqual(['d']);
  });

  it('makes GeoJSON points in [lon, lat] order for the pins only', () => {
    expect(pinCollection(locations)).toEqual({
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          id: 'a',
          geometry: { type: 'Point', coordinates: [69.24, 41.3] },
          properties: { id: 'a', name: 'Tashkent plant', precision: 'exact' },
        },
        {
          type: 'Feature',
          id: 'e',
          geometry: { type: 'Point', coordinates: [66.96, 39.65] },
          properties: { id: 'e', name: 'Near Samarkand', precision: 'near' },
        },
      ],
    });
    expect(pinCollection([]).features).toEqual([]);
  });
});

describe('parseOutlines', () => {
  const shipped = readFileSync(
    new URL('./ne_10m_admin0_az_tj_tm_uz_dissolved.geojson', import.meta.url),
    'utf8',
  );

  it('reads the four shipped country outlines', () => {
    const outlines = parseOutlines(shipped);
    expect(outlines.features.map((f) => f.properties.iso_a2).sort()).toEqual(['AZ', 'TJ', 'TM', 'UZ']);
    expect(outlines.features.every((f) => f.geometry.type === 'MultiPolygon')).toBe(true);
  });

  it('drops features it cannot draw', () => {
    const text = JSON.stringify({
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { iso_a2: 'AZ' }, geometry: { type: 'Point', coordinates: [1, 2] } },
        {
          type: 'Feature',
          properties: {},
          geometry: {
            type: 'Polygon',
            coordinates: [
              [
                [0, 0],
                [1, 0],
                [0, 1],
              ],
            ],
          },
        },
        {
          type: 'Feature',
          properties: { iso_a2: 'TJ' },
          geometry: {
            type: 'Polygon',
            coordinates: [
              [
                [0, 0],
                ['x', 0],
              ],
            ],
          },
        },
        {
          type: 'Feature',
          properties: { iso_a2: 'UZ', admin: 'Uzbekistan' },
          geometry: {
            type: 'Polygon',
            coordinates: [
              [
                [60, 40],
                [61, 40],
                [60, 41],
                [60, 40],
              ],
            ],
          },
        },
        null,
      ],
    });
    expect(parseOutlines(text).features.map((f) => f.properties)).toEqual([
      { iso_a2: 'UZ', admin: 'Uzbekistan' },
    ]);
    expect(parseOutlines('{}').features).toEqual([]);
  });
});

describe('mapBounds', () => {
  const square = (iso: string, west: number, south: number, size: number) => ({
    type: 'Feature' as const,
    properties: { iso_a2: iso, admin: iso },
    geometry: {
      type: 'Polygon' as const,
      coordinates: [
        [
          [west, south] as [number, number],
          [west + size, south] as [number, number],
          [west + size, south + size] as [number, number],
          [west, south] as [number, number],
        ],
      ],
    },
  });
  const outlines = {
    type: 'FeatureCollection' as const,
    features: [square('AZ', 45, 38, 5), square('TJ', 67, 36, 8)],
  };

  it('opens on the project countries, with a margin', () => {
    expect(mapBounds(outlines, { countries: ['TJ'], pad: 0.1 })).toEqual([
      [35.2, 66.2],
      [44.8, 75.8],
    ]);
  });

  it('takes in pins outside those countries, and keeps a minimum margin', () => {
    const pins = pinCollection([at({ id: 'p', lat: 40, lon: 80 })]);
    expect(mapBounds(outlines, { countries: ['TJ'], pins, pad: 0 })).toEqual([
      [35.8, 66.8],
      [44.2, 80.2],
    ]);
  });

  it('falls back to every outline when the project has neither countries shown nor pins', () => {
    expect(mapBounds(outlines, { countries: ['CN'], pad: 0 })).toEqual([
      [35.8, 44.8],
      [44.2, 75.2],
    ]);
    expect(mapBounds({ type: 'FeatureCollection', features: [] })).toBeNull();
  });
});
