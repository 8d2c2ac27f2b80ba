import { PRICE_BASIS_PATTERN } from '@srt/shared/codes';
import { isFocusCountry } from '@srt/shared/map-points';
import { type DroppedParam, type Sanitized, sanitizeFilter, showValue } from '../../filter/search.ts';
import { isLevel, isMetric, type Level, type Metric } from '../../map/map-model.ts';

/**
 * The URL of /map: the shared project filter (the same as /projects), plus what the map shows —
 * `level` (country or region polygons; default region), `metric` (default projects), `basis` (the price
 * basis money is coloured by; default nominal, else whatever the data has) and `area`, the country
 * (`UZ`) or region (`UZ.BU`) whose side panel is open. Defaults are left out of the URL.
 */
export type MapSearch = ReturnType<typeof sanitizeFilter>['value'] & {
  level?: Level;
  metric?: Metric;
  basis?: string;
  area?: string;
};

export const DEFAULT_LEVEL: Level = 'region';
export const DEFAULT_METRIC: Metric = 'projects';

const AREA = /^([A-Z]{2})(\.[A-Z0-9]{2})?$/;

/** The country and region of an `area` param, or null when it names none of the four countries. */
export function parseArea(area: string | undefined): { country: string; region?: string } | null {
  const match = area ? AREA.exec(area) : null;
  if (!match?.[1] || !isFocusCountry(match[1])) return null;
  return match[2] ? { country: match[1], region: `${match[1]}${match[2]}` } : { country: match[1] };
}

export function sanitizeMapSearch(search: Record<string, unknown>): Sanitized<MapSearch> {
  const { value, dropped } = sanitizeFilter(search);
  const result: MapSearch = { ...value };
  const more: DroppedParam[] = [];
  const check = (param: string, ok: boolean, keep: () => void) => {
    if (search[param] === undefined) return;
    if (ok) keep();
    else more.push({ param, value: showValue(search[param]), reason: 'invalid' });
  };
  check('level', isLevel(search.level), () => {
    if (search.level !== DEFAULT_LEVEL && isLevel(search.level)) result.level = search.level;
  });
  check('metric', isMetric(search.metric), () => {
    if (search.metric !== DEFAULT_METRIC && isMetric(search.metric)) result.metric = search.metric;
  });
  check('basis', typeof search.basis === 'string' && PRICE_BASIS_PATTERN.test(search.basis), () => {
    result.basis = String(search.basis);
  });
  const area = typeof search.area === 'string' ? search.area.trim().toUpperCase() : undefined;
  check('area', parseArea(area) !== null, () => {
    result.area = area;
  });
  return { value: result, dropped: [...dropped, ...more] };
}
