// The map's point payload and the rules for which locations may be drawn. Plain functions and constants,
// no zod: the browser decodes with this module and the database encodes with it.

import { FOCUS_COUNTRIES, type FocusCountry } from './codes.ts';

/**
 * Coordinates travel as integers of 1e-4 degree (≈ 11 m at the equator): finer than any `exact` location
 * needs on a map, and a point keeps the same integer key in `map.points` and in the popup's `map.pin`.
 */
export const POINT_SCALE = 10_000;

/** [west, south, east, north] in degrees. */
export type Bbox = readonly [west: number, south: number, east: number, north: number];

/**
 * Bounding boxes of the four countries' shipped outlines (packages/db/data, Natural Earth 1:10m), padded
 * by `COUNTRY_BOX_PAD`. A cheap second check behind the importer's polygon test: a point outside its
 * country's box is a data problem however it was entered, and is never drawn. (map-points.test.ts checks
 * these against the shapes.)
 */
export const COUNTRY_BOXES: Record<FocusCountry, Bbox> = {
  AZ: [44.77456, 38.39264, 50.62127, 41.89044],
  TJ: [67.34269, 36.67864, 75.16412, 41.03998],
  TM: [52.43767, 35.14752, 66.64578, 42.79119],
  UZ: [55.97584, 37.18866, 73.14864, 45.55872],
};
/** Degrees of slack around each box: the simplified shapes move borders by up to a few hundred metres. */
export const COUNTRY_BOX_PAD = 0.05;

export const isFocusCountry = (code: string): code is FocusCountry =>
  (FOCUS_COUNTRIES as readonly string[]).includes(code);

/** Why a location is not drawn. `recorded`: the importer or an editor set `problem`. */
export type PointProblem =
  | 'recorded'
  | 'missing-coordinates'
  | 'out-of-range'
  | 'outside-country'
  | 'no-region';

type CheckedLocation = {
  lat: number | null;
  lon: number | null;
  precision: string;
  country: string;
  admin1Code?: string | null;
  problem: string | null;
};

const validLat = (lat: number) => Number.isFinite(lat) && lat >= -90 && lat <= 90;
const validLon = (lon: number) => Number.isFinite(lon) && lon >= -180 && lon <= 180;

export function insideCountryBox(country: string, lon: number, lat: number, pad = COUNTRY_BOX_PAD): boolean {
  if (!isFocusCountry(country)) return false;
  const [west, south, east, north] = COUNTRY_BOXES[country];
  return lon >= west - pad && lon <= east + pad && lat >= south - pad && lat <= north + pad;
}

/**
 * The rule `map.points` applies in SQL (queries/map.ts), as a function for tests and the client: a pin
 * location (exact/near) is drawn when nothing is recorded against it and its point lies in range and in
 * its country's box; an admin-1/admin-2 location needs its region code. Country-level locations are
 * never drawn and never a problem (they are listed). Returns null when the location is fine.
 */
export function pointProblem(location: CheckedLocation): PointProblem | null {
  if (location.problem) return 'recorded';
  const { precision, lat, lon } = location;
  if (precision === 'exact' || precision === 'near') {
    if (lat === null || lon === null) return 'missing-coordinates';
    if (!validLat(lat) || !validLon(lon)) return 'out-of-range';
    if (!insideCountryBox(location.country, lon, lat)) return 'outside-country';
    return null;
  }
  if (precision === 'admin1' || precision === 'admin2') return location.admin1Code ? null : 'no-region';
  return null;
}

/**
 * `map.points` in compact form. Points are sorted by latitude then longitude and delta-encoded, so the
 * numbers are small and repeat: ≈ 3 bytes per point after gzip (89 255 points of the synthetic corpus:
 * 777 KB of JSON, 268 KB gzip). No ids travel: a click on a point asks `map.pin` for the projects at
 * that integer position.
 */
export type EncodedPoints = {
  /** Integer units per degree (`POINT_SCALE`). */
  scale: number;
  /** [Δlon, Δlat, Δlon, Δlat, …]: each pair is the difference to the previous point (the first to 0, 0). */
  deltas: number[];
  /** One character per point: `e` exact, `n` near (≤ 25 km). */
  precision: string;
};

export type PointInput = { x: number; y: number; near: boolean };

/**
 * Points already in integer units (`x` = lon, `y` = lat; the database rounds them, so the same location
 * always gets the same units), sorted here by y then x.
 */
export function encodePoints(points: readonly PointInput[]): EncodedPoints {
  const sorted = [...points].sort((a, b) => a.y - b.y || a.x - b.x);
  const deltas = new Array<number>(sorted.length * 2);
  let precision = '';
  let px = 0;
  let py = 0;
  sorted.forEach((p, i) => {
    deltas[2 * i] = p.x - px;
    deltas[2 * i + 1] = p.y - py;
    px = p.x;
    py = p.y;
    precision += p.near ? 'n' : 'e';
  });
  return { scale: POINT_SCALE, deltas, precision };
}

/**
 * Decoded points as flat typed arrays (no object per point): integer units (what `map.pin` takes back),
 * degrees, and 1 for `near`.
 */
export type DecodedPoints = {
  count: number;
  x: Int32Array;
  y: Int32Array;
  lon: Float64Array;
  lat: Float64Array;
  near: Uint8Array;
};

export function decodePoints(encoded: EncodedPoints): DecodedPoints {
  const count = Math.min(encoded.precision.length, Math.floor(encoded.deltas.length / 2));
  const xs = new Int32Array(count);
  const ys = new Int32Array(count);
  const lon = new Float64Array(count);
  const lat = new Float64Array(count);
  const near = new Uint8Array(count);
  let x = 0;
  let y = 0;
  for (let i = 0; i < count; i++) {
    x += encoded.deltas[2 * i] ?? 0;
    y += encoded.deltas[2 * i + 1] ?? 0;
    xs[i] = x;
    ys[i] = y;
    lon[i] = x / encoded.scale;
    lat[i] = y / encoded.scale;
    near[i] = encoded.precision.charCodeAt(i) === 110 ? 1 : 0; // 'n'
  }
  return { count, x: xs, y: ys, lon, lat, near };
}
