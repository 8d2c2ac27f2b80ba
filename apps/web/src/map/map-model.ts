import type { ChoroplethInput } from '@srt/shared/choropleth';
import { NOMINAL } from '@srt/shared/codes';

/**
 * Pure shaping for the officials' map (/map and the overview): `map.summary` rows → choropleth values,
 * the metric and price-basis choices, figures per flow, city labels per zoom. (Region shapes and names:
 * routes/countries/-brief/shape.ts, shared with the country brief.) No Leaflet and
 * no React, so every rule here is unit-tested (map-model.test.ts) and the components only draw.
 */

/** One `{ flow, priceBasis }` sum, as `map.summary` and `stats.summary` return them. */
export type Amount = {
  flow: string;
  priceBasis: string;
  usd: string | null;
  rows: number;
  rowsWithoutUsd: number;
};
export type CountryFigures = {
  country: string;
  projects: number;
  countryLevelProjects: number;
  pins: number;
  problemLocations: number;
  amounts: Amount[];
};
export type RegionFigures = {
  region: string;
  country: string;
  projects: number;
  areaOnlyProjects: number;
  amounts: Amount[];
};
export type Summary = { countries: CountryFigures[]; regions: RegionFigures[] };

/** What the polygons are: the four countries, or their admin-1 regions. */
export const LEVELS = ['country', 'region'] as const;
export type Level = (typeof LEVELS)[number];
/**
 * What the colour measures. Money metrics are always one flow in one price basis: a pledge is never a
 * commitment, and constant-price USD is never added to nominal USD.
 */
export const METRICS = ['projects', 'commitment', 'disbursement'] as const;
export type Metric = (typeof METRICS)[number];
export type MoneyFlow = Exclude<Metric, 'projects'>;

export const isLevel = (value: unknown): value is Level => LEVELS.some((l) => l === value);
export const isMetric = (value: unknown): value is Metric => METRICS.some((m) => m === value);

const rowsOf = (summary: Summary, level: Level): (CountryFigures | RegionFigures)[] =>
  level === 'country' ? summary.countries : summary.regions;
const keyOf = (row: CountryFigures | RegionFigures) => ('region' in row ? row.region : row.country);

/** The price bases a flow has in the data, nominal first, then constant years ascending. */
export function priceBases(summary: Summary, level: Level, flow: MoneyFlow): string[] {
  const bases = new Set<string>();
  for (const row of rowsOf(summary, level))
    for (const a of row.amounts) if (a.flow === flow && a.usd !== null) bases.add(a.priceBasis);
  return [...bases].sort((a, b) => (a === NOMINAL ? -1 : b === NOMINAL ? 1 : a.localeCompare(b)));
}

/** The basis to colour by: the one asked for when the data has it, else nominal, else the first there is. */
export function chooseBasis(available: readonly string[], wanted: string | undefined): string {
  if (wanted && available.includes(wanted)) return wanted;
  return available.includes(NOMINAL) ? NOMINAL : (available[0] ?? NOMINAL);
}

/** The USD of one flow in one basis (a decimal string), or null when there is none. */
export function usdOf(amounts: readonly Amount[], flow: string, basis: string): string | null {
  return amounts.find((a) => a.flow === flow && a.priceBasis === basis)?.usd ?? null;
}

/** The value of every polygon for the metric: a count, a USD decimal string, or null (no data). */
export function metricValues(
  summary: Summary,
  level: Level,
  metric: Metric,
  basis: string,
): Record<string, ChoroplethInput> {
  const values: Record<string, ChoroplethInput> = {};
  for (const row of rowsOf(summary, level))
    values[keyOf(row)] = metric === 'projects' ? row.projects : usdOf(row.amounts, metric, basis);
  return values;
}

export const FIGURE_FLOWS = ['commitment', 'disbursement', 'pledge'] as const;
export type FigureFlow = (typeof FIGURE_FLOWS)[number];
export type FlowFigure = {
  flow: FigureFlow;
  /** One entry per price basis with a USD sum, nominal first: shown side by side, never added. */
  sums: { priceBasis: string; usd: string }[];
  /** Funding rows of this flow without a USD value (no known rate): counted, not guessed. */
  rowsWithoutUsd: number;
};

/** Committed, disbursed and pledged USD, each with its price bases kept apart. */
export function flowFigures(amounts: readonly Amount[]): FlowFigure[] {
  return FIGURE_FLOWS.map((flow) => {
    const ofFlow = amounts.filter((a) => a.flow === flow);
    return {
      flow,
      sums: ofFlow
        .filter((a): a is Amount & { usd: string } => a.usd !== null)
        .map((a) => ({ priceBasis: a.priceBasis, usd: a.usd }))
        .sort((a, b) =>
          a.priceBasis === NOMINAL
            ? -1
            : b.priceBasis === NOMINAL
              ? 1
              : a.priceBasis.localeCompare(b.priceBasis),
        ),
      rowsWithoutUsd: ofFlow.reduce((n, a) => n + a.rowsWithoutUsd, 0),
    };
  });
}

export type City = { name: string; lon: number; lat: number; code: string; population: number };

/** The zoom from which a place is labelled: capitals always, admin-1 seats from 6, other places from 8. */
export function cityMinZoom(code: string): number {
  if (code === 'PPLC') return 0;
  if (code === 'PPLA') return 6;
  return 8;
}

/** The places to label at a zoom, biggest first (so the largest win where labels would collide). */
export function citiesAtZoom<C extends City>(cities: readonly C[], zoom: number): C[] {
  return cities.filter((c) => cityMinZoom(c.code) <= zoom).sort((a, b) => b.population - a.population);
}

/** Parses the shipped GeoNames places (cities.geojson), dropping anything malformed. */
export function parseCities(text: string): City[] {
  const data: unknown = JSON.parse(text);
  const features =
    typeof data === 'object' && data !== null && 'features' in data && Array.isArray(data.features)
      ? (data.features as unknown[])
      : [];
  return features.flatMap((f): City[] => {
    if (typeof f !== 'object' || f === null) return [];
    const { properties: p, geometry: g } = f as {
      properties?: Record<string, unknown>;
      geometry?: { coordinates?: unknown };
    };
    const coordinates = g?.coordinates;
    if (!p || !Array.isArray(coordinates)) return [];
    const [lon, lat] = coordinates as unknown[];
    if (typeof p.name !== 'string' || typeof lon !== 'number' || typeof lat !== 'number') return [];
    return [
      {
        name: p.name,
        lon,
        lat,
        code: typeof p.code === 'string' ? p.code : 'PPL',
        population: typeof p.population === 'number' ? p.population : 0,
      },
    ];
  });
}

export type LabelBox = { x: number; y: number; width: number; height: number };

/**
 * Which labels to show so none overlaps another: greedy in the order given (biggest place first), in
 * screen pixels. Returns the indices kept.
 */
export function declutter(boxes: readonly LabelBox[], gap = 2): number[] {
  const kept: LabelBox[] = [];
  const indices: number[] = [];
  boxes.forEach((box, i) => {
    const clear = kept.every(
      (k) =>
        box.x + box.width + gap <= k.x ||
        k.x + k.width + gap <= box.x ||
        box.y + box.height + gap <= k.y ||
        k.y + k.height + gap <= box.y,
    );
    if (clear) {
      kept.push(box);
      indices.push(i);
    }
  });
  return indices;
}

/** Rough width of a label in pixels (11 px text), for `declutter`. */
export const labelWidth = (text: string, capital = false) =>
  Math.ceil(text.length * (capital ? 7.2 : 6.4)) + 8;

type Shape = {
  type: 'Feature';
  properties: Record<string, unknown>;
  geometry:
    | { type: 'Polygon'; coordinates: number[][][] }
    | { type: 'MultiPolygon'; coordinates: number[][][][] };
};
export type ShapeCollection = { type: 'FeatureCollection'; features: Shape[] };

/** Parses shipped polygon GeoJSON (the neighbouring countries), keeping polygon features only. */
export function parseShapes(text: string): ShapeCollection {
  const data: unknown = JSON.parse(text);
  const features =
    typeof data === 'object' && data !== null && 'features' in data && Array.isArray(data.features)
      ? (data.features as unknown[])
      : [];
  return {
    type: 'FeatureCollection',
    features: features.filter((f): f is Shape => {
      if (typeof f !== 'object' || f === null) return false;
      const { geometry, properties } = f as {
        geometry?: { type?: unknown; coordinates?: unknown };
        properties?: unknown;
      };
      return (
        typeof properties === 'object' &&
        properties !== null &&
        (geometry?.type === 'Polygon' || geometry?.type === 'MultiPolygon') &&
        Array.isArray(geometry.coordinates)
      );
    }),
  };
}
