/**
 * Places imported locations with the shipped Natural Earth admin-1 shapes: the admin-1 region of a point,
 * and a `problem` when the point lies outside the country it is given for (kept, listed, never drawn).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  buildRegionIndex,
  placePoint,
  type RegionFeatureCollection,
  type RegionIndex,
} from '@srt/shared/geo';
import type { LocationRecord } from './types.ts';

export const ADMIN1_SHAPES_FILE = fileURLToPath(
  new URL('../../data/ne_10m_admin1_az_tj_tm_uz.geojson', import.meta.url),
);

let cached: RegionIndex | undefined;

/** The admin-1 index of the four countries, built once per process from the shipped file. */
export function admin1Index(): RegionIndex {
  if (!cached) {
    const collection = JSON.parse(readFileSync(ADMIN1_SHAPES_FILE, 'utf8')) as RegionFeatureCollection;
    cached = buildRegionIndex(collection);
  }
  return cached;
}

export type PlacedLocation = {
  admin1Code: string | null;
  problem: string | null;
};

/**
 * A location's admin-1 code (the file's own when it gives one, else derived from the point) and its
 * problem, if any: coordinates out of range, only one of lat/lon, an exact or near location without a
 * point, or a point outside its stated country.
 */
export function placeLocation(location: LocationRecord, index: RegionIndex = admin1Index()): PlacedLocation {
  const given = location.admin1Code?.trim() || null;
  const { lat, lon } = location;
  const hasLat = typeof lat === 'number';
  const hasLon = typeof lon === 'number';
  if (hasLat !== hasLon) {
    return { admin1Code: given, problem: 'Only one of latitude and longitude is given' };
  }
  if (!hasLat || !hasLon) {
    const pinned = location.precision === 'exact' || location.precision === 'near';
    return {
      admin1Code: given,
      problem: pinned ? `An ${location.precision} location without coordinates` : null,
    };
  }
  const placed = placePoint(index, { lat, lon, country: location.country });
  if (placed.problem) return { admin1Code: given, problem: placed.problem };
  // A country-level location names no region, even when the file gives a representative point.
  const derived = location.precision === 'country' ? null : placed.admin1Code;
  return { admin1Code: given ?? derived, problem: null };
}
