import { parseRegionShapes } from '../routes/countries/-brief/shape.ts';
import citiesText from './basemap/cities.geojson?raw';
import neighboursText from './basemap/neighbours.geojson?raw';
import { type LatLonBounds, mapBounds, parseOutlines } from './geo.ts';
import { parseCities, parseShapes } from './map-model.ts';
import outlineText from './ne_10m_admin0_az_tj_tm_uz_dissolved.geojson?raw';
import regionText from './ne_10m_admin1_az_tj_tm_uz.geojson?raw';

/**
 * The offline basemap, parsed once when the map's lazy chunk loads: the four countries and their admin-1
 * regions (Natural Earth 1:10m), the neighbouring countries (Natural Earth 1:50m via world-atlas) and
 * GeoNames places — see basemap/build.ts. ≈ 100 KB gzip in all.
 */
export const countryShapes = parseOutlines(outlineText);
export const regionShapes = parseRegionShapes(regionText);
export const neighbourShapes = parseShapes(neighboursText);
export const cities = parseCities(citiesText);

/** The map never pans far from the four countries (the neighbours are clipped to a bit more than this). */
export const MAX_BOUNDS: LatLonBounds = [
  [29, 32],
  [53, 88],
];
/** The four countries, with a small margin. */
export const INITIAL_BOUNDS: LatLonBounds = mapBounds(countryShapes, { pad: 0.03 }) ?? MAX_BOUNDS;
