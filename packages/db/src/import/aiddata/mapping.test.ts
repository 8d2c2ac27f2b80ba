import { describe, expect, it } from 'vitest';
import { summarizeShape } from './geometry.ts';
import {
  coarser,
  precisionForLevel,
  precisionForMapZoom,
  precisionForReach,
  sectorCategoryForAidData,
  statusForAidData,
} from './mapping.ts';

describe('AidData code mappings', () => {
  it('maps sector names however they are spaced or cased', () => {
    expect(sectorCategoryForAidData('ENERGY')).toBe('230');
    expect(sectorCategoryForAidData('Transport and storage')).toBe('210');
    expect(sectorCategoryForAidData('Industry,Mining,  Construction')).toBe('320');
    expect(sectorCategoryForAidData('Unallocated / Unspecified')).toBe('990');
    expect(sectorCategoryForAidData('SPACE')).toBeNull();
  });

  it('maps statuses to IATI activity statuses', () => {
    expect(
      [
        'Pipeline: Pledge',
        'Pipeline: Commitment',
        'Implementation',
        'Completion',
        'Cancelled',
        'Suspended',
        'x',
      ].map(statusForAidData),
    ).toEqual([1, 1, 2, 3, 5, 6, null]);
  });

  it('maps precision levels, map zooms and shape reach', () => {
    expect(
      ['PRECISE', 'APPROXIMATE', 'ADM3', 'ADM4', 'ADM5', 'ADM6', 'ADM7', 'ADM8', 'ADM'].map(
        precisionForLevel,
      ),
    ).toEqual(['exact', 'near', 'admin1', 'admin1', 'admin2', 'admin2', 'near', 'near', null]);
    expect([17, 12, 11, 9, 8, null].map(precisionForMapZoom)).toEqual([
      'near',
      'near',
      'admin1',
      'admin1',
      'country',
      'near',
    ]);
    expect([0.5, 2, 10, 60, 300].map(precisionForReach)).toEqual([
      'exact',
      'exact',
      'near',
      'admin1',
      'country',
    ]);
    expect(coarser('exact', 'near')).toBe('near');
    expect(coarser('country', 'near')).toBe('country');
  });
});

describe('shape summary', () => {
  it('finds the centroid of a polygon with a hole and how far it reaches', () => {
    const square = [
      [69, 41],
      [69.02, 41],
      [69.02, 41.02],
      [69, 41.02],
      [69, 41],
    ];
    const hole = [
      [69.005, 41.005],
      [69.005, 41.01],
      [69.01, 41.01],
      [69.01, 41.005],
      [69.005, 41.005],
    ];
    const plain = summarizeShape({ type: 'Polygon', coordinates: [square] });
    expect(plain?.lat).toBeCloseTo(41.01, 5);
    expect(plain?.lon).toBeCloseTo(69.01, 5);
    expect(plain?.reachKm).toBeCloseTo(1.4, 1);
    const holed = summarizeShape({ type: 'MultiPolygon', coordinates: [[square, hole]] });
    // The hole in the lower-left quarter pushes the centroid up and right.
    expect(holed?.lat).toBeGreaterThan(41.01);
    expect(holed?.lon).toBeGreaterThan(69.01);
  });

  it('falls back to the mean of the vertices for lines, and refuses empty shapes', () => {
    expect(
      summarizeShape({
        type: 'LineString',
        coordinates: [
          [60, 40],
          [62, 40],
        ],
      }),
    ).toMatchObject({ lat: 40, lon: 61 });
    expect(summarizeShape({ type: 'Polygon', coordinates: [] })).toBeNull();
    expect(summarizeShape(null)).toBeNull();
  });
});
