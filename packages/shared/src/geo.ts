/**
 * Pure point-in-polygon geometry for placing a point in the shipped Natural Earth admin-1 regions, and for
 * checking that a location lies in the country it claims. No I/O: the caller passes the shapes in.
 * Coordinates are GeoJSON order, [lon, lat], WGS84 degrees.
 */

export type Position = readonly number[];
export type PolygonCoordinates = readonly (readonly Position[])[];
export type RegionGeometry =
  | { type: 'Polygon'; coordinates: PolygonCoordinates }
  | { type: 'MultiPolygon'; coordinates: readonly PolygonCoordinates[] };

/** The admin-1 properties a lookup needs (Natural Earth names them so). */
export type RegionProperties = {
  code_hasc?: string | null;
  adm1_code?: string | null;
  iso_a2?: string | null;
  name?: string | null;
};

export type RegionFeatureCollection = {
  type: 'FeatureCollection';
  features: readonly {
    type?: string;
    properties: RegionProperties | null;
    geometry: RegionGeometry | null;
  }[];
};

export type Region = {
  /** Natural Earth `code_hasc`, e.g. `UZ.TK`: the key stored as a location's admin-1 code. */
  codeHasc: string;
  adm1Code: string | null;
  country: string;
  name: string;
};

type IndexedRegion = Region & {
  polygons: PolygonCoordinates[];
  /** [minLon, minLat, maxLon, maxLat] */
  bbox: [number, number, number, number];
};

export type RegionIndex = { regions: IndexedRegion[]; countries: Set<string> };

/** Prepares the regions once (bounding boxes), so each lookup only tests the polygons that can match. */
export function buildRegionIndex(collection: RegionFeatureCollection): RegionIndex {
  const regions: IndexedRegion[] = [];
  for (const feature of collection.features) {
    const p = feature.properties;
    const geometry = feature.geometry;
    if (!p?.code_hasc || !p.iso_a2 || !geometry) continue;
    const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : [...geometry.coordinates];
    regions.push({
      codeHasc: p.code_hasc,
      adm1Code: p.adm1_code ?? null,
      country: p.iso_a2,
      name: p.name ?? p.code_hasc,
      polygons,
      bbox: bboxOf(polygons),
    });
  }
  return { regions, countries: new Set(regions.map((r) => r.country)) };
}

function bboxOf(polygons: PolygonCoordinates[]): [number, number, number, number] {
  let minX = Number.POSITIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  let maxX = Number.NEGATIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  for (const polygon of polygons) {
    for (const [x = 0, y = 0] of polygon[0] ?? []) {
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    }
  }
  return [minX, minY, maxX, maxY];
}

/** Even-odd ray casting over one ring. */
export function pointInRing(lon: number, lat: number, ring: readonly Position[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    // Indexed, not destructured: destructuring made an iterator per vertex (≈ 48 MB of garbage in an
    // import of 3,600 IATI activities).
    const a = ring[i];
    const b = ring[j];
    const xi = a?.[0] ?? 0;
    const yi = a?.[1] ?? 0;
    const xj = b?.[0] ?? 0;
    const yj = b?.[1] ?? 0;
    if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Inside the outer ring and outside every hole. */
export function pointInPolygon(lon: number, lat: number, polygon: PolygonCoordinates): boolean {
  const [outer, ...holes] = polygon;
  if (!outer || !pointInRing(lon, lat, outer)) return false;
  return !holes.some((hole) => pointInRing(lon, lat, hole));
}

const inBbox = (lon: number, lat: number, [minX, minY, maxX, maxY]: IndexedRegion['bbox'], pad = 0) =>
  lon >= minX - pad && lon <= maxX + pad && lat >= minY - pad && lat <= maxY + pad;

/** The admin-1 region containing the point, or null when it lies in none of the indexed regions. */
export function regionAt(index: RegionIndex, lon: number, lat: number): Region | null {
  for (const region of index.regions) {
    if (!inBbox(lon, lat, region.bbox)) continue;
    if (region.polygons.some((polygon) => pointInPolygon(lon, lat, polygon))) return publicRegion(region);
  }
  return null;
}

const publicRegion = ({ codeHasc, adm1Code, country, name }: IndexedRegion): Region => ({
  codeHasc,
  adm1Code,
  country,
  name,
});

/** Distance in degrees (planar, lon scaled by cos lat) from the point to a segment. */
function segmentDistance(lon: number, lat: number, a: Position, b: Position, kx: number): number {
  const ax = (a[0] ?? 0) * kx;
  const ay = a[1] ?? 0;
  const bx = (b[0] ?? 0) * kx;
  const by = b[1] ?? 0;
  const px = lon * kx;
  const dx = bx - ax;
  const dy = by - ay;
  const lengthSquared = dx * dx + dy * dy;
  const t =
    lengthSquared === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (lat - ay) * dy) / lengthSquared));
  return Math.hypot(px - (ax + t * dx), lat - (ay + t * dy));
}

/**
 * The region of `country` whose border is nearest the point, when it is within `maxDegrees` (about
 * 111 km per degree of latitude). Used to accept points that the simplified shapes put just across a border.
 */
export function nearestRegionOf(
  index: RegionIndex,
  country: string,
  lon: number,
  lat: number,
  maxDegrees: number,
): Region | null {
  const kx = Math.cos((lat * Math.PI) / 180);
  let best: IndexedRegion | null = null;
  let bestDistance = maxDegrees;
  for (const region of index.regions) {
    if (region.country !== country || !inBbox(lon, lat, region.bbox, maxDegrees / Math.max(kx, 0.1)))
      continue;
    for (const polygon of region.polygons) {
      for (const ring of polygon) {
        for (let i = 1; i < ring.length; i++) {
          const a = ring[i - 1];
          const b = ring[i];
          if (!a || !b) continue;
          const d = segmentDistance(lon, lat, a, b, kx);
          if (d <= bestDistance) {
            bestDistance = d;
            best = region;
          }
        }
      }
    }
  }
  return best ? publicRegion(best) : null;
}

/**
 * How far outside its country's simplified outline a point may lie and still count as inside: the shapes
 * keep half of Natural Earth's 1:10m vertices, which moves borders by up to a few hundred metres.
 */
export const BORDER_TOLERANCE_DEGREES = 0.02;

export type PlacedPoint = {
  /** `code_hasc` of the admin-1 region, when the point is in (or just outside) its stated country. */
  admin1Code: string | null;
  /** null when the point can be drawn; otherwise why it must not be. */
  problem: string | null;
  /** The country whose shapes contain the point, when it lies in one of the indexed countries. */
  foundCountry: string | null;
};

const round = (n: number) => Math.round(n * 1e5) / 1e5;

/**
 * Places a location's point: its admin-1 region, and whether it lies in the country it states. A point
 * out of range, or outside its stated country, gets a `problem` (it is kept but never drawn as if right).
 * Countries without shapes in the index cannot be checked: no region, no problem.
 */
export function placePoint(
  index: RegionIndex,
  point: { lat: number; lon: number; country: string },
): PlacedPoint {
  const { lat, lon, country } = point;
  if (!Number.isFinite(lat) || !Number.isFinite(lon) || lat < -90 || lat > 90 || lon < -180 || lon > 180) {
    return {
      admin1Code: null,
      problem: `Coordinates out of range (lat ${lat}, lon ${lon})`,
      foundCountry: null,
    };
  }
  const found = regionAt(index, lon, lat);
  if (found && found.country === country)
    return { admin1Code: found.codeHasc, problem: null, foundCountry: country };
  if (!index.countries.has(country))
    return { admin1Code: null, problem: null, foundCountry: found?.country ?? null };

  const near = nearestRegionOf(index, country, lon, lat, BORDER_TOLERANCE_DEGREES);
  if (near) return { admin1Code: near.codeHasc, problem: null, foundCountry: found?.country ?? null };

  const where = found ? `it lies in ${found.country} (${found.name})` : `it lies outside ${country}`;
  const swapped = lat >= -180 && lat <= 180 && lon >= -90 && lon <= 90 ? regionAt(index, lat, lon) : null;
  const hint = swapped?.country === country ? '; latitude and longitude look swapped' : '';
  return {
    admin1Code: null,
    problem: `Outside its country: the point (lat ${round(lat)}, lon ${round(lon)}) is given for ${country}, but ${where}${hint}`,
    foundCountry: found?.country ?? null,
  };
}
