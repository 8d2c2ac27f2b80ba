import { buildRegionIndex, placePoint, type RegionFeatureCollection } from '@srt/shared/geo';
import type { Language } from '../i18n/index.ts';
import { regionShapes } from '../map/shapes.ts';
import { regionNames } from '../routes/countries/-brief/shape.ts';

/**
 * Where a point lies on the shipped Natural Earth admin-1 shapes (the same shapes and the same
 * point-in-polygon test as the import, packages/shared/src/geo.ts). Loaded with the location picker's lazy
 * chunk, never with the first page.
 */
const index = buildRegionIndex(regionShapes as RegionFeatureCollection);

export type PointPlace = {
  /** The admin-1 region (`code_hasc`) of the point in its stated country, or null. */
  admin1Code: string | null;
  /** The point lies outside its stated country (one of the countries with shapes). */
  outside: boolean;
  /** The country whose shapes contain the point, if any. */
  foundCountry: string | null;
};

export function placeOnShapes(lat: number, lon: number, country: string): PointPlace {
  const placed = placePoint(index, { lat, lon, country });
  return {
    admin1Code: placed.admin1Code,
    outside: placed.problem !== null,
    foundCountry: placed.foundCountry,
  };
}

/** Whether the shipped shapes cover a country (the four), i.e. whether its points can be checked. */
export const hasShapes = (country: string) => index.countries.has(country);

/** The admin-1 regions of a country, named in the UI language, sorted by name. */
export function regionsOf(country: string, language: Language): { value: string; label: string }[] {
  const names = regionNames(
    {
      type: 'FeatureCollection',
      features: regionShapes.features.filter((f) => f.properties.iso_a2 === country),
    },
    language,
  );
  return [...names]
    .map(([value, label]) => ({ value, label }))
    .sort((a, b) => a.label.localeCompare(b.label, language));
}
