import { decodePoints, encodePoints, POINT_SCALE } from '@srt/shared/map-points';
import { describe, expect, it } from 'vitest';
import {
  buildClusterIndex,
  CLUSTER_MAX_ZOOM,
  clusterSize,
  clustersInView,
  expansionZoom,
} from './clusters.ts';

const units = (degrees: number) => Math.round(degrees * POINT_SCALE);
const points = decodePoints(
  encodePoints([
    // Three in Tashkent (two at one point), one in Andijan, one near Baku.
    { x: units(69.28), y: units(41.31), near: false },
    { x: units(69.28), y: units(41.31), near: true },
    { x: units(69.3), y: units(41.33), near: false },
    { x: units(72.34), y: units(40.78), near: true },
    { x: units(49.89), y: units(40.38), near: false },
  ]),
);
const index = buildClusterIndex(points);
const WORLD: [number, number, number, number] = [-180, -85, 180, 85];

const total = (drawn: ReturnType<typeof clustersInView>) =>
  drawn.reduce((n, d) => n + (d.kind === 'cluster' ? d.count : 1), 0);

describe('clustersInView', () => {
  it('clusters nearby pins at low zoom and accounts for every pin', () => {
    const drawn = clustersInView(index, points, WORLD, 4);
    expect(total(drawn)).toBe(5);
    expect(drawn.some((d) => d.kind === 'cluster')).toBe(true);
  });

  it('shows single pins with their integer position and precision once zoomed in', () => {
    const drawn = clustersInView(index, points, [72, 40, 73, 41], CLUSTER_MAX_ZOOM + 1);
    expect(drawn).toEqual([
      { kind: 'pin', index: expect.any(Number), lon: 72.34, lat: 40.78, x: 723400, y: 407800, near: true },
    ]);
  });

  it('keeps only what is in view', () => {
    expect(total(clustersInView(index, points, [49, 40, 50, 41], 6))).toBe(1);
    expect(clustersInView(index, points, [0, 0, 1, 1], 6)).toEqual([]);
  });

  it('co-located pins stay together until the last cluster zoom, then come apart', () => {
    const [cluster] = clustersInView(index, points, [69.2, 41.2, 69.4, 41.4], CLUSTER_MAX_ZOOM).filter(
      (d) => d.kind === 'cluster',
    );
    expect(cluster?.kind === 'cluster' && cluster.count).toBe(2);
    if (cluster?.kind === 'cluster') expect(expansionZoom(index, cluster.id)).toBe(CLUSTER_MAX_ZOOM + 1);
    const apart = clustersInView(index, points, [69.2, 41.2, 69.4, 41.4], CLUSTER_MAX_ZOOM + 1);
    expect(apart.filter((d) => d.kind === 'pin')).toHaveLength(3);
  });

  it('is fast enough for 100 000 pins (index, then a view)', () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 48_271) % 2_147_483_647;
      return seed / 2_147_483_647;
    };
    const many = decodePoints(
      encodePoints(
        Array.from({ length: 100_000 }, () => ({
          x: units(45 + random() * 30),
          y: units(36 + random() * 9),
          near: random() < 0.5,
        })),
      ),
    );
    const big = buildClusterIndex(many);
    const start = performance.now();
    const drawn = clustersInView(big, many, [55, 37, 73, 45], 6);
    expect(performance.now() - start).toBeLessThan(50);
    expect(drawn.length).toBeGreaterThan(0);
  });
});

describe('clusterSize', () => {
  it('grows with the order of magnitude, within 28–52 px', () => {
    expect([2, 10, 100, 1000, 100_000, 10_000_000].map(clusterSize)).toEqual([28, 34, 40, 46, 52, 52]);
  });
});
