import { PIN_PRECISIONS } from '@srt/shared/codes';

/**
 * Pure GeoJSON builders for the maps: which layer a location belongs to, the pins as GeoJSON, the shipped
 * country outlines, and the bounds a map opens on. No Leaflet here, so the rules are unit-tested and the
 * components only draw what these functions return. Coordinates are GeoJSON order, [lon, lat].
 */

export type Position = [lon: number, lat: number];

/** A project location as `project.byId` returns it. */
export type MapLocation = {
  id: string;
  name: string;
  lat: number | null;
  lon: number | null;
  precision: string;
  admin1Code: string | null;
  country: string;
  problem: string | null;
};

/**
 * How a location is shown (DESIGN.md): a pin only for `exact`/`near` points; admin-level locations are
 * listed by region; country-level ones are listed, never pinned at a capital; a location with a data
 * problem (e.g. a point outside its country), without the coordinates a pin needs, or of an unknown
 * precision is listed as a data problem and never drawn.
 */
export type LocationLayer = 'pin' | 'region' | 'country' | 'problem';

const ADMIN_PRECISIONS: readonly string[] = ['admin1', 'admin2'];
const isPinPrecision = (precision: string) => PIN_PRECISIONS.some((p) => p === precision);

const hasPoint = (l: Pick<MapLocation, 'lat' | 'lon'>): l is { lat: number; lon: number } =>
  typeof l.lat === 'number' &&
  typeof l.lon === 'number' &&
  Number.isFinite(l.lat) &&
  Number.isFinite(l.lon) &&
  Math.abs(l.lat) <= 90 &&
  Math.abs(l.lon) <= 180;

export function locationLayer(
  location: Pick<MapLocation, 'lat' | 'lon' | 'precision' | 'problem'>,
): LocationLayer {
  if (location.problem) return 'problem';
  if (isPinPrecision(location.precision)) return hasPoint(location) ? 'pin' : 'problem';
  if (ADMIN_PRECISIONS.includes(location.precision)) return 'region';
  if (location.precision === 'country') return 'country';
  return 'problem';
}

export type LocationLayers<L> = Record<LocationLayer, L[]>;

/** The locations split by layer, each keeping the order it came in. */
export function splitLocations<L extends MapLocation>(locations: readonly L[]): LocationLayers<L> {
  const layers: LocationLayers<L> = { pin: [], region: [], country: [], problem: [] };
  for (const location of locations) layers[locationLayer(location)].push(location);
  return layers;
}

export type PinProperties = { id: string; name: string; precision: 'exact' | 'near' };
export type PinFeature = {
  type: 'Feature';
  id: string;
  geometry: { type: 'Point'; coordinates: Position };
  properties: PinProperties;
};
export type PinCollection = { type: 'FeatureCollection'; features: PinFeature[] };

/** The drawable pins as GeoJSON points; every other location is left out (see `locationLayer`). */
export function pinCollection(locations: readonly MapLocation[]): PinCollection {
  const features: PinFeature[] = [];
  for (const l of locations) {
    if (locationLayer(l) !== 'pin' || !hasPoint(l)) continue;
    features.push({
      type: 'Feature',
      id: l.id,
      geometry: { type: 'Point', coordinates: [l.lon, l.lat] },
      properties: { id: l.id, name: l.name, precision: l.precision === 'exact' ? 'exact' : 'near' },
    });
  }
  return { type: 'FeatureCollection', features };
}

type Ring = Position[];
export type OutlineGeometry =
  | { type: 'Polygon'; coordinates: Ring[] }
  | { type: 'MultiPolygon'; coordinates: Ring[][] };
export type OutlineFeature = {
  type: 'Feature';
  properties: { iso_a2: string; admin: string };
  geometry: OutlineGeometry;
};
export type OutlineCollection = { type: 'FeatureCollection'; features: OutlineFeature[] };

const isPosition = (value: unknown): value is Position =>
  Array.isArray(value) && value.length >= 2 && typeof value[0] === 'number' && typeof value[1] === 'number';
const isRing = (value: unknown): value is Ring => Array.isArray(value) && value.every(isPosition);
const isPolygon = (value: unknown): value is Ring[] => Array.isArray(value) && value.every(isRing);

function toOutline(feature: unknown): OutlineFeature | null {
  if (typeof feature !== 'object' || feature === null) return null;
  const { properties, geometry } = feature as { properties?: unknown; geometry?: unknown };
  if (typeof properties !== 'object' || properties === null) return null;
  if (typeof geometry !== 'object' || geometry === null) return null;
  const { iso_a2: iso, admin } = properties as { iso_a2?: unknown; admin?: unknown };
  const { type, coordinates } = geometry as { type?: unknown; coordinates?: unknown };
  if (typeof iso !== 'string') return null;
  const props = { iso_a2: iso, admin: typeof admin === 'string' ? admin : iso };
  if (type === 'Polygon' && isPolygon(coordinates))
    return { type: 'Feature', properties: props, geometry: { type, coordinates } };
  if (type === 'MultiPolygon' && Array.isArray(coordinates) && coordinates.every(isPolygon))
    return { type: 'Feature', properties: props, geometry: { type, coordinates } };
  return null;
}

/**
 * The shipped Natural Earth country outlines (a GeoJSON text), checked: features without an ISO code or a
 * polygon geometry are dropped rather than handed to Leaflet.
 */
export function parseOutlines(text: string): OutlineCollection {
  const data: unknown = JSON.parse(text);
  const features =
    typeof data === 'object' && data !== null && 'features' in data && Array.isArray(data.features)
      ? data.features
      : [];
  return {
    type: 'FeatureCollection',
    features: features.map(toOutline).filter((f): f is OutlineFeature => f !== null),
  };
}

/** [[south, west], [north, east]]: what Leaflet's `bounds` takes. */
export type LatLonBounds = [[number, number], [number, number]];

function polygonsOf(geometry: OutlineGeometry): Ring[][] {
  return geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
}

function extend(box: number[] | null, [lon, lat]: Position): number[] {
  if (!box) return [lon, lat, lon, lat];
  return [
    Math.min(box[0] ?? lon, lon),
    Math.min(box[1] ?? lat, lat),
    Math.max(box[2] ?? lon, lon),
    Math.max(box[3] ?? lat, lat),
  ];
}

function boxOf(features: readonly OutlineFeature[]): number[] | null {
  let box: number[] | null = null;
  for (const f of features) {
    for (const polygon of polygonsOf(f.geometry)) for (const p of polygon[0] ?? []) box = extend(box, p);
  }
  return box;
}

/**
 * What a project map opens on: its pins together with the outlines of its countries (so a single pin is
 * seen in its country); with neither, all the shipped outlines. A margin of `pad` (share of the span,
 * at least 0.2°) keeps pins off the edge.
 */
export function mapBounds(
  outlines: OutlineCollection,
  options: { countries?: readonly string[]; pins?: PinCollection; pad?: number } = {},
): LatLonBounds | null {
  const countries = new Set(options.countries ?? []);
  const chosen = outlines.features.filter((f) => countries.has(f.properties.iso_a2));
  let box = boxOf(chosen);
  for (const pin of options.pins?.features ?? []) box = extend(box, pin.geometry.coordinates);
  box ??= boxOf(outlines.features);
  if (!box) return null;
  const [west = 0, south = 0, east = 0, north = 0] = box;
  const pad = options.pad ?? 0.05;
  const dLon = Math.max((east - west) * pad, 0.2);
  const dLat = Math.max((north - south) * pad, 0.2);
  return [
    [Math.max(south - dLat, -90), Math.max(west - dLon, -180)],
    [Math.min(north + dLat, 90), Math.min(east + dLon, 180)],
  ];
}
