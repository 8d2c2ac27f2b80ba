import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Random } from './random.ts';

/** Natural Earth 10m admin-1 regions of AZ, TJ, TM and UZ (copied from shared/data, unchanged). */
const ADMIN1_FILE = fileURLToPath(new URL('../../data/ne_10m_admin1_az_tj_tm_uz.geojson', import.meta.url));

type Ring = [number, number][];
/** Outer ring first, then holes; coordinates are [lon, lat]. */
type Polygon = Ring[];

export type Region = {
  /** Natural Earth `code_hasc`, e.g. `UZ.BU`. */
  code: string;
  name: string;
  country: string;
  polygons: Polygon[];
  bbox: { minLon: number; minLat: number; maxLon: number; maxLat: number };
  /** Rough area in square degrees, to weight random picks towards large regions. */
  area: number;
};

type Feature = {
  properties: { code_hasc?: string; name?: string; iso_a2?: string };
  geometry: { type: 'Polygon'; coordinates: Polygon } | { type: 'MultiPolygon'; coordinates: Polygon[] };
};

function ringArea(ring: Ring): number {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i] ?? [0, 0];
    const [xj, yj] = ring[j] ?? [0, 0];
    sum += (xj - xi) * (yj + yi);
  }
  return Math.abs(sum / 2);
}

function inRing(lon: number, lat: number, ring: Ring): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i] ?? [0, 0];
    const [xj, yj] = ring[j] ?? [0, 0];
    if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function inPolygon(lon: number, lat: number, [outer, ...holes]: Polygon): boolean {
  if (!outer || !inRing(lon, lat, outer)) return false;
  return !holes.some((hole) => inRing(lon, lat, hole));
}

export function regionContains(region: Region, lon: number, lat: number): boolean {
  const b = region.bbox;
  if (lon < b.minLon || lon > b.maxLon || lat < b.minLat || lat > b.maxLat) return false;
  return region.polygons.some((polygon) => inPolygon(lon, lat, polygon));
}

export type Regions = {
  all: Region[];
  byCountry: Map<string, Region[]>;
  /** Each country's regions weighted by the square root of their area, for random picks. */
  weightedByCountry: Map<string, (readonly [Region, number])[]>;
  /** The region a point falls in (optionally only among one country's regions). */
  regionAt(lon: number, lat: number, country?: string): Region | undefined;
};

let cached: Regions | undefined;

export function loadRegions(): Regions {
  if (cached) return cached;
  const geojson = JSON.parse(readFileSync(ADMIN1_FILE, 'utf8')) as { features: Feature[] };
  const all: Region[] = [];
  for (const feature of geojson.features) {
    const { code_hasc: code, name, iso_a2: country } = feature.properties;
    if (!code || !name || !country) continue;
    const polygons =
      feature.geometry.type === 'Polygon' ? [feature.geometry.coordinates] : feature.geometry.coordinates;
    const bbox = { minLon: 180, minLat: 90, maxLon: -180, maxLat: -90 };
    let area = 0;
    for (const polygon of polygons) {
      const outer = polygon[0] ?? [];
      area += ringArea(outer);
      for (const [lon, lat] of outer) {
        bbox.minLon = Math.min(bbox.minLon, lon);
        bbox.maxLon = Math.max(bbox.maxLon, lon);
        bbox.minLat = Math.min(bbox.minLat, lat);
        bbox.maxLat = Math.max(bbox.maxLat, lat);
      }
    }
    all.push({ code, name, country, polygons, bbox, area });
  }
  const byCountry = new Map<string, Region[]>();
  for (const region of all) byCountry.set(region.country, [...(byCountry.get(region.country) ?? []), region]);
  const weightedByCountry = new Map(
    [...byCountry].map(([country, list]) => [country, list.map((r) => [r, Math.sqrt(r.area)] as const)]),
  );
  cached = {
    all,
    byCountry,
    weightedByCountry,
    regionAt: (lon, lat, country) =>
      (country ? (byCountry.get(country) ?? []) : all).find((r) => regionContains(r, lon, lat)),
  };
  return cached;
}

/** A uniformly random point inside the region (rejection sampling in its bounding box). */
export function randomPointIn(random: Random, region: Region): { lon: number; lat: number } {
  const b = region.bbox;
  for (let attempt = 0; attempt < 10_000; attempt++) {
    const lon = b.minLon + random.next() * (b.maxLon - b.minLon);
    const lat = b.minLat + random.next() * (b.maxLat - b.minLat);
    if (regionContains(region, lon, lat)) return { lon, lat };
  }
  throw new Error(`no point found inside ${region.code}`);
}

/** A region of the country, the larger ones more often (as projects spread over land, roughly). */
export function randomRegion(random: Random, regions: Regions, country: string): Region {
  const choices = regions.weightedByCountry.get(country);
  if (!choices?.length) throw new Error(`no regions for ${country}`);
  return random.weighted(choices);
}
