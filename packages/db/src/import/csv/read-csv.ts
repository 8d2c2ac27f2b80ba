/**
 * CSV reader for the two documented templates (docs/import-csv.md): `projects` (one row per project) and
 * `funding` (one row per funding flow of a project named by its key). Streams the file; every problem in
 * a cell is reported with its row and column, and a row with an error is rejected as a whole.
 */
import { ACTIVITY_STATUS, type ActivityStatus } from '@srt/shared/codes';
import {
  attributionBasisSchema,
  countryCodeSchema,
  currencyCodeSchema,
  fundingFlowSchema,
  initiativeSchema,
  instrumentSchema,
  isoDateSchema,
  languageSchema,
  locationPrecisionSchema,
  priceBasisSchema,
  sectorCodeSchema,
} from '@srt/shared/common';
import { createProjectSchema } from '@srt/shared/project';
import { createSourceSchema } from '@srt/shared/source';
import { z } from 'zod';
import type {
  FundingRecord,
  ImportIssue,
  LocationRecord,
  OrganizationRef,
  ProjectRecord,
  Reader,
  ReaderOptions,
  ReadItem,
  SourceRef,
} from '../types.ts';
import { roundDecimal } from './decimal.ts';
import { csvRows, normalizeHeader } from './stream.ts';
import {
  type CsvTemplate,
  DEFAULT_MAX_ROWS,
  KEY_COLUMNS,
  REQUIRED_COLUMNS,
  TEMPLATE_COLUMNS,
} from './templates.ts';

export type CsvReaderOptions = ReaderOptions & {
  /** Which template the file follows; by default it is told from the header. */
  template?: CsvTemplate;
  /** Data rows after which the file is refused (default 50 000). */
  maxRows?: number;
};

type Header = { template: CsvTemplate; columns: string[]; index: Map<string, number> };
type At = { row: number; line: number };

export async function* readCsv(
  input: AsyncIterable<Uint8Array>,
  options: CsvReaderOptions,
): AsyncGenerator<ReadItem> {
  let header: Header | null = null;
  const seenKeys = new Map<string, number>();
  const fundingRefs = new Map<string, number>();
  for await (const item of csvRows(input, { ...options, maxRows: options.maxRows ?? DEFAULT_MAX_ROWS })) {
    if (item.kind === 'fatal') {
      yield item;
      return;
    }
    if (!header) {
      const result = readHeader(item.cells, options);
      if ('fatal' in result) {
        yield { kind: 'fatal', message: result.fatal, at: item.at };
        return;
      }
      header = result.header;
      for (const issue of result.issues) yield { kind: 'issue', issue: { ...issue, at: item.at } };
      continue;
    }
    if (item.cells.every((cell) => cell === '')) continue;
    const row = new Row(item.cells, header, item.at);
    const record =
      header.template === 'projects'
        ? projectRow(row, options.fileName, seenKeys)
        : fundingRow(row, fundingRefs);
    for (const issue of row.issues) yield { kind: 'issue', issue };
    if (record && !row.failed) yield { kind: 'record', record };
  }
  if (!header) yield { kind: 'fatal', message: `${options.fileName} is empty: no header row` };
}

/** The pipeline's reader shape (options beyond `ReaderOptions` are optional). */
export const csvReader: Reader = readCsv;

function readHeader(
  cells: string[],
  options: CsvReaderOptions,
): { fatal: string } | { header: Header; issues: ImportIssue[] } {
  const columns = cells.map(normalizeHeader);
  const index = new Map<string, number>();
  for (const [i, name] of columns.entries()) {
    if (name === '') continue;
    if (index.has(name))
      return { fatal: `${options.fileName}: column "${name}" appears twice in the header` };
    index.set(name, i);
  }
  const template = options.template ?? detectTemplate(index);
  if (!template) {
    return {
      fatal:
        `${options.fileName} does not follow a CSV template: its header has none of the required columns ` +
        `(projects: ${REQUIRED_COLUMNS.projects.join(', ')}; funding: ${REQUIRED_COLUMNS.funding.join(', ')}; ` +
        `and iati_identifier or external_ref)`,
    };
  }
  const missing = REQUIRED_COLUMNS[template].filter((c) => !index.has(c));
  if (!KEY_COLUMNS.some((c) => index.has(c))) missing.unshift('iati_identifier or external_ref');
  if (missing.length > 0) {
    return {
      fatal: `${options.fileName}: missing required column${missing.length > 1 ? 's' : ''} of the ${template} template: ${missing.join(', ')}`,
    };
  }
  const known = new Set(TEMPLATE_COLUMNS[template]);
  const unknown = [...index.keys()].filter((c) => !known.has(c));
  const issues: ImportIssue[] =
    unknown.length === 0
      ? []
      : [
          {
            severity: 'warning',
            message: `Column${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')} ${unknown.length > 1 ? 'are' : 'is'} not part of the ${template} template: the values are kept as raw data only`,
          },
        ];
  return { header: { template, columns, index }, issues };
}

function detectTemplate(index: Map<string, number>): CsvTemplate | null {
  if (index.has('flow') || index.has('amount')) return 'funding';
  if (index.has('title')) return 'projects';
  return null;
}

/** One data row: cell access by column name, and the issues found in it. */
class Row {
  readonly issues: ImportIssue[] = [];
  key: string | undefined;

  constructor(
    readonly cells: string[],
    readonly header: Header,
    readonly at: At,
  ) {}

  get(column: string): string {
    const i = this.header.index.get(column);
    return i === undefined ? '' : (this.cells[i] ?? '');
  }

  report(severity: 'error' | 'warning', column: string | undefined, message: string) {
    this.issues.push({
      ...(this.key ? { recordKey: this.key } : {}),
      at: column ? { ...this.at, column } : { ...this.at },
      severity,
      ...(column ? { field: column } : {}),
      message,
    });
  }

  get failed(): boolean {
    return this.issues.some((i) => i.severity === 'error');
  }

  /** A non-empty cell checked with a shared schema: null when empty, undefined when invalid (reported). */
  parse<T>(column: string, schema: z.ZodType<T>, describe?: (value: string) => string): T | null | undefined {
    const value = this.get(column);
    if (value === '') return null;
    const result = schema.safeParse(value);
    if (result.success) return result.data;
    this.report(
      'error',
      column,
      describe?.(value) ?? `${result.error.issues[0]?.message ?? 'Invalid'}: "${value}"`,
    );
    return undefined;
  }

  date(column: string): string | null | undefined {
    return this.parse(
      column,
      isoDateSchema,
      (v) => `Not a date: "${v}" (expected YYYY-MM-DD, e.g. 2019-04-25)`,
    );
  }

  /** Cells of columns that are not part of the template, kept as raw data. */
  extraCells(): Record<string, string> | null {
    const known = new Set(TEMPLATE_COLUMNS[this.header.template]);
    const extra: Record<string, string> = {};
    for (const [i, cell] of this.cells.entries()) {
      const name = this.header.columns[i] || `column_${i + 1}`;
      if (!known.has(name) && cell !== '') extra[name] = cell;
    }
    return Object.keys(extra).length > 0 ? extra : null;
  }
}

/** Reads the key columns: exactly one of iati_identifier and external_ref. */
function readKey(row: Row): { iatiIdentifier: string | null; externalRef: string | null } | null {
  const iatiIdentifier = row.get('iati_identifier');
  const externalRef = row.get('external_ref');
  if (iatiIdentifier && externalRef) {
    row.report('error', 'external_ref', 'Give either iati_identifier or external_ref, not both');
    return null;
  }
  const key = iatiIdentifier || externalRef;
  const column = iatiIdentifier ? 'iati_identifier' : 'external_ref';
  if (!key) {
    row.report('error', 'iati_identifier', 'No key: fill in iati_identifier or external_ref');
    return null;
  }
  row.key = key;
  if (key.length > 200) {
    row.report('error', column, 'The key is longer than 200 characters');
    return null;
  }
  return { iatiIdentifier: iatiIdentifier || null, externalRef: externalRef || null };
}

/** Code-list cells are read case-insensitively, with spaces or hyphens for underscores. */
const lowerCode = <T>(schema: z.ZodType<T, string>) =>
  z
    .string()
    .transform((s) =>
      s
        .trim()
        .toLowerCase()
        .replace(/[\s-]+/g, '_'),
    )
    .pipe(schema);

const PERCENT = /^\d{1,3}(\.\d+)?$/;

/** `UZ:60;TJ:40` → codes with optional percentages (all given or none). */
function readShares<T>(
  row: Row,
  column: string,
  schema: z.ZodType<T>,
  what: string,
): { code: T; percentage: number | null }[] | undefined {
  const parts = row
    .get(column)
    .split(';')
    .map((p) => p.trim())
    .filter((p) => p !== '');
  const out: { code: T; percentage: number | null }[] = [];
  let ok = true;
  for (const part of parts) {
    const [codeText = '', percentText, ...more] = part.split(':').map((s) => s.trim());
    const code = schema.safeParse(codeText.toUpperCase());
    if (!code.success) {
      row.report(
        'error',
        column,
        `Unknown ${what}: "${codeText}"${codeText === part ? '' : ` in "${part}"`}`,
      );
      ok = false;
      continue;
    }
    let percentage: number | null = null;
    if (percentText !== undefined || more.length > 0) {
      if (more.length > 0 || !PERCENT.test(percentText ?? '') || Number(percentText) > 100) {
        row.report(
          'error',
          column,
          `Bad percentage in "${part}" (expected e.g. ${what === 'country' ? 'UZ:60' : '32120:100'}, 0–100)`,
        );
        ok = false;
        continue;
      }
      percentage = Number(percentText);
    }
    out.push({ code: code.data, percentage });
  }
  if (!ok) return undefined;
  const given = out.filter((s) => s.percentage !== null).length;
  if (given > 0 && given < out.length) {
    row.report('error', column, `Give a percentage for every ${what} or for none`);
    return undefined;
  }
  return out;
}

const STATUS_NAMES: Record<string, ActivityStatus> = {
  pipeline: 1,
  identification: 1,
  completion: 3,
  finalization: 3,
  'post-completion': 4,
};
for (const [code, label] of Object.entries(ACTIVITY_STATUS)) {
  for (const name of label.en.toLowerCase().split('/')) STATUS_NAMES[name] = Number(code) as ActivityStatus;
  STATUS_NAMES[label.en.toLowerCase()] = Number(code) as ActivityStatus;
}

function readStatus(row: Row): number | null | undefined {
  const value = row.get('status');
  if (value === '') return null;
  const status = /^[1-6]$/.test(value) ? Number(value) : STATUS_NAMES[value.toLowerCase()];
  if (status !== undefined) return status;
  row.report(
    'error',
    'status',
    `Unknown status: "${value}" (expected 1–6 or pipeline, implementation, finalisation, closed, cancelled, suspended)`,
  );
  return undefined;
}

const organizations = (row: Row, column: string): OrganizationRef[] =>
  row
    .get(column)
    .split(';')
    .map((name) => name.trim())
    .filter((name) => name !== '')
    .map((name) => ({ name }));

function readSource(row: Row, prefix: 'source'): SourceRef | null | undefined {
  const url = row.get(`${prefix}_url`);
  const title = row.get(`${prefix}_title`);
  const publisher = row.get(`${prefix}_publisher`);
  const publishedDate = row.get(`${prefix}_date`);
  const kind = row.get(`${prefix}_kind`).toLowerCase();
  if (!url && !title) {
    for (const [column, value] of [
      [`${prefix}_publisher`, publisher],
      [`${prefix}_date`, publishedDate],
    ] as const) {
      if (value) row.report('warning', column, `Ignored: no ${prefix}_url or ${prefix}_title to go with it`);
    }
    return null;
  }
  const parsed = createSourceSchema.safeParse({
    url: url || null,
    title: title || url,
    publisher: publisher || null,
    publishedDate: publishedDate || null,
    kind: kind || 'document',
  });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? 'url');
      const column = {
        url: 'url',
        title: 'title',
        publisher: 'publisher',
        publishedDate: 'date',
        kind: 'kind',
      }[field];
      row.report('error', `${prefix}_${column ?? 'url'}`, issue.message);
    }
    return undefined;
  }
  const s = parsed.data;
  return {
    externalRef: s.url ? `url:${s.url}` : `title:${s.title}`,
    url: s.url ?? null,
    title: s.title,
    publisher: s.publisher ?? null,
    publishedDate: s.publishedDate ?? null,
    kind: s.kind,
  };
}

/** Cross-field rules (date order, percentages adding up) come from the shared project schema. */
const SCHEMA_COLUMNS: Record<string, string> = {
  title: 'title',
  titleOriginal: 'title_original',
  titleLanguage: 'title_language',
  description: 'description',
  plannedStart: 'planned_start',
  plannedEnd: 'planned_end',
  actualStart: 'actual_start',
  actualEnd: 'actual_end',
  countries: 'countries',
  sectors: 'sectors',
  locations: 'location_name',
};

function projectRow(row: Row, fileName: string, seenKeys: Map<string, number>): ProjectRecord | null {
  const key = readKey(row);
  if (key) {
    const first = seenKeys.get(row.key ?? '');
    if (first !== undefined) {
      row.report(
        'error',
        key.iatiIdentifier ? 'iati_identifier' : 'external_ref',
        `Duplicate key: already on row ${first}`,
      );
    } else seenKeys.set(row.key ?? '', row.at.row);
  }
  const title = row.get('title');
  if (!title) row.report('error', 'title', 'Title is required');
  const titleOriginal = row.get('title_original') || null;
  const titleLanguage = row.parse('title_language', languageSchema);
  if (titleOriginal && !row.get('title_language')) {
    row.report('warning', 'title_language', 'title_original has no title_language');
  }
  const status = readStatus(row);
  const plannedStart = row.date('planned_start');
  const plannedEnd = row.date('planned_end');
  const actualStart = row.date('actual_start');
  const actualEnd = row.date('actual_end');

  const countries = readShares(row, 'countries', countryCodeSchema, 'country');
  if (countries?.length === 0)
    row.report('error', 'countries', 'At least one country is required, e.g. "UZ" or "UZ:60;TJ:40"');
  const sectors = readShares(row, 'sectors', sectorCodeSchema, 'sector');

  const source = readSource(row, 'source');
  const initiatives: ProjectRecord['initiatives'] = [];
  const note = row.get('initiative_note') || null;
  for (const part of row
    .get('initiatives')
    .split(';')
    .map((p) => p.trim())) {
    if (!part) continue;
    const [name = '', basisText = 'assessed'] = part.split(':').map((s) => s.trim().toLowerCase());
    const initiative = initiativeSchema.safeParse(name);
    const basis = attributionBasisSchema.safeParse(basisText);
    if (!initiative.success || !basis.success) {
      row.report(
        'error',
        'initiatives',
        `Unknown initiative "${part}" (expected e.g. bri:official, unido:assessed)`,
      );
      continue;
    }
    if (basis.data === 'official' && !source) {
      row.report(
        'warning',
        'initiatives',
        `"${part}" is an official label but the row names no source for it`,
      );
    }
    initiatives.push({ initiative: initiative.data, basis: basis.data, note, source: source ?? null });
  }

  const participants: ProjectRecord['participants'] = [
    ...organizations(row, 'funders').map((organization) => ({ organization, role: 1 as const })),
    ...organizations(row, 'implementers').map((organization) => ({ organization, role: 4 as const })),
  ];

  const location = readLocation(row, countries);

  if (row.failed || !key || !countries || !sectors) return null;
  const shares = { countries, sectors };
  const checked = createProjectSchema.safeParse({
    iatiIdentifier: key.iatiIdentifier,
    title,
    titleOriginal,
    titleLanguage,
    description: row.get('description') || null,
    status,
    plannedStart,
    plannedEnd,
    actualStart,
    actualEnd,
    countries: shares.countries.map((c) => ({ country: c.code, percentage: c.percentage })),
    sectors: shares.sectors.map((s) => ({ sector: s.code, percentage: s.percentage })),
    locations: location ? [location] : [],
  });
  if (!checked.success) {
    for (const issue of checked.error.issues) {
      row.report('error', SCHEMA_COLUMNS[String(issue.path[0])] ?? undefined, issue.message);
    }
    return null;
  }
  const p = checked.data;
  const sources: SourceRef[] = source
    ? [source]
    : [{ externalRef: `csv-file:${fileName}`, title: `CSV file ${fileName}`, kind: 'document' }];
  if (!source) row.report('warning', 'source_url', 'No source for this row: it cites only the CSV file');
  const extra = row.extraCells();
  return {
    mode: 'project',
    iatiIdentifier: key.iatiIdentifier,
    externalRef: key.externalRef,
    title: p.title,
    titleOriginal: p.titleOriginal ?? null,
    titleLanguage: p.titleLanguage ?? null,
    description: p.description ?? null,
    status: p.status ?? null,
    plannedStart: p.plannedStart ?? null,
    plannedEnd: p.plannedEnd ?? null,
    actualStart: p.actualStart ?? null,
    actualEnd: p.actualEnd ?? null,
    countries: p.countries.map((c) => ({ country: c.country, percentage: c.percentage ?? null })),
    sectors: p.sectors.map((s) => ({ sector: s.sector, percentage: s.percentage ?? null })),
    initiatives,
    participants,
    locations: location ? [location] : [],
    funding: [],
    sources,
    raw: extra ? { columns: extra } : null,
    at: row.at,
  };
}

const COORDINATE = /^-?\d{1,3}(\.\d+)?$/;

function readLocation(row: Row, countries: { code: string }[] | undefined): LocationRecord | null {
  const name = row.get('location_name');
  const latText = row.get('location_lat');
  const lonText = row.get('location_lon');
  const precisionText = row.get('location_precision');
  const countryText = row.get('location_country');
  if (!name && !latText && !lonText && !precisionText && !countryText) return null;
  let ok = true;
  const coordinate = (column: string, text: string, limit: number): number | null => {
    if (text === '') return null;
    if (!COORDINATE.test(text) || Math.abs(Number(text)) > limit) {
      row.report(
        'error',
        column,
        `Not a coordinate: "${text}" (decimal degrees, e.g. 41.2995, within ±${limit})`,
      );
      ok = false;
      return null;
    }
    return Number(text);
  };
  const lat = coordinate('location_lat', latText, 90);
  const lon = coordinate('location_lon', lonText, 180);
  if ((lat === null) !== (lon === null) && ok) {
    row.report(
      'error',
      latText ? 'location_lon' : 'location_lat',
      'Give both location_lat and location_lon, or neither',
    );
    ok = false;
  }
  const precision = precisionText
    ? row.parse(
        'location_precision',
        lowerCode(locationPrecisionSchema),
        (v) => `Unknown precision: "${v}" (exact, near, admin2, admin1 or country)`,
      )
    : lat !== null
      ? null
      : 'country';
  if (precisionText === '' && lat !== null) {
    row.report(
      'error',
      'location_precision',
      'A point needs a location_precision (exact, near, admin2, admin1)',
    );
    ok = false;
  }
  let country: string | null | undefined = countryText
    ? row.parse('location_country', countryCodeSchema)
    : null;
  if (country === null) {
    if (countries?.length === 1) country = countries[0]?.code ?? null;
    else if (countries) {
      row.report(
        'error',
        'location_country',
        'The project has several countries: say which one the location is in',
      );
      ok = false;
    }
  }
  if (!ok || !precision || !country) return null;
  if ((precision === 'exact' || precision === 'near') && lat === null) {
    row.report('error', 'location_lat', `An ${precision} location needs location_lat and location_lon`);
    return null;
  }
  return {
    name: name || country,
    country,
    precision: precision as LocationRecord['precision'],
    lat,
    lon,
  };
}

const AMOUNT = /^\d{1,18}(\.\d{1,2})?$/;

function readAmount(row: Row): string | undefined {
  const text = row.get('amount');
  if (text === '') {
    row.report('error', 'amount', 'Amount is required');
    return undefined;
  }
  // Two decimals always, so a re-import of "42.5" finds the stored 42.50 unchanged.
  if (AMOUNT.test(text)) return roundDecimal(text, 2) ?? undefined;
  let why = 'expected digits with "." for decimals and at most 2 decimals, e.g. 1234567.89';
  if (/^-/.test(text) && AMOUNT.test(text.slice(1))) why = 'an amount must not be negative';
  else if (/^[\d.]+,\d+$|^\d{1,3}(,\d{3})+(\.\d+)?$/.test(text)) {
    why = 'no thousands separators or decimal commas: write 1234567.89';
  } else if (/^\d+\.\d{3,}$/.test(text)) why = 'at most 2 decimals';
  row.report('error', 'amount', `Not a valid amount: "${text}" (${why})`);
  return undefined;
}

const BOOLEANS: Record<string, boolean> = {
  true: true,
  yes: true,
  '1': true,
  false: false,
  no: false,
  '0': false,
};

function fundingRow(row: Row, fundingRefs: Map<string, number>): ProjectRecord | null {
  const key = readKey(row);
  const flow = row.parse(
    'flow',
    lowerCode(fundingFlowSchema),
    (v) =>
      `Unknown flow: "${v}" (pledge, commitment, disbursement, expenditure, incoming_commitment, incoming_funds)`,
  );
  if (row.get('flow') === '') row.report('error', 'flow', 'Flow is required');
  const amount = readAmount(row);
  const currency = row.parse('currency', currencyCodeSchema);
  if (row.get('currency') === '')
    row.report('error', 'currency', 'Currency is required (ISO 4217, e.g. USD)');
  const priceBasis = row.parse(
    'price_basis',
    z.string().toLowerCase().pipe(priceBasisSchema),
    (v) => `Unknown price basis: "${v}" (nominal, or constant-YYYY such as constant-2021)`,
  );
  const valueDate = row.date('value_date');
  if (row.get('value_date') === '') {
    row.report(
      'warning',
      'value_date',
      'No value_date: the amount cannot be converted to USD (no year for the rate)',
    );
  }
  const instrument = row.parse(
    'instrument',
    lowerCode(instrumentSchema),
    (v) => `Unknown instrument: "${v}" (grant, loan, equity, guarantee or other)`,
  );
  const estimatedText = row.get('estimated').toLowerCase();
  const estimated = estimatedText === '' ? false : BOOLEANS[estimatedText];
  if (estimated === undefined)
    row.report('error', 'estimated', `Expected yes or no: "${row.get('estimated')}"`);

  const funderCountry = row.parse('funder_country', countryCodeSchema);
  const funder = organization(row.get('funder_name'), row.get('funder_ref'), funderCountry ?? null);
  const recipient = organization(row.get('recipient_name'), row.get('recipient_ref'), null);
  const source = readSource(row, 'source');

  if (
    row.failed ||
    !key ||
    !flow ||
    !amount ||
    !currency ||
    priceBasis === undefined ||
    valueDate === undefined
  ) {
    return null;
  }
  const projectKey = key.iatiIdentifier ?? key.externalRef ?? '';
  const fundingRef = row.get('funding_ref');
  let externalRef = `${projectKey}#csv:${fundingRef || [flow, valueDate ?? '', amount, currency].join(':')}`;
  const seen = fundingRefs.get(externalRef);
  if (seen !== undefined && fundingRef) {
    row.report('error', 'funding_ref', `Duplicate funding_ref for this project: already on row ${seen}`);
    return null;
  }
  if (seen !== undefined) {
    // Two identical rows without a funding_ref are two flows: number the repeats.
    let n = 2;
    while (fundingRefs.has(`${externalRef}#${n}`)) n++;
    externalRef = `${externalRef}#${n}`;
  }
  fundingRefs.set(externalRef, row.at.row);
  const extra = row.extraCells();
  const funding: FundingRecord = {
    externalRef,
    flow,
    amount,
    currency,
    priceBasis: priceBasis ?? 'nominal',
    valueDate: valueDate ?? null,
    funder,
    recipient,
    instrument: instrument ?? null,
    estimated: estimated ?? false,
    raw: extra ? { columns: extra } : null,
    ...(source ? { sources: [source] } : {}),
    at: row.at,
  };
  return {
    mode: 'merge-funding',
    iatiIdentifier: key.iatiIdentifier,
    externalRef: key.externalRef,
    title: '',
    countries: [],
    sectors: [],
    initiatives: [],
    participants: [],
    locations: [],
    funding: [funding],
    sources: [],
    at: row.at,
  };
}

function organization(name: string, iatiRef: string, country: string | null): OrganizationRef | null {
  if (!name && !iatiRef) return null;
  return { name: name || iatiRef, iatiRef: iatiRef || null, country };
}
