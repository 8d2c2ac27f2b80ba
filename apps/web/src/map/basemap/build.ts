/**
 * Writes the context layers of the officials' offline basemap (`pnpm --filter @srt/web basemap`) from a
 * file in the repository and two pinned npm packages — no download. (The four countries and their admin-1
 * regions are the Natural Earth files beside this folder, shared with the other maps.)
 *
 * - neighbours.geojson  the countries around the four, for context: `world-atlas` 2.0.2 countries-50m
 *                       (Natural Earth 1:50m, public domain) through `topojson-client` 3.1.0, clipped to
 *                       the map's area, simplified within 0.02° (≈ 2 km), 2 decimals
 * - cities.geojson      GeoNames places (CC BY 4.0, packages/db/data): name, country, feature code,
 *                       population (≈ 9 KB gzip)
 *
 * Output is deterministic: run it again after changing an input, and commit the result.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { type Bbox, bboxOfPolygons, intersects, polygonsOf, shrinkGeometry } from './shrink.ts';

const dataDir = new URL('../../../../../packages/db/data/', import.meta.url);
const outDir = new URL('./', import.meta.url);
const require = createRequire(import.meta.url);

/** The neighbours are clipped to this box: a margin around the four countries that the map never pans past. */
export const CONTEXT_BOX: Bbox = [22, 24, 100, 58];
/** ISO 3166-1 numeric ids of the four countries in world-atlas: drawn from our finer shapes instead. */
const OWN_IDS = new Set(['031', '762', '795', '860']);

type Geometry =
  | { type: 'Polygon'; coordinates: [number, number][][] }
  | { type: 'MultiPolygon'; coordinates: [number, number][][][] };
type Feature<P> = { type: 'Feature'; properties: P; geometry: Geometry };

const readJson = <T>(url: URL): T => JSON.parse(readFileSync(url, 'utf8')) as T;

function write(name: string, features: unknown[]) {
  // One feature per line: small diffs when the inputs change, still valid GeoJSON.
  const body = features.map((f) => JSON.stringify(f)).join(',\n');
  writeFileSync(new URL(name, outDir), `{"type":"FeatureCollection","features":[\n${body}\n]}\n`);
}

function shrinkAll<P, Q>(
  features: Feature<P>[],
  props: (p: P) => Q,
  options: { decimals: number; box?: Bbox; tolerance?: number },
) {
  return features.flatMap((f) => {
    const geometry = shrinkGeometry(f.geometry, options);
    return geometry ? [{ type: 'Feature', properties: props(f.properties), geometry }] : [];
  });
}

const world = readJson<Topology<{ countries: GeometryCollection<{ name: string }> }>>(
  new URL(`file://${require.resolve('world-atlas/countries-50m.json')}`),
);
const neighbours = feature(world, world.objects.countries).features.flatMap((f) => {
  const id = String(f.id ?? '');
  const geometry = f.geometry as Geometry | null;
  if (OWN_IDS.has(id) || !geometry || (geometry.type !== 'Polygon' && geometry.type !== 'MultiPolygon'))
    return [];
  if (!intersects(bboxOfPolygons(polygonsOf(geometry)), CONTEXT_BOX)) return [];
  return [{ type: 'Feature' as const, properties: { id, name: f.properties.name }, geometry }];
});
write(
  'neighbours.geojson',
  shrinkAll(neighbours, (p) => p, { decimals: 2, box: CONTEXT_BOX, tolerance: 0.02 }),
);

const places = readJson<{
  features: {
    properties: { name: string; country_iso2: string; feature_code: string; population: number };
    geometry: { coordinates: [number, number] };
  }[];
}>(new URL('geonames_cities_az_tj_tm_uz.geojson', dataDir));
write(
  'cities.geojson',
  places.features.map((f) => ({
    type: 'Feature',
    properties: {
      name: f.properties.name,
      iso: f.properties.country_iso2,
      code: f.properties.feature_code,
      population: f.properties.population,
    },
    geometry: {
      type: 'Point',
      coordinates: [
        Math.round(f.geometry.coordinates[0] * 1e3) / 1e3,
        Math.round(f.geometry.coordinates[1] * 1e3) / 1e3,
      ],
    },
  })),
);
