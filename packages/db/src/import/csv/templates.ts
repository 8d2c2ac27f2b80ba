/**
 * The two CSV templates analysts fill in (documented in docs/import-csv.md; header-only files in
 * ./templates/ for download). Column order here is the order of the template files.
 */

export type CsvTemplate = 'projects' | 'funding';

/** A row names its project by exactly one of these (the same columns in both templates). */
export const KEY_COLUMNS = ['iati_identifier', 'external_ref'] as const;

export const PROJECT_COLUMNS = [
  'iati_identifier',
  'external_ref',
  'title',
  'title_original',
  'title_language',
  'description',
  'status',
  'planned_start',
  'planned_end',
  'actual_start',
  'actual_end',
  'countries',
  'sectors',
  'initiatives',
  'initiative_note',
  'funders',
  'implementers',
  'location_name',
  'location_country',
  'location_lat',
  'location_lon',
  'location_precision',
  'source_url',
  'source_title',
  'source_publisher',
  'source_date',
  'source_kind',
] as const;

export const FUNDING_COLUMNS = [
  'iati_identifier',
  'external_ref',
  'funding_ref',
  'flow',
  'amount',
  'currency',
  'price_basis',
  'value_date',
  'instrument',
  'estimated',
  'funder_name',
  'funder_ref',
  'funder_country',
  'recipient_name',
  'recipient_ref',
  'source_url',
  'source_title',
] as const;

/** Besides one of the key columns. */
export const REQUIRED_COLUMNS: Record<CsvTemplate, readonly string[]> = {
  projects: ['title', 'countries'],
  funding: ['flow', 'amount', 'currency'],
};

export const TEMPLATE_COLUMNS: Record<CsvTemplate, readonly string[]> = {
  projects: PROJECT_COLUMNS,
  funding: FUNDING_COLUMNS,
};

export const DEFAULT_MAX_ROWS = 50_000;
