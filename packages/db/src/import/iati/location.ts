import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { COUNTRY_CODES, countryName, isCountryCode } from '@srt/shared/codes';
import type { ImportIssue, LocationRecord } from '../types.ts';
import { APPROXIMATE, EXACT, LOCATION_CLASS } from './codelists.ts';
import {
  attr,
  childrenNamed,
  compact,
  compactObject,
  firstChild,
  narratives,
  preferEnglish,
  textOf,
  type XmlElement,
} from './tree.ts';

/*
 * Precision rule: the coarsest claim the file supports. Only `exact` and `near` are drawn as pins, so a
 * point is trusted as a site only when the file says what it marks.
 *
 * 1. A location that names a whole country is `country`: an A4 (ISO country) location-id, a PCL*
 *    feature designation, or a name that is a country's name (unless the class or
 *    designation says it is a populated place or a structure: Djibouti the city). Its point is a
 *    centroid or the capital: kept, never a pin.
 * 2. A location that is itself an administrative area (location-class 1 or an ADM* designation) is
 *    `admin1` for ADM1, `admin2` for ADM2–ADM5, and `admin1` when the level is not given (true of any
 *    area below a country, and the point still says which region). Its point is the area's centroid.
 * 3. Otherwise a point is a site when the file says how exact it is: exactness 1 is `exact`, except a
 *    populated place (class 2 or PPL*), whose point is the town's centre: `near`; exactness 2 is `near`.
 * 4. A point without exactness is not trusted (the EC files put every project, "nationwide" or "Zarafshan
 *    valley", on the capital), nor is no point: the finest `administrative` level that has a code
 *    (1 → admin1, 2+ → admin2), else `country`. The point is still kept, never a pin.
 *
 * A point repeated from a country-level location of the same activity is that country's centroid, not a
 * site: it is dropped (kept in raw) with a warning, and the location is placed by rule 4 without it.
 * `administrative` codes say which areas contain the location, not its size: a GeoNames (G1) level-1
 * code that is a Natural Earth admin-1 region gives `admin1Code` (and, with no other clue, the country).
 */

type Precision = LocationRecord['precision'];

export type LocationContext = {
  recordKey: string;
  defaultLang: string | undefined;
  /** The activity's recipient countries (activity level, or from its transactions). */
  countries: string[];
};

type Point = { lat: number; lon: number };

type Parsed = {
  el: XmlElement;
  index: number;
  name: string | undefined;
  point: Point | undefined;
  exactness: string | undefined;
  locationClass: string | undefined;
  feature: string | undefined;
  /** Finest administrative level that carries a code. */
  adminLevel: number | undefined;
  admin1: Admin1 | undefined;
  /** The location-id says the place is this country (A4). */
  isCountry: string | undefined;
  /** An A4 administrative code: the country that contains the place. */
  containingCountry: string | undefined;
  countryByName: string | undefined;
};

const isPopulatedPlace = (p: Parsed) =>
  p.locationClass === LOCATION_CLASS.populatedPlace || !!p.feature?.startsWith('PPL');
const isStructure = (p: Parsed) => p.locationClass === LOCATION_CLASS.structure;

export function mapLocations(
  elements: XmlElement[],
  ctx: LocationContext,
): { locations: LocationRecord[]; unplaced: unknown[]; issues: ImportIssue[] } {
  const issues: ImportIssue[] = [];
  const warn = (el: XmlElement, field: string, message: string) =>
    issues.push({ recordKey: ctx.recordKey, at: { line: el.line }, severity: 'warning', field, message });

  const parsed = elements.map((el, index) => parseLocation(el, index, ctx, warn));
  const countryLevel = parsed.filter((p) => isCountryLevel(p));
  const centroids = new Set(countryLevel.flatMap((p) => (p.point ? [pointKey(p.point)] : [])));

  const locations: LocationRecord[] = [];
  const unplaced: unknown[] = [];
  for (const p of parsed) {
    const field = `location[${p.index}]`;
    let reason: string;
    let precision: Precision;
    let point = p.point;
    if (isCountryLevel(p)) {
      precision = 'country';
      reason = 'names a country';
    } else if (isAdminArea(p)) {
      precision = p.feature && /^ADM[2-5]/.test(p.feature) ? 'admin2' : 'admin1';
      reason = `administrative area (${p.feature ?? 'class 1'}); its point is a centroid`;
    } else {
      if (point && centroids.has(pointKey(point))) {
        warn(
          p.el,
          `${field}.point`,
          "the point repeats the country's centroid given for the country; not used",
        );
        point = undefined;
      }
      [precision, reason] = siteOrArea(p, point);
    }

    const country = countryOf(p, ctx.countries);
    if (!country) {
      warn(
        p.el,
        field,
        ctx.countries.length === 0
          ? 'location skipped: the activity names no recipient country'
          : `location skipped: cannot tell which of the recipient countries (${ctx.countries.join(', ')}) it is in`,
      );
      unplaced.push(compact(p.el));
      continue;
    }
    let admin1Code = p.admin1?.code;
    if (p.admin1 && p.admin1.country !== country) {
      warn(p.el, `${field}.administrative`, `admin-1 code ${p.admin1.code} is not in ${country}; not used`);
      admin1Code = undefined;
    }
    const name = p.name ?? countryName(country);
    locations.push({
      name: name.length > 300 ? `${name.slice(0, 299)}…` : name,
      country,
      precision,
      lat: point?.lat ?? null,
      lon: point?.lon ?? null,
      admin1Code: admin1Code ?? null,
      raw: { ...compactObject(p.el), precisionReason: reason },
    });
  }
  return { locations, unplaced, issues };
}

function siteOrArea(p: Parsed, point: Point | undefined): [Precision, string] {
  if (point && p.exactness === EXACT) {
    return isPopulatedPlace(p)
      ? ['near', "populated place, exactness 1: the point is the town's centre"]
      : ['exact', 'exactness 1'];
  }
  if (point && p.exactness === APPROXIMATE) return ['near', 'exactness 2 (approximate)'];
  const untrusted = point ? 'point of unknown exactness' : 'no point';
  if (p.adminLevel !== undefined) {
    return [
      p.adminLevel <= 1 ? 'admin1' : 'admin2',
      `administrative level ${p.adminLevel} code, ${untrusted}`,
    ];
  }
  return ['country', `${untrusted} and no administrative code`];
}

function isCountryLevel(p: Parsed): boolean {
  if (p.isCountry || p.feature?.startsWith('PCL')) return true;
  if (!p.countryByName || isPopulatedPlace(p) || isStructure(p)) return false;
  return !p.feature;
}

const isAdminArea = (p: Parsed) =>
  p.locationClass === LOCATION_CLASS.administrativeRegion || !!p.feature?.startsWith('ADM');

/**
 * Which country the location is in: what the location itself says (A4 codes, a country's name), then
 * its admin-1 region when that is one of the activity's countries, then the activity's only country,
 * then the region's country whatever it is.
 */
function countryOf(p: Parsed, countries: string[]): string | undefined {
  const stated = p.isCountry ?? p.containingCountry ?? (isCountryLevel(p) ? p.countryByName : undefined);
  if (stated) return stated;
  const region = p.admin1?.country;
  if (region && (countries.length === 0 || countries.includes(region))) return region;
  return countries.length === 1 ? countries[0] : region;
}

const pointKey = (p: Point) => `${p.lat},${p.lon}`;

function parseLocation(
  el: XmlElement,
  index: number,
  ctx: LocationContext,
  warn: (el: XmlElement, field: string, message: string) => void,
): Parsed {
  const field = `location[${index}]`;
  const name =
    preferEnglish(narratives(firstChild(el, 'name'), ctx.defaultLang))?.text ??
    preferEnglish(narratives(firstChild(el, 'description'), ctx.defaultLang))?.text;

  let point: Point | undefined;
  const posEl = firstChild(el, 'point');
  const pos = textOf(posEl ? firstChild(posEl, 'pos') : undefined);
  if (pos) {
    point = parsePos(pos);
    if (!point) warn(el, `${field}.point`, `point "${pos}" is not "latitude longitude" in range; not used`);
  }

  let exactness = attr(firstChild(el, 'exactness'), 'code');
  if (exactness && exactness !== EXACT && exactness !== APPROXIMATE) {
    warn(el, `${field}.exactness`, `unknown exactness code "${exactness}"; ignored`);
    exactness = undefined;
  }
  const locationClass = attr(firstChild(el, 'location-class'), 'code');
  const feature = attr(firstChild(el, 'feature-designation'), 'code')?.toUpperCase();

  let adminLevel: number | undefined;
  let admin1: Admin1 | undefined;
  let isCountry: string | undefined;
  let containingCountry: string | undefined;
  const coded = [...childrenNamed(el, 'administrative'), ...childrenNamed(el, 'location-id')];
  for (const a of coded) {
    const vocabulary = attr(a, 'vocabulary');
    const code = attr(a, 'code');
    if (!code) continue;
    if (vocabulary === 'A4') {
      const upper = code.toUpperCase();
      if (!isCountryCode(upper)) warn(el, `${field}.${a.name}`, `unknown country code "${code}"`);
      // A location-id is the place itself; an administrative code is an area that contains it.
      else if (a.name === 'location-id') isCountry = upper;
      else containingCountry = upper;
      continue;
    }
    if (a.name !== 'administrative') {
      // A location-id identifies the place itself: an admin-1 region when GeoNames says so.
      if (vocabulary === 'G1') admin1 ??= admin1ByGeonamesId(code);
      continue;
    }
    const level = Number(attr(a, 'level') ?? Number.NaN);
    if (Number.isInteger(level) && level >= 1) adminLevel = Math.max(adminLevel ?? 0, level);
    if (vocabulary === 'G1' && level === 1) admin1 = admin1ByGeonamesId(code) ?? admin1;
  }

  return {
    el,
    index,
    name,
    point,
    exactness,
    locationClass,
    feature,
    adminLevel,
    admin1,
    isCountry,
    containingCountry,
    countryByName: name ? countryByName(name) : undefined,
  };
}

export function parsePos(pos: string): Point | undefined {
  const parts = pos.trim().split(/\s+/);
  if (parts.length !== 2) return undefined;
  const lat = Number(parts[0]);
  const lon = Number(parts[1]);
  if (!Number.isFinite(lat) || !Number.isFinite(lon) || Math.abs(lat) > 90 || Math.abs(lon) > 180)
    return undefined;
  // 0 0 is where a missing coordinate lands, not a place anyone works.
  if (lat === 0 && lon === 0) return undefined;
  return { lat, lon };
}

// --- country names -------------------------------------------------------------------------------

let namesToCountry: Map<string, string> | undefined;

/** Letters only, no diacritics, without "republic", "of", "the": "Republic of Tajikistan" = "Tajikistan". */
function normaliseName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .split(/[^\p{L}]+/u)
    .filter((w) => w && !['republic', 'of', 'the', 'республика'].includes(w))
    .join('');
}

export function countryByName(name: string): string | undefined {
  if (!namesToCountry) {
    namesToCountry = new Map();
    for (const code of COUNTRY_CODES) {
      for (const locale of ['en', 'ru'] as const)
        namesToCountry.set(normaliseName(countryName(code, locale)), code);
    }
  }
  return namesToCountry.get(normaliseName(name));
}

// --- admin-1 regions -----------------------------------------------------------------------------

type Admin1 = { code: string; country: string };

/** The shipped Natural Earth admin-1 layer carries each region's GeoNames id (`gn_id`). */
const ADMIN1_FILE = fileURLToPath(
  new URL('../../../data/ne_10m_admin1_az_tj_tm_uz.geojson', import.meta.url),
);
let admin1ByGeonames: Map<string, Admin1> | undefined;

type Admin1Feature = { properties?: { gn_id?: number | string; code_hasc?: string; iso_a2?: string } };

export function admin1ByGeonamesId(id: string): Admin1 | undefined {
  if (!admin1ByGeonames) {
    admin1ByGeonames = new Map();
    const layer = JSON.parse(readFileSync(ADMIN1_FILE, 'utf8')) as { features?: Admin1Feature[] };
    for (const f of layer.features ?? []) {
      const p = f.properties;
      if (p?.gn_id != null && p.code_hasc && p.iso_a2) {
        admin1ByGeonames.set(String(p.gn_id), { code: p.code_hasc, country: p.iso_a2 });
      }
    }
  }
  // GeoNames ids are integers; some publishers pad them with zeros (0001220409).
  return admin1ByGeonames.get(id.replace(/^0+(?=\d)/, ''));
}
