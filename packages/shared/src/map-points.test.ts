import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { FOCUS_COUNTRIES } from './codes.ts';
import {
  COUNTRY_BOXES,
  decodePoints,
  encodePoints,
  insideCountryBox,
  POINT_SCALE,
  type PointInput,
  pointProblem,
} from './map-points.ts';

describe('encodePoints / decodePoints', () => {
  it('round-trips points in integer units, sorted by latitude then longitude', () => {
    const input: PointInput[] = [
      { x: 692800, y: 413100, near: false },
      { x: 723400, y: 407800, near: true },
      { x: 498920, y: 403777, near: false },
      { x: 692800, y: 413100, near: true },
    ];
    const encoded = encodePoints(input);
    expect(encoded).toEqual({
      scale: POINT_SCALE,
      deltas: [498920, 403777, 224480, 4023, -30600, 5300, 0, 0],
      precision: 'enen',
    });
    const decoded = decodePoints(encoded);
    expect(decoded.count).toBe(4);
    expect([...decoded.x]).toEqual([498920, 723400, 692800, 692800]);
    expect([...decoded.y]).toEqual([403777, 407800, 413100, 413100]);
    expect([...decoded.lon]).toEqual([49.892, 72.34, 69.28, 69.28]);
    expect([...decoded.lat]).toEqual([40.3777, 40.78, 41.31, 41.31]);
    expect([...decoded.near]).toEqual([0, 1, 0, 1]);
  });

  it('handles nothing, negative coordinates and a truncated payload', () => {
    expect(decodePoints(encodePoints([])).count).toBe(0);
    const decoded = decodePoints(encodePoints([{ x: -1_799_999, y: -899_999, near: true }]));
    expect([decoded.lon[0], decoded.lat[0], decoded.near[0]]).toEqual([-179.9999, -89.9999, 1]);
    // More precision flags than coordinates (or the reverse): only whole points are decoded.
    expect(decodePoints({ scale: POINT_SCALE, deltas: [1, 2, 3], precision: 'ee' }).count).toBe(1);
  });

  it('stays far below 2 MB gzip for 100 000 points', () => {
    let seed = 42;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const points = Array.from({ length: 100_000 }, () => ({
      x: Math.round((44 + random() * 31) * POINT_SCALE),
      y: Math.round((35 + random() * 11) * POINT_SCALE),
      near: random() < 0.5,
    }));
    const json = JSON.stringify(encodePoints(points));
    expect(gzipSync(json).length).toBeLessThan(2_000_000);
    expect(decodePoints(JSON.parse(json)).count).toBe(100_000);
  });
});

describe('pointProblem (the precision rule)', () => {
  const at = (lat: number | null, lon: number | null, more: object = {}) => ({
    lat,
    lon,
    precision: 'exact',
    country: 'UZ',
    problem: null,
    ...more,
  });

  it('draws exact and near points inside their country', () => {
    expect(pointProblem(at(41.31, 69.28))).toBeNull();
    expect(pointProblem(at(40.78, 72.34, { precision: 'near' }))).toBeNull();
  });

  it('lists every other pin as a problem, never drawn', () => {
    expect(pointProblem(at(41.31, 69.28, { problem: 'Outside its country' }))).toBe('recorded');
    expect(pointProblem(at(null, 69.28))).toBe('missing-coordinates');
    expect(pointProblem(at(95, 69.28))).toBe('out-of-range');
    expect(pointProblem(at(41, 269))).toBe('out-of-range');
    expect(pointProblem(at(Number.NaN, 69.28))).toBe('out-of-range');
    expect(pointProblem(at(10, 10))).toBe('outside-country');
    expect(pointProblem(at(69.28, 41.31))).toBe('outside-country'); // swapped
    expect(pointProblem(at(41.31, 69.28, { country: 'KG' }))).toBe('outside-country');
  });

  it('shades admin-level locations by region code; country-level ones are neither drawn nor problems', () => {
    expect(pointProblem(at(null, null, { precision: 'admin1', admin1Code: 'UZ.BU' }))).toBeNull();
    expect(pointProblem(at(null, null, { precision: 'admin2' }))).toBe('no-region');
    expect(pointProblem(at(null, null, { precision: 'country' }))).toBeNull();
    expect(pointProblem(at(null, null, { precision: 'country', problem: 'x' }))).toBe('recorded');
  });
});

describe('COUNTRY_BOXES', () => {
  it('are the bounding boxes of the shipped country outlines', () => {
    const path = new URL('../../db/data/ne_10m_admin0_az_tj_tm_uz_dissolved.geojson', import.meta.url);
    const outlines = JSON.parse(readFileSync(path, 'utf8')) as {
      features: { properties: { iso_a2: string }; geometry: { coordinates: unknown } }[];
    };
    const positions = (value: unknown): number[][] =>
      Array.isArray(value) && typeof value[0] === 'number'
        ? [value as number[]]
        : Array.isArray(value)
          ? value.flatMap(positions)
          : [];
    const boxes: Record<string, number[]> = {};
    for (const f of outlines.features) {
      const all = positions(f.geometry.coordinates);
      const lons = all.map((p) => p[0] ?? 0);
      const lats = all.map((p) => p[1] ?? 0);
      boxes[f.properties.iso_a2] = [
        Math.min(...lons),
        Math.min(...lats),
        Math.max(...lons),
        Math.max(...lats),
      ];
    }
    expect(Object.keys(boxes).sort()).toEqual([...FOCUS_COUNTRIES]);
    for (const country of FOCUS_COUNTRIES) expect(COUNTRY_BOXES[country]).toEqual(boxes[country]);
  });

  it('pads each box a little', () => {
    expect(insideCountryBox('AZ', 44.75, 40)).toBe(true);
    expect(insideCountryBox('AZ', 44.7, 40)).toBe(false);
    expect(insideCountryBox('XX', 44.75, 40)).toBe(false);
  });
});
