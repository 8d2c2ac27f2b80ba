import {
  ACTIVITY_STATUS,
  ACTIVITY_STATUS_CODES,
  ATTRIBUTION_BASES,
  countryName,
  DATE_PRECISIONS,
  EVENT_TYPES,
  FOCUS_COUNTRIES,
  FUNDING_FLOWS,
  INITIATIVES,
  INSTRUMENTS,
  type Label,
  LOCATION_PRECISIONS,
  NOMINAL,
  ORGANIZATION_ROLE_CODES,
  ORGANIZATION_ROLES,
  ORGANIZATION_TYPE_CODES,
  ORGANIZATION_TYPES,
  priceBasisLabel,
  SECTOR_CATEGORIES,
  SOURCE_KINDS,
  sectorCategoryOf,
  sectorName,
} from '@srt/shared/codes';
import { sql } from 'drizzle-orm';
import type { Db } from '../client.ts';

const labelled = <C extends string | number>(codes: readonly C[], table: Record<C, Label>) =>
  codes.map((code) => ({ code, en: table[code].en, ru: table[code].ru }));

const keyed = <K extends string>(table: Record<K, Label>) => labelled(Object.keys(table) as K[], table);

/**
 * The distinct values of an indexed column, one index probe per value (a "loose index scan"): a few
 * hundred probes instead of reading a table with hundreds of thousands of rows.
 */
const distinctValues = (table: string, column: string) => {
  const [t, c] = [sql.identifier(table), sql.identifier(column)];
  return sql`(with recursive v as (
      (select ${c} as code from ${t} order by ${c} limit 1)
      union all
      select (select x.${c} from ${t} x where x.${c} > v.code order by x.${c} limit 1) from v where v.code is not null
    ) select code::text from v where code is not null)`;
};

/**
 * The code lists the UI offers, with English and Russian labels: the fixed lists in full, and for the
 * open-ended ones (countries, sectors, price bases) what the data holds, plus the four focus countries.
 */
export async function referenceCodes(db: Db) {
  const [countries, sectors, bases] = await Promise.all([
    db.execute<{ code: string }>(sql`
      ${distinctValues('project_countries', 'country')}
      union ${distinctValues('locations', 'country')}
      union select country::text from events where country is not null
      union select country::text from organizations where country is not null`),
    db.execute<{ code: string }>(distinctValues('project_sectors', 'sector')),
    db.execute<{ code: string }>(
      sql`select distinct price_basis as code from funding where deleted_at is null`,
    ),
  ]);

  const focus = new Set<string>(FOCUS_COUNTRIES);
  const countryCodes = [...new Set([...FOCUS_COUNTRIES, ...countries.rows.map((r) => r.code.trim())])];
  const sectorCodes = [...new Set(sectors.rows.map((r) => r.code))].sort();
  const basisCodes = [...new Set([NOMINAL, ...bases.rows.map((r) => r.code)])].sort();

  return {
    countries: countryCodes
      .map((code) => ({
        code,
        en: countryName(code, 'en'),
        ru: countryName(code, 'ru'),
        focus: focus.has(code),
      }))
      .sort((a, b) => Number(b.focus) - Number(a.focus) || a.en.localeCompare(b.en, 'en')),
    statuses: labelled(ACTIVITY_STATUS_CODES, ACTIVITY_STATUS),
    flows: keyed(FUNDING_FLOWS),
    instruments: keyed(INSTRUMENTS),
    organizationRoles: labelled(ORGANIZATION_ROLE_CODES, ORGANIZATION_ROLES),
    organizationTypes: labelled(ORGANIZATION_TYPE_CODES, ORGANIZATION_TYPES),
    locationPrecisions: keyed(LOCATION_PRECISIONS),
    eventTypes: keyed(EVENT_TYPES),
    datePrecisions: keyed(DATE_PRECISIONS),
    initiatives: keyed(INITIATIVES),
    attributionBases: keyed(ATTRIBUTION_BASES),
    priceBases: basisCodes.map((code) => ({
      code,
      en: priceBasisLabel(code, 'en'),
      ru: priceBasisLabel(code, 'ru'),
    })),
    sourceKinds: keyed(SOURCE_KINDS),
    sectorCategories: keyed(SECTOR_CATEGORIES),
    sectors: sectorCodes.map((code) => ({
      code,
      category: sectorCategoryOf(code),
      en: sectorName(code, 'en'),
      ru: sectorName(code, 'ru'),
    })),
  };
}

export type ReferenceCodes = Awaited<ReturnType<typeof referenceCodes>>;
