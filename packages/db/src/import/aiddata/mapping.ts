/**
 * How AidData GCDF 3.0 values map onto the tracker's code lists. Each table says why where the choice is
 * a judgement; docs/import-csv.md and the reader's tests hold the same decisions.
 */
import type {
  ActivityStatus,
  FocusCountry,
  Instrument,
  LocationPrecision,
  SectorCategory,
} from '@srt/shared/codes';

/**
 * AidData's "Sector Name" is the OECD CRS sector *group* name in capitals, so it maps to our 3-digit
 * category. All 19 names in the shipped files are here, plus the other CRS groups GCDF 3.0 uses that
 * have a category of ours. Keys are normalised with `normalizeSectorName`.
 */
export const AIDDATA_SECTORS: Record<string, SectorCategory> = {
  EDUCATION: '110',
  HEALTH: '120',
  'POPULATION POLICIES/PROGRAMMES AND REPRODUCTIVE HEALTH': '130',
  'WATER SUPPLY AND SANITATION': '140',
  'GOVERNMENT AND CIVIL SOCIETY': '150',
  'OTHER SOCIAL INFRASTRUCTURE AND SERVICES': '160',
  'TRANSPORT AND STORAGE': '210',
  COMMUNICATIONS: '220',
  ENERGY: '230',
  'BANKING AND FINANCIAL SERVICES': '240',
  'BUSINESS AND OTHER SERVICES': '250',
  'AGRICULTURE, FORESTRY, FISHING': '310',
  'INDUSTRY, MINING, CONSTRUCTION': '320',
  'TRADE POLICIES AND REGULATIONS': '330',
  'GENERAL ENVIRONMENTAL PROTECTION': '410',
  'OTHER MULTISECTOR': '430',
  'GENERAL BUDGET SUPPORT': '510',
  'DEVELOPMENTAL FOOD AID/FOOD SECURITY ASSISTANCE': '520',
  'OTHER COMMODITY ASSISTANCE': '530',
  'ACTION RELATING TO DEBT': '600',
  'EMERGENCY RESPONSE': '720',
  'RECONSTRUCTION RELIEF AND REHABILITATION': '730',
  'DISASTER PREVENTION AND PREPAREDNESS': '740',
  'ADMINISTRATIVE COSTS OF DONORS': '910',
  'REFUGEES IN DONOR COUNTRIES': '930',
  'UNALLOCATED/UNSPECIFIED': '990',
};

/** Capitals, single spaces, no space around "/" and one after ",": "Unallocated / unspecified" matches. */
export const normalizeSectorName = (name: string): string =>
  name
    .toUpperCase()
    .replace(/\s+/g, ' ')
    .replace(/\s*\/\s*/g, '/')
    .replace(/\s*,\s*/g, ', ')
    .replace(/,?\s+AND\s+/g, ' AND ')
    .trim();

export const sectorCategoryForAidData = (name: string): SectorCategory | null =>
  AIDDATA_SECTORS[normalizeSectorName(name)] ?? null;

/**
 * AidData status → IATI ActivityStatus. Both pipeline stages are IATI 1: a commitment not yet being
 * implemented is still pipeline (the funding row keeps pledge apart from commitment). "Completion" is
 * IATI 3, which IATI 1.x itself called "Completion": the physical work is done while, for a loan,
 * repayment goes on, so 4 "Closed" would say more than AidData does.
 */
export const AIDDATA_STATUS: Record<string, ActivityStatus> = {
  'PIPELINE: PLEDGE': 1,
  'PIPELINE: COMMITMENT': 1,
  IMPLEMENTATION: 2,
  COMPLETION: 3,
  CANCELLED: 5,
  SUSPENDED: 6,
};

export const statusForAidData = (status: string): ActivityStatus | null =>
  AIDDATA_STATUS[status.trim().toUpperCase().replace(/\s+/g, ' ')] ?? null;

export const isPledge = (status: string): boolean => /^pipeline:\s*pledge$/i.test(status.trim());

export const ISO3_TO_ISO2: Record<string, FocusCountry> = { AZE: 'AZ', TJK: 'TJ', TKM: 'TM', UZB: 'UZ' };
export const RECIPIENT_NAMES: Record<string, FocusCountry> = {
  azerbaijan: 'AZ',
  tajikistan: 'TJ',
  turkmenistan: 'TM',
  uzbekistan: 'UZ',
};

/** GCDF 3.0 "Flow Type Simplified" → instrument; anything else is `other` with a warning. */
export const AIDDATA_INSTRUMENTS: Record<string, Instrument> = {
  loan: 'loan',
  grant: 'grant',
  "export buyer's credit": 'loan',
  "supplier's credit": 'loan',
  'free-standing technical assistance': 'grant',
  'scholarships/training in the donor country': 'grant',
  'loan guarantee': 'guarantee',
  'debt forgiveness': 'other',
  'debt rescheduling': 'other',
};

/** GCDF "Funding Agencies Type" → IATI organisation type: state-owned lenders are public sector (15). */
export const agencyOrganizationType = (type: string): 10 | 15 => (/government/i.test(type) ? 10 : 15);

const ORDER: LocationPrecision[] = ['exact', 'near', 'admin2', 'admin1', 'country'];
/** The coarser of two precisions. */
export const coarser = (a: LocationPrecision, b: LocationPrecision): LocationPrecision =>
  ORDER.indexOf(a) >= ORDER.indexOf(b) ? a : b;

/**
 * AidData's "Level of precision" for one feature → our precision. PRECISE means the OSM feature is the
 * project site; APPROXIMATE a feature near it. ADMn is the OSM `admin_level` of the boundary the project
 * is only known to lie in, and OSM numbers levels per country:
 * - TJ, UZ: 4 region (viloyat, Karakalpakstan, GBAO, Dushanbe/Tashkent city), 6 district (nohiya, tuman)
 *   or town, 8 jamoat / village;
 * - TM: 4 province (welaýat), 5 district (etrap), 8 city or town, 9+ rural council or village;
 * - AZ: levels 4–5 are the autonomous republic and economic regions or rayons, 7–8 municipalities; Natural
 *   Earth (our admin-1) uses the rayons, so AZ admin-1 is finer than OSM level 4 — the one case where
 *   "admin1" is more than AidData says; rare in the data (4 of 152 rows).
 * Hence ≤ 4 → admin1, 5–6 → admin2, ≥ 7 (a town, village or jamoat: a few km across) → near.
 */
export function precisionForLevel(level: string): LocationPrecision | null {
  const l = level.trim().toUpperCase();
  if (l === 'PRECISE') return 'exact';
  if (l === 'APPROXIMATE') return 'near';
  const adm = /^ADM(\d{1,2})$/.exec(l);
  if (!adm) return null;
  const n = Number(adm[1]);
  if (n <= 4) return 'admin1';
  if (n <= 6) return 'admin2';
  return 'near';
}

/**
 * The point derived from an OSM link's `#map=zoom/lat/lon` is the centre of an editor's screen: at zoom
 * 12 a screen is ~40 km wide (the centre within ~25 km of what is shown), at zoom 9 ~300 km (a region),
 * below that it says little more than the country. Never better than `near`.
 */
export function precisionForMapZoom(zoom: number | null): LocationPrecision {
  if (zoom === null || zoom >= 12) return 'near';
  if (zoom >= 9) return 'admin1';
  return 'country';
}

/**
 * The centroid of AidData's geometry stands for the whole shape only as far as the shape reaches: a
 * plant's outline (≤ 2 km) is exact, a field or tunnel (≤ 25 km) near, a region-sized spread (≤ 100 km)
 * admin1, a pipeline across the country no point at all.
 */
export function precisionForReach(reachKm: number): LocationPrecision {
  if (reachKm <= 2) return 'exact';
  if (reachKm <= 25) return 'near';
  if (reachKm <= 100) return 'admin1';
  return 'country';
}
