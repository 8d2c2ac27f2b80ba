/**
 * One representative point for an AidData project geometry, and how far the shape reaches from it, so
 * the reader can tell a plant's outline (a pin) from a 400 km pipeline (not a pin).
 */

type Position = readonly number[];
type Geometry =
  | { type: 'Point'; coordinates: Position }
  | { type: 'MultiPoint' | 'LineString'; coordinates: readonly Position[] }
  | { type: 'Polygon' | 'MultiLineString'; coordinates: readonly (readonly Position[])[] }
  | { type: 'MultiPolygon'; coordinates: readonly (readonly (readonly Position[])[])[] };

export type ShapeSummary = {
  lat: number;
  lon: number;
  /** Largest distance from the point to any vertex, in km. */
  reachKm: number;
  bbox: [number, number, number, number];
};

const KM_PER_DEGREE = 111.32;

function isPosition(value: unknown): value is Position {
  return (
    Array.isArray(value) &&
    value.length >= 2 &&
    value.every((n) => typeof n === 'number' && Number.isFinite(n))
  );
}

/** Shoelace area and centroid of a ring in a local plane (x scaled by cos(lat)). */
function ringMoments(ring: readonly Position[], cosLat: number): { area: number; cx: number; cy: number } {
  let area = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0; i < ring.length - 1; i++) {
    const [x1 = 0, y1 = 0] = ring[i] ?? [];
    const [x2 = 0, y2 = 0] = ring[i + 1] ?? [];
    const cross = x1 * cosLat * y2 - x2 * cosLat * y1;
    area += cross;
    cx += (x1 + x2) * cosLat * cross;
    cy += (y1 + y2) * cross;
  }
  return { area: area / 2, cx, cy };
}

/**
 * Area-weighted centroid of the polygons (holes subtracted); for lines and points, or a shape with no
 * area, the mean of its vertices. Null when the geometry has no usable coordinates.
 */
export function summarizeShape(geometry: unknown): ShapeSummary | null {
  const g = geometry as Geometry | null;
  if (!g || typeof g !== 'object' || !('coordinates' in g)) return null;
  const polygons: (readonly (readonly Position[])[])[] =
    g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? [...g.coordinates] : [];
  const vertices: Position[] = [];
  const collect = (value: unknown) => {
    if (isPosition(value)) vertices.push(value);
    else if (Array.isArray(value)) for (const v of value) collect(v);
  };
  collect(g.coordinates);
  if (vertices.length === 0) return null;

  let minLon = Infinity;
  let minLat = Infinity;
  let maxLon = -Infinity;
  let maxLat = -Infinity;
  let sumLon = 0;
  let sumLat = 0;
  for (const [lon = 0, lat = 0] of vertices) {
    minLon = Math.min(minLon, lon);
    maxLon = Math.max(maxLon, lon);
    minLat = Math.min(minLat, lat);
    maxLat = Math.max(maxLat, lat);
    sumLon += lon;
    sumLat += lat;
  }
  const cosLat = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);

  let area = 0;
  let cx = 0;
  let cy = 0;
  for (const polygon of polygons) {
    for (const [i, ring] of polygon.entries()) {
      const m = ringMoments(ring, cosLat);
      // The outer ring adds, holes subtract, whichever way each ring is wound.
      const sign = (i === 0 ? 1 : -1) * Math.sign(m.area);
      area += sign * m.area;
      cx += sign * m.cx;
      cy += sign * m.cy;
    }
  }
  let lon: number;
  let lat: number;
  if (Math.abs(area) > 1e-12) {
    lon = cx / (6 * area) / cosLat;
    lat = cy / (6 * area);
  } else {
    lon = sumLon / vertices.length;
    lat = sumLat / vertices.length;
  }

  let reachKm = 0;
  for (const [vLon = 0, vLat = 0] of vertices) {
    const dx = (vLon - lon) * cosLat * KM_PER_DEGREE;
    const dy = (vLat - lat) * KM_PER_DEGREE;
    reachKm = Math.max(reachKm, Math.hypot(dx, dy));
  }
  const round = (n: number) => Math.round(n * 1e5) / 1e5;
  return {
    lat: round(lat),
    lon: round(lon),
    reachKm: Math.round(reachKm * 10) / 10,
    bbox: [minLon, minLat, maxLon, maxLat],
  };
}
