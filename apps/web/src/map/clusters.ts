import type { DecodedPoints } from '@srt/shared/map-points';
import Supercluster, { type PointFeature } from 'supercluster';

/**
 * Clustering of the map's pins in the browser (why not on the server: see `mapPoints` in
 * packages/db/src/queries/map.ts). The index is built once per `map.points` answer; each pan or zoom
 * is one `getClusters` over a KD-tree — a few milliseconds for 100 000 points. Plain data in and out, so
 * it is unit-tested without Leaflet.
 */

/** A pin's properties: its position in the decoded arrays. */
type PinProps = { i: number };
export type ClusterIndex = Supercluster<PinProps, Record<string, never>>;

/**
 * Zooms above this show single pins (co-located pins stay a cluster until then, then overlap; a click
 * on one lists every project at that point). 12 rather than supercluster's 16: each level is a pass over
 * the points, and at 1:150 000 a 60 px cluster is ≈ 2 km — finer grouping is not worth its build time.
 */
export const CLUSTER_MAX_ZOOM = 12;
const CLUSTER_RADIUS_PX = 60;

export function buildClusterIndex(points: DecodedPoints): ClusterIndex {
  const features = new Array<PointFeature<PinProps>>(points.count);
  for (let i = 0; i < points.count; i++) {
    features[i] = {
      type: 'Feature',
      properties: { i },
      geometry: { type: 'Point', coordinates: [points.lon[i] ?? 0, points.lat[i] ?? 0] },
    };
  }
  return new Supercluster<PinProps, Record<string, never>>({
    radius: CLUSTER_RADIUS_PX,
    maxZoom: CLUSTER_MAX_ZOOM,
  }).load(features);
}

export type DrawnCluster = { kind: 'cluster'; id: number; lon: number; lat: number; count: number };
/** One pin, with its integer position (what `map.pin` takes) and precision. */
export type DrawnPin = {
  kind: 'pin';
  index: number;
  lon: number;
  lat: number;
  x: number;
  y: number;
  near: boolean;
};
export type Drawn = DrawnCluster | DrawnPin;

/** [west, south, east, north] in degrees. */
export type ViewBox = [number, number, number, number];

/** What to draw for a view: clusters and single pins inside `box` at `zoom`. */
export function clustersInView(
  index: ClusterIndex,
  points: DecodedPoints,
  box: ViewBox,
  zoom: number,
): Drawn[] {
  const west = Math.max(-180, box[0]);
  const east = Math.min(180, box[2]);
  const south = Math.max(-85, box[1]);
  const north = Math.min(85, box[3]);
  return index.getClusters([west, south, east, north], Math.round(zoom)).map((f): Drawn => {
    const [lon = 0, lat = 0] = f.geometry.coordinates;
    const p = f.properties;
    if ('cluster' in p && p.cluster)
      return { kind: 'cluster', id: p.cluster_id, lon, lat, count: p.point_count };
    const i = 'i' in p ? p.i : 0;
    // The pin's own coordinates: the index's pass through Web Mercator leaves float noise in its copy.
    return {
      kind: 'pin',
      index: i,
      lon: points.lon[i] ?? lon,
      lat: points.lat[i] ?? lat,
      x: points.x[i] ?? 0,
      y: points.y[i] ?? 0,
      near: points.near[i] === 1,
    };
  });
}

/** The zoom at which a cluster falls apart (clicking it zooms there), at most one past the last level. */
export function expansionZoom(index: ClusterIndex, clusterId: number): number {
  return Math.min(index.getClusterExpansionZoom(clusterId), CLUSTER_MAX_ZOOM + 1);
}

/** Marker size for a cluster of `count` pins: grows with the order of magnitude, 28–52 px. */
export function clusterSize(count: number): number {
  return Math.min(52, 28 + 6 * Math.floor(Math.log10(Math.max(1, count))));
}
