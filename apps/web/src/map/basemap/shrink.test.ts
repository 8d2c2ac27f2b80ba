import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { clipRing, roundRing, shrinkGeometry, simplifyLine } from './shrink.ts';

describe('roundRing', () => {
  it('rounds, drops the repeats rounding makes, and keeps the ring closed', () => {
    expect(
      roundRing(
        [
          [0.0001, 0],
          [1, 0],
          [1.0004, 0.0001],
          [1, 1],
          [0, 1],
          [0, 0],
        ],
        3,
      ),
    ).toEqual([
      [0, 0],
      [1, 0],
      [1, 1],
      [0, 1],
      [0, 0],
    ]);
  });

  it('drops a ring that rounding collapses', () => {
    expect(
      roundRing(
        [
          [0, 0],
          [0.0001, 0],
          [0, 0.0001],
          [0, 0],
        ],
        2,
      ),
    ).toBeNull();
  });
});

describe('simplifyLine', () => {
  it('drops vertices within the tolerance of the line, keeps the ends and the corners', () => {
    expect(
      simplifyLine(
        [
          [0, 0],
          [1, 0.001],
          [2, 0],
          [2, 2],
          [0, 0],
        ],
        0.01,
      ),
    ).toEqual([
      [0, 0],
      [2, 0],
      [2, 2],
      [0, 0],
    ]);
  });
});

describe('clipRing', () => {
  const square: [number, number][] = [
    [0, 0],
    [4, 0],
    [4, 4],
    [0, 4],
    [0, 0],
  ];
  it('cuts a ring along the box', () => {
    expect(clipRing(square, [2, -1, 10, 3])).toEqual([
      [2, 3],
      [2, 0],
      [4, 0],
      [4, 3],
      [2, 3],
    ]);
  });
  it('keeps a ring inside the box as it is, and drops one outside', () => {
    expect(clipRing(square, [-1, -1, 5, 5])).toEqual(square);
    expect(clipRing(square, [10, 10, 20, 20])).toBeNull();
  });
});

describe('shrinkGeometry', () => {
  it('drops a polygon whose outer ring vanishes, with its holes', () => {
    const shrunk = shrinkGeometry(
      {
        type: 'MultiPolygon',
        coordinates: [
          [
            [
              [50, 50],
              [51, 50],
              [51, 51],
              [50, 50],
            ],
          ],
          [
            [
              [0, 0],
              [4, 0],
              [4, 4],
              [0, 0],
            ],
          ],
        ],
      },
      { decimals: 2, box: [-1, -1, 10, 10] },
    );
    expect(shrunk?.coordinates).toHaveLength(1);
  });
});

describe('the shipped context layers', () => {
  const read = (name: string) =>
    JSON.parse(readFileSync(new URL(name, import.meta.url), 'utf8')) as {
      features: { properties: Record<string, unknown>; geometry: { coordinates: unknown } }[];
    };
  it('neighbours: the countries around the four, without them', () => {
    const names = read('./neighbours.geojson').features.map((f) => f.properties.name);
    for (const name of [
      'Kazakhstan',
      'Kyrgyzstan',
      'China',
      'Afghanistan',
      'Iran',
      'Russia',
      'Georgia',
      'Armenia',
    ])
      expect(names).toContain(name);
    for (const name of ['Uzbekistan', 'Tajikistan', 'Turkmenistan', 'Azerbaijan'])
      expect(names).not.toContain(name);
  });
  it('cities: the 485 GeoNames places, 4 capitals', () => {
    const cities = read('./cities.geojson').features;
    expect(cities).toHaveLength(485);
    expect(cities.filter((c) => c.properties.code === 'PPLC').map((c) => c.properties.name)).toEqual(
      expect.arrayContaining(['Tashkent', 'Baku', 'Ashgabat', 'Dushanbe']),
    );
  });
});
