import type {
  ExportRowOf,
  FundingExportRow,
  ProjectCountryExportRow,
  ProjectExportRow,
} from '@srt/db/queries/export';
import {
  ACTIVITY_STATUS,
  ATTRIBUTION_BASES,
  countryName,
  FUNDING_FLOWS,
  INITIATIVES,
  INSTRUMENTS,
  type Locale,
  label,
  priceBasisLabel,
  sectorName,
} from '@srt/shared/codes';
import {
  EXPORT_COLUMN_INFO,
  type ExportColumn,
  type ExportColumnKind,
  type ExportVariant,
} from '@srt/shared/export';

/**
 * What each export column holds, per variant: a code column and, beside it, its readable name in the
 * request's language. Values stay raw here (decimal strings, ISO dates); `cells.ts` writes them out.
 */

export type RawValue = string | number | boolean | null;
type Getter<R> = (row: R, lang: Locale) => RawValue;
export type Getters<V extends ExportVariant> = { [K in ExportColumn<V>]: Getter<ExportRowOf<V>> };

const list = (values: readonly string[]) => (values.length ? values.join('; ') : null);

type ProjectLike = ProjectExportRow | ProjectCountryExportRow;

/** The project's own columns, the same in the per-project and per-project-country rows. */
const projectColumns = <R extends ProjectLike>() => ({
  project_id: (r: R) => r.project_id,
  iati_identifier: (r: R) => r.iati_identifier,
  title: (r: R) => r.title,
  title_original: (r: R) => r.title_original,
  title_language: (r: R) => r.title_language,
  status: (r: R) => r.status,
  status_name: (r: R, lang: Locale) => (r.status === null ? null : label(ACTIVITY_STATUS, r.status, lang)),
  sectors: (r: R) => list(r.sectors),
  sector_names: (r: R, lang: Locale) => list(r.sectors.map((s) => sectorName(s, lang))),
  initiatives: (r: R) => list(r.initiatives.map((i) => `${i.initiative}:${i.basis}`)),
  initiative_names: (r: R, lang: Locale) =>
    list(
      r.initiatives.map(
        (i) => `${label(INITIATIVES, i.initiative, lang)} (${label(ATTRIBUTION_BASES, i.basis, lang)})`,
      ),
    ),
  funders: (r: R) => list(r.funders),
  planned_start: (r: R) => r.planned_start,
  planned_end: (r: R) => r.planned_end,
  actual_start: (r: R) => r.actual_start,
  actual_end: (r: R) => r.actual_end,
  start_year: (r: R) => r.start_year,
  end_year: (r: R) => r.end_year,
  constant_price_basis: (r: R) => list(r.constant_price_bases),
  constant_price_basis_name: (r: R, lang: Locale) =>
    list(r.constant_price_bases.map((b) => priceBasisLabel(b, lang))),
  quality_score: (r: R) => r.quality_score,
  updated_at: (r: R) => r.updated_at,
});

const countryList = {
  countries: (r: { countries: string[] }) => list(r.countries),
  country_names: (r: { countries: string[] }, lang: Locale) =>
    list(r.countries.map((c) => countryName(c, lang))),
};

const PROJECTS: Getters<'projects'> = {
  ...projectColumns<ProjectExportRow>(),
  ...countryList,
  pledged_usd_nominal: (r) => r.pledged_usd_nominal,
  pledged_usd_constant: (r) => r.pledged_usd_constant,
  committed_usd_nominal: (r) => r.committed_usd_nominal,
  committed_usd_constant: (r) => r.committed_usd_constant,
  disbursed_usd_nominal: (r) => r.disbursed_usd_nominal,
  disbursed_usd_constant: (r) => r.disbursed_usd_constant,
  spent_usd_nominal: (r) => r.spent_usd_nominal,
  spent_usd_constant: (r) => r.spent_usd_constant,
  funding_rows_without_usd: (r) => r.funding_rows_without_usd,
};

const PROJECT_COUNTRY: Getters<'project-country'> = {
  ...projectColumns<ProjectCountryExportRow>(),
  country: (r) => r.country,
  country_name: (r, lang) => (r.country === null ? null : countryName(r.country, lang)),
  country_percentage: (r) => r.country_percentage,
  pledged_usd_nominal_share: (r) => r.pledged_usd_nominal_share,
  pledged_usd_constant_share: (r) => r.pledged_usd_constant_share,
  committed_usd_nominal_share: (r) => r.committed_usd_nominal_share,
  committed_usd_constant_share: (r) => r.committed_usd_constant_share,
  disbursed_usd_nominal_share: (r) => r.disbursed_usd_nominal_share,
  disbursed_usd_constant_share: (r) => r.disbursed_usd_constant_share,
  spent_usd_nominal_share: (r) => r.spent_usd_nominal_share,
  spent_usd_constant_share: (r) => r.spent_usd_constant_share,
};

const FUNDING: Getters<'funding'> = {
  ...countryList,
  funding_id: (r: FundingExportRow) => r.funding_id,
  project_id: (r) => r.project_id,
  iati_identifier: (r) => r.iati_identifier,
  project_title: (r) => r.project_title,
  flow: (r) => r.flow,
  flow_name: (r, lang) => label(FUNDING_FLOWS, r.flow, lang),
  amount: (r) => r.amount,
  currency: (r) => r.currency,
  price_basis: (r) => r.price_basis,
  price_basis_name: (r, lang) => priceBasisLabel(r.price_basis, lang),
  value_date: (r) => r.value_date,
  amount_usd: (r) => r.amount_usd,
  usd_rate: (r) => r.usd_rate,
  rate_source: (r) => r.rate_source,
  estimated: (r) => r.estimated,
  instrument: (r) => r.instrument,
  instrument_name: (r, lang) => (r.instrument === null ? null : label(INSTRUMENTS, r.instrument, lang)),
  funder: (r) => r.funder,
  recipient: (r) => r.recipient,
};

export const GETTERS: { [V in ExportVariant]: Getters<V> } = {
  projects: PROJECTS,
  'project-country': PROJECT_COUNTRY,
  funding: FUNDING,
};

export type ColumnSpec = { key: string; kind: ExportColumnKind };

export const columnSpecs = (keys: readonly ExportColumn[]): ColumnSpec[] =>
  keys.map((key) => ({ key, kind: EXPORT_COLUMN_INFO[key].kind }));
