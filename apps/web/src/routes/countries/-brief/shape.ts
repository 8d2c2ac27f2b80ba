import {
  type ChartData,
  type ChartFlow,
  type FlowTotal,
  fundingByFunder,
  fundingBySector,
  type SummaryForCharts,
} from '@srt/shared/charts';
import { FOCUS_COUNTRIES, NOMINAL } from '@srt/shared/codes';
import type { ProjectFilter } from '@srt/shared/filter';
import type { Language } from '../../../i18n/index.ts';
import type { ChoroplethFeature, ChoroplethGeometry } from '../../../map/region-choropleth.tsx';
import { REGION_NAMES } from './region-names.ts';

/**
 * Pure shaping for the country brief (`/countries/$iso`): which countries have a brief, the filter it
 * queries, the admin-1 shapes of its map, region names and values, and the top sectors/funders tables.
 * No React and no Leaflet here, so all of it is unit-tested.
 */

export type BriefCountry = (typeof FOCUS_COUNTRIES)[number];

/** The brief's country from the path (`uz` is accepted as `UZ`), or null when there is no such brief. */
export function briefCountry(param: string): BriefCountry | null {
  const code = param.trim().toUpperCase();
  return FOCUS_COUNTRIES.find((c) => c === code) ?? null;
}

/** The URL filter with the country fixed by the path (the URL's own `countries` do not apply). */
export function briefFilter(filter: ProjectFilter, country: BriefCountry): ProjectFilter {
  return { ...filter, countries: [country] };
}

/** The URL filter without its countries: what a brief link carries (the path names the country). */
export function withoutCountries(filter: ProjectFilter): ProjectFilter {
  const { countries: _ignored, ...rest } = filter;
  return rest;
}

// ---- region shapes --------------------------------------------------------------------------------

export type RegionProperties = { code_hasc: string; iso_a2: string; name: string };
export type RegionFeature = ChoroplethFeature & {
  properties: RegionProperties;
  geometry: ChoroplethGeometry;
};
export type RegionCollection = { type: 'FeatureCollection'; features: RegionFeature[] };

type Ring = number[][];
const isPosition = (v: unknown): v is number[] =>
  Array.isArray(v) && v.length >= 2 && v.every((n) => typeof n === 'number' && Number.isFinite(n));
const isRing = (v: unknown): v is Ring => Array.isArray(v) && v.length >= 4 && v.every(isPosition);
const isPolygon = (v: unknown): v is Ring[] => Array.isArray(v) && v.length > 0 && v.every(isRing);

function toRegion(value: unknown): RegionFeature | null {
  if (typeof value !== 'object' || value === null) return null;
  const { properties, geometry } = value as { properties?: unknown; geometry?: unknown };
  if (typeof properties !== 'object' || properties === null) return null;
  if (typeof geometry !== 'object' || geometry === null) return null;
  const { code_hasc: code, iso_a2: iso, name } = properties as Record<string, unknown>;
  if (typeof code !== 'string' || typeof iso !== 'string' || code === '') return null;
  const props: RegionProperties = {
    code_hasc: code,
    iso_a2: iso,
    name: typeof name === 'string' ? name : code,
  };
  const { type, coordinates } = geometry as { type?: unknown; coordinates?: unknown };
  if (type === 'Polygon' && isPolygon(coordinates))
    return { type: 'Feature', properties: props, geometry: { type, coordinates } };
  if (type === 'MultiPolygon' && Array.isArray(coordinates) && coordinates.every(isPolygon))
    return { type: 'Feature', properties: props, geometry: { type, coordinates } };
  return null;
}

/** The shipped admin-1 shapes (GeoJSON text), keeping features with a region key and polygons. */
export function parseRegionShapes(text: string): RegionCollection {
  const data: unknown = JSON.parse(text);
  const features =
    typeof data === 'object' && data !== null && 'features' in data && Array.isArray(data.features)
      ? data.features
      : [];
  return {
    type: 'FeatureCollection',
    features: features.map(toRegion).filter((f): f is RegionFeature => f !== null),
  };
}

/** The regions of one country. */
export function countryRegions(shapes: RegionCollection, country: string): RegionCollection {
  return {
    type: 'FeatureCollection',
    features: shapes.features.filter((f) => f.properties.iso_a2 === country),
  };
}

/** [[south, west], [north, east]], what Leaflet's `bounds` takes. */
export type LatLonBounds = [[number, number], [number, number]];

/** The box around the shapes' outer rings, with a margin of `pad` (share of the span) on each side. */
export function shapeBounds(shapes: RegionCollection, pad = 0.02): LatLonBounds | null {
  let west = Number.POSITIVE_INFINITY;
  let south = Number.POSITIVE_INFINITY;
  let east = Number.NEGATIVE_INFINITY;
  let north = Number.NEGATIVE_INFINITY;
  for (const { geometry } of shapes.features) {
    const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
    for (const polygon of polygons)
      for (const [lon = 0, lat = 0] of polygon[0] ?? []) {
        west = Math.min(west, lon);
        east = Math.max(east, lon);
        south = Math.min(south, lat);
        north = Math.max(north, lat);
      }
  }
  if (!Number.isFinite(west)) return null;
  const dLon = (east - west) * pad;
  const dLat = (north - south) * pad;
  return [
    [south - dLat, west - dLon],
    [north + dLat, east + dLon],
  ];
}

/**
 * Each region key's name in the UI language: the current name where Natural Earth keeps an older one,
 * else Natural Earth's. Two shapes sharing one key (Natural Earth gives two AZ pairs the same `code_hasc`)
 * are named together, "A / B".
 */
export function regionNames(shapes: RegionCollection, language: Language): Map<string, string> {
  const names = new Map<string, string[]>();
  for (const { properties } of shapes.features) {
    const list = names.get(properties.code_hasc) ?? [];
    if (!list.includes(properties.name)) list.push(properties.name);
    names.set(properties.code_hasc, list);
  }
  return new Map(
    [...names].map(([code, list]) => [code, REGION_NAMES[code]?.[language] ?? list.join(' / ')]),
  );
}

export type RegionCount = { code: string; projects: number };

/** The country's regions of `map.summary` (which also lists the regions of a project's other countries). */
export function briefRegions(
  summary: { regions: readonly { region: string; country: string; projects: number }[] },
  country: string,
): RegionCount[] {
  return summary.regions
    .filter((r) => r.country === country)
    .map((r) => ({ code: r.region, projects: r.projects }));
}

/** Projects per region key, for the choropleth. */
export const regionValues = (rows: readonly RegionCount[]): Record<string, number> =>
  Object.fromEntries(rows.map((r) => [r.code, r.projects]));

/** The regions with the most projects (ties by name), named; regions without a shape are left out. */
export function topRegions(
  rows: readonly RegionCount[],
  names: ReadonlyMap<string, string>,
  limit: number,
  language: Language,
): { code: string; name: string; projects: number }[] {
  return rows
    .flatMap((r) => {
      const name = names.get(r.code);
      return name && r.projects > 0 ? [{ code: r.code, name, projects: r.projects }] : [];
    })
    .sort((a, b) => b.projects - a.projects || a.name.localeCompare(b.name, language))
    .slice(0, limit);
}

// ---- key figures and top tables -------------------------------------------------------------------

/** Key-figure order: what was committed, what was paid, and apart from both what was pledged. */
export const BRIEF_FLOWS: readonly ChartFlow[] = ['commitment', 'disbursement', 'pledge'];

/** An amount of one flow: nominal USD, and constant-price sums beside it (never added to it). */
export type FlowCell = { nominal: string | null; constant: { priceBasis: string; usd: string }[] };

export type TopRow = {
  key: string | null;
  label: string | null;
  isOther: boolean;
  otherCount: number;
  cells: Record<ChartFlow, FlowCell>;
};
export type TopTable = { flows: ChartFlow[]; rows: TopRow[] };

/**
 * A top-N table from chart data (`fundingBySector`/`fundingByFunder` rank and sum, exactly): one column
 * per flow that has an amount in the table, in `BRIEF_FLOWS` order; constant-price amounts stay apart.
 */
export function topTable(data: ChartData<string>): TopTable {
  const flows = BRIEF_FLOWS.filter((flow) => data.series.some((s) => s.flow === flow && s.hasData));
  const rows = data.rows.map((row): TopRow => {
    const cell = (flow: ChartFlow): FlowCell => {
      const result: FlowCell = { nominal: null, constant: [] };
      for (const s of data.series) {
        const usd = s.flow === flow ? (row.amounts[s.key] ?? null) : null;
        if (usd === null) continue;
        if (s.priceBasis === NOMINAL) result.nominal = usd;
        else result.constant.push({ priceBasis: s.priceBasis, usd });
      }
      return result;
    };
    const cells = {
      pledge: cell('pledge'),
      commitment: cell('commitment'),
      disbursement: cell('disbursement'),
    };
    return { key: row.key, label: row.label, isOther: row.isOther, otherCount: row.otherCount, cells };
  });
  return { flows, rows };
}

/** Rows in the top tables of a brief (the rest are summed as "other"). */
export const BRIEF_TOP = 5;

/** The top sectors and funders tables of a summary. */
export function briefTopTables(summary: SummaryForCharts, limit = BRIEF_TOP) {
  return {
    sectors: topTable(fundingBySector(summary.bySector, limit)),
    funders: topTable(fundingByFunder(summary.byFunder, limit)),
  };
}

/** Whether a flow total has anything to show (a nominal or a constant-price amount). */
export const hasAmount = (total: FlowTotal | undefined): boolean =>
  Boolean(total && (total.nominal !== null || total.constant.length > 0));
