/**
 * The one writer every import goes through. It takes the records a reader yields, validates them, matches
 * them with what is stored (projects by IATI identifier or external ref, organisations by IATI ref then by
 * normalised name, sources and funding rows by external ref), and writes only what changed — each change
 * with its audit entry, inside the caller's transaction.
 *
 * Records are buffered in small batches so that matching, loading the stored state and inserting children
 * take a few queries per batch instead of a few per row; nothing else is kept from one batch to the next
 * except the keys seen (to catch duplicates) and the organisation and source caches.
 */
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  ATTRIBUTION_BASIS_CODES,
  FUNDING_FLOW_CODES,
  INITIATIVE_CODES,
  INSTRUMENT_CODES,
  isCountryCode,
  isCurrencyCode,
  isSectorCode,
  LOCATION_PRECISION_CODES,
  ORGANIZATION_TYPES,
  PRICE_BASIS_PATTERN,
  SOURCE_KIND_CODES,
} from '@srt/shared/codes';
import type { RegionIndex } from '@srt/shared/geo';
import { projectQuality } from '@srt/shared/quality';
import { and, eq, getTableColumns, isNotNull, isNull, type SQL, sql } from 'drizzle-orm';
import { getTableConfig, type PgColumn, type PgTable } from 'drizzle-orm/pg-core';
import pg from 'pg';
import copyStreams from 'pg-copy-streams';
import type { Db } from '../client.ts';
import { organizationNameKey, projectSearchText } from '../derived.ts';
import { projectQualityFacts } from '../quality.ts';
import {
  auditEntries,
  funding,
  locations,
  organizations,
  participants,
  projectCountries,
  projectInitiatives,
  projectSectors,
  projects,
  sourceLinks,
  sources,
} from '../schema.ts';
import { placeLocation } from './geo.ts';
import { isDecimal, numberToDecimal, type RateTable, roundDecimal } from './rates.ts';
import type {
  FileLocation,
  FundingRecord,
  ImportIssue,
  OrganizationRef,
  ProjectRecord,
  SourceRef,
} from './types.ts';

export type ImportCounts = { new: number; updated: number; unchanged: number; rejected: number };

/** A record the import adds or changes, with the parts that change (for the dry-run preview). */
export type RecordChange = { key: string; action: 'new' | 'updated'; parts: string[]; at?: FileLocation };

/** Where the writer reports what it does; the pipeline turns it into the run's report. */
export type ReportSink = {
  issue(issue: ImportIssue): void;
  change(change: RecordChange): void;
  count(outcome: keyof ImportCounts): void;
};

export type WriterOptions = {
  actor: string;
  rates: RateTable;
  regions: RegionIndex;
  report: ReportSink;
  /** Records per batch (default 150). */
  batchSize?: number;
};

/** Thrown when a stored row changed under the import (optimistic concurrency): the whole file rolls back. */
export class ConcurrentEditError extends Error {}

// ---------------------------------------------------------------------------------------------------------
// Normalised state: what is compared with the database and written to audit entries

type ProjectFields = {
  iatiIdentifier: string | null;
  externalRef: string | null;
  title: string;
  titleOriginal: string | null;
  titleLanguage: string | null;
  description: string | null;
  status: number | null;
  plannedStart: string | null;
  plannedEnd: string | null;
  actualStart: string | null;
  actualEnd: string | null;
  raw: unknown;
};
const FIELD_NAMES = [
  'iatiIdentifier',
  'externalRef',
  'title',
  'titleOriginal',
  'titleLanguage',
  'description',
  'status',
  'plannedStart',
  'plannedEnd',
  'actualStart',
  'actualEnd',
  'raw',
] as const satisfies readonly (keyof ProjectFields)[];

type LinkState = { sourceId: string; quote: string | null };

type ChildState = {
  countries: { country: string; percentage: string | null }[];
  sectors: { sector: string; percentage: string | null }[];
  initiatives: { initiative: string; basis: string; sourceId: string | null; note: string | null }[];
  participants: { organizationId: string; role: number }[];
  locations: {
    name: string;
    lat: number | null;
    lon: number | null;
    precision: string;
    admin1Code: string | null;
    country: string;
    problem: string | null;
    raw: unknown;
  }[];
  sources: LinkState[];
};
const CHILD_PARTS = ['countries', 'sectors', 'initiatives', 'participants', 'locations', 'sources'] as const;
type ChildPart = (typeof CHILD_PARTS)[number];

type ProjectState = { fields: ProjectFields } & ChildState;

type FundingState = {
  flow: string;
  funderOrgId: string | null;
  recipientOrgId: string | null;
  amount: string;
  currency: string;
  priceBasis: string;
  valueDate: string | null;
  amountUsd: string | null;
  usdRate: string | null;
  rateSource: string | null;
  instrument: string | null;
  estimated: boolean;
  raw: unknown;
  sources: LinkState[];
};

/** The columns of a new funding row that its stored row and its audit entry share. */
function newFundingColumns(f: FundingState, id: string, projectId: string, externalRef: string) {
  return {
    id,
    projectId,
    externalRef,
    flow: f.flow,
    funderOrgId: f.funderOrgId,
    recipientOrgId: f.recipientOrgId,
    amount: f.amount,
    currency: f.currency,
    priceBasis: f.priceBasis,
    valueDate: f.valueDate,
    amountUsd: f.amountUsd,
    usdRate: f.usdRate,
    rateSource: f.rateSource,
    instrument: f.instrument,
    estimated: f.estimated,
  };
}

/** JSON with object keys sorted and `undefined` dropped: equal data, equal text. */
export function canonical(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = sortKeys(v);
    }
    return out;
  }
  return value;
}
/** Deep equality of JSON-like values, a key holding `undefined` counting as absent (as in JSON). */
export function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, i) => same(item, b[i]));
  }
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  let keys = 0;
  for (const key in x) {
    const value = x[key];
    if (value === undefined) continue;
    keys++;
    if (!same(value, y[key])) return false;
  }
  for (const key in y) if (y[key] !== undefined) keys--;
  return keys === 0;
}

/** `{}` and null are the same "nothing unmapped". Raw values are JSON data, as jsonb stores them. */
function normalRaw(raw: unknown): unknown {
  if (raw === null || raw === undefined) return null;
  if (typeof raw === 'object' && !Array.isArray(raw) && Object.values(raw).every((v) => v === undefined)) {
    return null;
  }
  return raw;
}

const byText =
  <T>(key: (row: T) => string) =>
  (a: T, b: T) => {
    const x = key(a);
    const y = key(b);
    return x < y ? -1 : x > y ? 1 : 0;
  };

/** Sorted by their canonical JSON, each row's text worked out once (not at every comparison). */
function sortedByCanonical<T>(rows: T[]): T[] {
  if (rows.length < 2) return [...rows];
  return rows
    .map((row) => ({ row, key: canonical(row) }))
    .sort(byText((r) => r.key))
    .map((r) => r.row);
}

function sortChildren(state: ChildState): ChildState {
  return {
    countries: [...state.countries].sort(byText((r) => r.country)),
    sectors: [...state.sectors].sort(byText((r) => r.sector)),
    initiatives: [...state.initiatives].sort(byText((r) => r.initiative)),
    participants: [...state.participants].sort(byText((r) => `${r.organizationId}:${r.role}`)),
    locations: sortedByCanonical(state.locations),
    sources: [...state.sources].sort(byText((r) => r.sourceId)),
  };
}

// ---------------------------------------------------------------------------------------------------------
// Validation: a record from a reader → a prepared record, or the reasons it is rejected

type PreparedOrg = {
  name: string;
  nameKey: string;
  nameLocal: string | null;
  acronym: string | null;
  iatiRef: string | null;
  type: number | null;
  country: string | null;
};

type PreparedSource = {
  externalRef: string;
  url: string | null;
  title: string;
  publisher: string | null;
  publishedDate: string | null;
  language: string | null;
  kind: string;
};

type PreparedLink = { source: PreparedSource; quote: string | null };

type PreparedFunding = Omit<FundingState, 'funderOrgId' | 'recipientOrgId' | 'sources'> & {
  externalRef: string;
  funder: PreparedOrg | null;
  recipient: PreparedOrg | null;
  sources: PreparedLink[];
  at?: FileLocation;
};

type Prepared = {
  key: string;
  keyField: 'iatiIdentifier' | 'externalRef';
  mode: 'full' | 'project' | 'merge-funding';
  at?: FileLocation;
  fields: ProjectFields;
  countries: ChildState['countries'];
  sectors: ChildState['sectors'];
  initiatives: { initiative: string; basis: string; source: PreparedSource | null; note: string | null }[];
  participants: { organization: PreparedOrg; role: number }[];
  locations: ChildState['locations'];
  sources: PreparedLink[];
  funding: PreparedFunding[];
};

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
function isIsoDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [, y, m, d] = match.map(Number);
  const date = new Date(Date.UTC(y ?? 0, (m ?? 1) - 1, d ?? 1));
  return date.getUTCFullYear() === y && date.getUTCMonth() + 1 === m && date.getUTCDate() === d;
}
const LANGUAGE = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;
/** numeric(20, 2): 18 digits before the point. */
const MAX_AMOUNT_DIGITS = 18;

const text = (value: string | null | undefined): string | null => {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
};

class Rejection {
  constructor(
    readonly field: string,
    readonly message: string,
  ) {}
}

type Warn = (field: string, message: string) => void;

/** `organizationNameKey`, remembered: a file names the same few organisations on every funding row. */
const nameKeys = new Map<string, string>();
function nameKeyOf(name: string): string {
  let key = nameKeys.get(name);
  if (key === undefined) {
    if (nameKeys.size >= 10_000) nameKeys.clear();
    key = organizationNameKey(name);
    nameKeys.set(name, key);
  }
  return key;
}

function prepareOrg(ref: OrganizationRef | null | undefined, field: string, warn: Warn): PreparedOrg | null {
  if (!ref) return null;
  const iatiRef = text(ref.iatiRef);
  const name = text(ref.name) ?? iatiRef;
  if (!name) {
    warn(field, 'Organisation with neither name nor IATI ref: left out');
    return null;
  }
  const country = text(ref.country)?.toUpperCase() ?? null;
  if (country && !isCountryCode(country))
    warn(field, `Unknown organisation country "${country}": left empty`);
  const type = ref.type ?? null;
  if (type !== null && !(type in ORGANIZATION_TYPES))
    warn(field, `Unknown organisation type ${type}: left empty`);
  return {
    name,
    nameKey: nameKeyOf(name),
    nameLocal: text(ref.nameLocal),
    acronym: text(ref.acronym),
    iatiRef,
    type: type !== null && type in ORGANIZATION_TYPES ? type : null,
    country: country && isCountryCode(country) ? country : null,
  };
}

function prepareSource(ref: SourceRef, field: string, warn: Warn): PreparedSource {
  const externalRef = text(ref.externalRef);
  if (!externalRef) throw new Rejection(field, 'Source without an external ref');
  const title = text(ref.title) ?? externalRef;
  if (!(SOURCE_KIND_CODES as string[]).includes(ref.kind))
    throw new Rejection(field, `Unknown source kind "${ref.kind}"`);
  let publishedDate = text(ref.publishedDate);
  if (publishedDate && !isIsoDate(publishedDate)) {
    warn(field, `Source date "${publishedDate}" is not a YYYY-MM-DD date: left empty`);
    publishedDate = null;
  }
  let language = text(ref.language)?.toLowerCase() ?? null;
  if (language && !LANGUAGE.test(language)) {
    warn(field, `Source language "${language}" is not a language code: left empty`);
    language = null;
  }
  return {
    externalRef,
    url: text(ref.url),
    title,
    publisher: text(ref.publisher),
    publishedDate,
    language,
    kind: ref.kind,
  };
}

function percentage(value: number | null | undefined, field: string): string | null {
  if (value === null || value === undefined) return null;
  if (!Number.isFinite(value) || value < 0 || value > 100) {
    throw new Rejection(field, `Percentage ${value} is not between 0 and 100`);
  }
  return numberToDecimal(value, 2);
}

function checkPercentages(rows: { percentage: string | null }[], field: string, warn: Warn) {
  const given = rows.filter((r) => r.percentage !== null);
  if (given.length === 0) return;
  const total = given.reduce((sum, r) => sum + Number(r.percentage), 0);
  if (Math.abs(total - 100) > 0.5)
    warn(field, `Percentages add up to ${Math.round(total * 100) / 100}, not 100`);
}

function prepareFunding(
  row: FundingRecord,
  field: string,
  rates: RateTable,
  defaultSources: PreparedLink[],
  warn: Warn,
): PreparedFunding {
  const externalRef = text(row.externalRef);
  if (!externalRef) throw new Rejection(field, 'Funding row without an external ref');
  if (!(FUNDING_FLOW_CODES as string[]).includes(row.flow))
    throw new Rejection(`${field}.flow`, `Unknown flow "${row.flow}"`);
  const currency = text(row.currency)?.toUpperCase() ?? '';
  if (!isCurrencyCode(currency))
    throw new Rejection(`${field}.currency`, `Unknown currency "${row.currency}"`);
  const amountText = text(row.amount) ?? '';
  const amount = isDecimal(amountText) ? roundDecimal(amountText, 2) : null;
  if (amount === null)
    throw new Rejection(`${field}.amount`, `Amount "${row.amount}" is not a decimal number`);
  const wholeDigits = (amount.replace(/^-/, '').split('.')[0] ?? '').replace(/^0+(?=\d)/, '');
  if (wholeDigits.length > MAX_AMOUNT_DIGITS) {
    throw new Rejection(`${field}.amount`, `Amount ${row.amount} is too large`);
  }
  const priceBasis = text(row.priceBasis) ?? 'nominal';
  if (!PRICE_BASIS_PATTERN.test(priceBasis)) {
    throw new Rejection(
      `${field}.priceBasis`,
      `Price basis "${row.priceBasis}" is neither "nominal" nor "constant-YYYY"`,
    );
  }
  const valueDate = text(row.valueDate);
  if (valueDate && !isIsoDate(valueDate)) {
    throw new Rejection(`${field}.valueDate`, `Value date "${valueDate}" is not a YYYY-MM-DD date`);
  }
  const instrument = text(row.instrument);
  if (instrument && !(INSTRUMENT_CODES as string[]).includes(instrument)) {
    throw new Rejection(`${field}.instrument`, `Unknown instrument "${instrument}"`);
  }

  // Amounts are stored to the cent; what the file published beyond that is kept in raw.
  let raw = normalRaw(row.raw);
  if (!/^[+-]?\d+(\.\d{0,2})?$/.test(amountText)) {
    raw = { ...(raw && typeof raw === 'object' ? raw : {}), amountAsPublished: amountText };
  }

  let usd: Pick<FundingState, 'amountUsd' | 'usdRate' | 'rateSource'>;
  if (row.usd) {
    const amountUsd = isDecimal(row.usd.amountUsd) ? roundDecimal(row.usd.amountUsd, 2) : null;
    const rate = isDecimal(row.usd.rate) ? roundDecimal(row.usd.rate, 10) : null;
    const rateSource = text(row.usd.rateSource);
    if (amountUsd === null || rate === null || !rateSource) {
      throw new Rejection(
        `${field}.usd`,
        'The stated USD value needs a decimal amount, a decimal rate and a rate source',
      );
    }
    usd = { amountUsd, usdRate: rate, rateSource };
  } else {
    const converted = rates.usdFor(currency, amount, valueDate);
    if (converted.warning) warn(field, converted.warning);
    usd = { amountUsd: converted.amountUsd, usdRate: converted.usdRate, rateSource: converted.rateSource };
  }

  const sourceLinks = row.sources?.length
    ? row.sources.map((s, i) => ({
        source: prepareSource(s, `${field}.sources[${i}]`, warn),
        quote: text(s.quote),
      }))
    : defaultSources;

  return {
    externalRef,
    flow: row.flow,
    funder: prepareOrg(row.funder, `${field}.funder`, warn),
    recipient: prepareOrg(row.recipient, `${field}.recipient`, warn),
    amount,
    currency,
    priceBasis,
    valueDate,
    ...usd,
    instrument,
    estimated: row.estimated ?? false,
    raw,
    sources: sourceLinks,
    at: row.at,
  };
}

/** Validates and normalises one record; throws a `Rejection` with the first reason it cannot be loaded. */
function prepare(record: ProjectRecord, rates: RateTable, regions: RegionIndex, warn: Warn): Prepared {
  const iatiIdentifier = text(record.iatiIdentifier);
  const externalRef = text(record.externalRef);
  const key = iatiIdentifier ?? externalRef;
  if (!key)
    throw new Rejection('iatiIdentifier', 'The record has neither an IATI identifier nor an external ref');
  const keyField = iatiIdentifier ? 'iatiIdentifier' : 'externalRef';
  const mode = record.mode ?? 'full';

  const sources: PreparedLink[] = [];
  const addSource = (link: PreparedLink) => {
    if (!sources.some((s) => s.source.externalRef === link.source.externalRef)) sources.push(link);
  };
  (record.sources ?? []).forEach((s, i) => {
    addSource({ source: prepareSource(s, `sources[${i}]`, warn), quote: text(s.quote) });
  });
  const datasetSources = sources.filter((s) => s.source.kind === 'dataset');
  const fundingDefaultSources = (datasetSources.length > 0 ? datasetSources : sources).map((s) => ({
    source: s.source,
    quote: null,
  }));

  const fundingRefs = new Set<string>();
  const fundingRows = (record.funding ?? []).map((row, i) => {
    const prepared = prepareFunding(row, `funding[${i}]`, rates, fundingDefaultSources, warn);
    if (fundingRefs.has(prepared.externalRef)) {
      throw new Rejection(
        `funding[${i}]`,
        `Funding ref "${prepared.externalRef}" appears twice in the record`,
      );
    }
    fundingRefs.add(prepared.externalRef);
    return prepared;
  });

  const empty = {
    countries: [],
    sectors: [],
    initiatives: [],
    participants: [],
    locations: [],
  };
  const fields: ProjectFields = {
    iatiIdentifier,
    externalRef,
    title: text(record.title) ?? '',
    titleOriginal: text(record.titleOriginal),
    titleLanguage: text(record.titleLanguage)?.toLowerCase() ?? null,
    description: text(record.description),
    status: record.status ?? null,
    plannedStart: text(record.plannedStart),
    plannedEnd: text(record.plannedEnd),
    actualStart: text(record.actualStart),
    actualEnd: text(record.actualEnd),
    raw: normalRaw(record.raw),
  };
  if (mode === 'merge-funding') {
    return { key, keyField, mode, at: record.at, fields, ...empty, sources, funding: fundingRows };
  }

  if (!fields.title) throw new Rejection('title', 'The record has no title');
  if (
    fields.status !== null &&
    !(Number.isInteger(fields.status) && fields.status >= 1 && fields.status <= 6)
  ) {
    throw new Rejection('status', `Activity status ${fields.status} is not 1–6`);
  }
  for (const name of ['plannedStart', 'plannedEnd', 'actualStart', 'actualEnd'] as const) {
    const value = fields[name];
    if (value && !isIsoDate(value)) throw new Rejection(name, `"${value}" is not a YYYY-MM-DD date`);
  }
  if (fields.plannedStart && fields.plannedEnd && fields.plannedEnd < fields.plannedStart) {
    warn('plannedEnd', 'Planned end is before the planned start');
  }
  if (fields.actualStart && fields.actualEnd && fields.actualEnd < fields.actualStart) {
    warn('actualEnd', 'Actual end is before the actual start');
  }
  if (fields.titleLanguage && !LANGUAGE.test(fields.titleLanguage)) {
    warn('titleLanguage', `"${fields.titleLanguage}" is not a language code: left empty`);
    fields.titleLanguage = null;
  }
  if (sources.length === 0) throw new Rejection('sources', 'The record cites no source');

  const countries: ChildState['countries'] = [];
  record.countries.forEach((c, i) => {
    const country = text(c.country)?.toUpperCase() ?? '';
    if (!isCountryCode(country))
      throw new Rejection(`countries[${i}]`, `Unknown country code "${c.country}"`);
    const pct = percentage(c.percentage, `countries[${i}].percentage`);
    if (countries.some((x) => x.country === country))
      warn(`countries[${i}]`, `Country ${country} is listed twice`);
    else countries.push({ country, percentage: pct });
  });
  checkPercentages(countries, 'countries', warn);

  const sectors: ChildState['sectors'] = [];
  record.sectors.forEach((s, i) => {
    const sector = text(s.sector) ?? '';
    if (!isSectorCode(sector)) throw new Rejection(`sectors[${i}]`, `Unknown sector code "${s.sector}"`);
    const pct = percentage(s.percentage, `sectors[${i}].percentage`);
    if (sectors.some((x) => x.sector === sector)) warn(`sectors[${i}]`, `Sector ${sector} is listed twice`);
    else sectors.push({ sector, percentage: pct });
  });
  checkPercentages(sectors, 'sectors', warn);

  const initiatives: Prepared['initiatives'] = [];
  record.initiatives.forEach((init, i) => {
    if (!(INITIATIVE_CODES as string[]).includes(init.initiative)) {
      throw new Rejection(`initiatives[${i}]`, `Unknown initiative "${init.initiative}"`);
    }
    if (!(ATTRIBUTION_BASIS_CODES as string[]).includes(init.basis)) {
      throw new Rejection(`initiatives[${i}].basis`, `Unknown attribution basis "${init.basis}"`);
    }
    if (initiatives.some((x) => x.initiative === init.initiative)) return;
    const source = init.source ? prepareSource(init.source, `initiatives[${i}].source`, warn) : null;
    if (source) addSource({ source, quote: text(init.source?.quote) });
    initiatives.push({ initiative: init.initiative, basis: init.basis, source, note: text(init.note) });
  });

  const participantRows: Prepared['participants'] = [];
  record.participants.forEach((p, i) => {
    if (![1, 2, 3, 4].includes(p.role))
      throw new Rejection(`participants[${i}].role`, `Unknown role ${p.role}`);
    const organization = prepareOrg(p.organization, `participants[${i}]`, warn);
    if (organization) participantRows.push({ organization, role: p.role });
  });

  const locationRows: ChildState['locations'] = [];
  record.locations.forEach((loc, i) => {
    const country = text(loc.country)?.toUpperCase() ?? '';
    if (!isCountryCode(country))
      throw new Rejection(`locations[${i}].country`, `Unknown country code "${loc.country}"`);
    if (!(LOCATION_PRECISION_CODES as string[]).includes(loc.precision)) {
      throw new Rejection(`locations[${i}].precision`, `Unknown precision "${loc.precision}"`);
    }
    const lat = typeof loc.lat === 'number' ? loc.lat : null;
    const lon = typeof loc.lon === 'number' ? loc.lon : null;
    const placed = placeLocation({ ...loc, country, lat, lon }, regions);
    if (placed.problem) warn(`locations[${i}]`, placed.problem);
    locationRows.push({
      name: text(loc.name) ?? '',
      lat,
      lon,
      precision: loc.precision,
      admin1Code: placed.admin1Code,
      country,
      problem: placed.problem,
      raw: normalRaw(loc.raw),
    });
  });
  locationRows.forEach((loc, i) => {
    if (!loc.name) throw new Rejection(`locations[${i}].name`, 'A location without a name');
  });

  return {
    key,
    keyField,
    mode,
    at: record.at,
    fields,
    countries,
    sectors,
    initiatives,
    participants: participantRows,
    locations: locationRows,
    sources,
    funding: fundingRows,
  };
}

// ---------------------------------------------------------------------------------------------------------
// Writing

// What is compared and written back, read without the columns the import neither compares nor needs
// (search text, bookkeeping timestamps — each a Date to parse —, derived years, quality score).
const {
  searchText: _searchText,
  startYear: _startYear,
  endYear: _endYear,
  qualityScore: _qualityScore,
  createdAt: _pCreatedAt,
  updatedAt: _pUpdatedAt,
  createdBy: _pCreatedBy,
  updatedBy: _pUpdatedBy,
  ...storedProjectColumns
} = getTableColumns(projects);
const {
  eventId: _eventId,
  createdAt: _fCreatedAt,
  updatedAt: _fUpdatedAt,
  createdBy: _fCreatedBy,
  updatedBy: _fUpdatedBy,
  ...storedFundingColumns
} = getTableColumns(funding);
type StoredProject = { [K in keyof typeof storedProjectColumns]: (typeof projects.$inferSelect)[K] };
type StoredFunding = { [K in keyof typeof storedFundingColumns]: (typeof funding.$inferSelect)[K] };
type OrgEntry = { id: string; iatiRef: string | null; nameKey: string; version: number };
type SourceEntry = { id: string; checked: boolean };

/** Characters of JSON per bulk statement: large enough to amortise a round trip, small enough to stream. */
const MAX_JSON_CHARS = 1_000_000;

/**
 * Inserts rows as ONE JSON parameter expanded by `json_populate_recordset`: far cheaper than a bind
 * parameter per value (drizzle builds and PGlite parses each one). Every row must carry the same keys;
 * a key left out is not inserted, so its column takes its default.
 */
async function bulkInsert<T extends PgTable>(tx: Db, table: T, rows: T['$inferInsert'][]) {
  await insertLater(tx, table, rows)();
}

const nothing = async () => {};

/**
 * `bulkInsert` in two steps: the COPY text is built now, and the returned function sends it. A batch's
 * rows are rendered while the server is still busy with the previous batch's statements.
 */
function insertLater<T extends PgTable>(tx: Db, table: T, rows: T['$inferInsert'][]): () => Promise<void> {
  if (rows.length === 0) return nothing;
  const records = rows as Record<string, unknown>[];
  const columns = getTableColumns(table) as Record<string, PgColumn>;
  // The keys any row sets, in order of first appearance: one pass, no array per row (95,000 funding
  // rows per 10,000 activities; `flatMap` of `Object.keys().filter()` took ≈ 10× as long).
  const seen = new Set<string>();
  for (const row of records) for (const key in row) if (row[key] !== undefined) seen.add(key);
  const keys = [...seen];
  const names = keys.map((key) => {
    const column = columns[key];
    if (!column) throw new Error(`${getTableConfig(table).name} has no column ${key}`);
    return column.name;
  });
  const tableName = sql.identifier(getTableConfig(table).name);
  const columnList = sql.join(
    names.map((name) => sql.identifier(name)),
    sql`, `,
  );
  const target = copyTarget(tx);
  if (target) {
    const jsonb = names.map((_, i) => {
      const type = columns[keys[i] ?? '']?.getSQLType();
      return type === 'jsonb' || type === 'json';
    });
    const copy = `COPY ${quoteIdent(getTableConfig(table).name)} (${names.map(quoteIdent).join(', ')}) FROM`;
    return copySender(target, copy, copyChunks(records, keys, jsonb));
  }
  return () => jsonInsert(tx, tableName, columnList, records, keys, names);
}

/**
 * Sends rendered COPY text. A function of its own so that the closure holds the bytes only: one made
 * in `insertLater` would share its scope, and so keep the batch's rows alive until the batch is sent.
 */
function copySender(target: CopyTarget, copy: string, text: Buffer<ArrayBuffer>[]): () => Promise<void> {
  if (target.kind === 'postgres') {
    const { client } = target;
    return () => pipeline(Readable.from(text), client.query(copyStreams.from(`${copy} STDIN`)));
  }
  const { client } = target;
  return async () => {
    for (const chunk of text) await client.query(`${copy} '/dev/blob'`, [], { blob: new Blob([chunk]) });
  };
}

async function jsonInsert(
  tx: Db,
  tableName: ReturnType<typeof sql.identifier>,
  columnList: SQL,
  records: Record<string, unknown>[],
  keys: string[],
  names: string[],
) {
  let parts: string[] = [];
  let size = 0;
  const flush = async () => {
    if (parts.length === 0) return;
    const json = `[${parts.join(',')}]`;
    parts = [];
    size = 0;
    await tx.execute(
      sql`insert into ${tableName} (${columnList}) select ${columnList} from json_populate_recordset(null::${tableName}, ${json}::json)`,
    );
  };
  for (const row of records) {
    const out: Record<string, unknown> = {};
    keys.forEach((key, i) => {
      out[names[i] ?? key] = row[key] ?? null;
    });
    const text = JSON.stringify(out);
    parts.push(text);
    size += text.length;
    if (size >= MAX_JSON_CHARS) await flush();
  }
  await flush();
}

type PgliteLike = {
  query(sql: string, params: unknown[], options: { blob: Blob }): Promise<unknown>;
};

/**
 * The driver's connection under a drizzle transaction, for COPY: on PostgreSQL about a quarter cheaper
 * than expanding a JSON parameter, on PGlite (COPY FROM '/dev/blob') more. Null for anything else.
 */
type CopyTarget = { kind: 'postgres'; client: pg.ClientBase } | { kind: 'pglite'; client: PgliteLike };

function copyTarget(tx: Db): CopyTarget | null {
  const session = (tx as unknown as { session?: { client?: unknown } }).session;
  const client = session?.client;
  if (client instanceof pg.Client) return { kind: 'postgres', client };
  // Not `instanceof PGlite`: importing PGlite here would load it for PostgreSQL imports too.
  if (session?.constructor.name === 'PgliteSession' && typeof (client as PgliteLike)?.query === 'function') {
    return { kind: 'pglite', client: client as PgliteLike };
  }
  return null;
}

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };
const COPY_SPECIAL = /[\\\t\n\r]/;
const COPY_SPECIALS = /[\\\t\n\r]/g;

const copyEscape = (c: string) => COPY_ESCAPES[c] ?? c;

function copyCell(value: unknown, json: boolean): string {
  if (value === null || value === undefined) return '\\N';
  if (json || typeof value === 'object') {
    // JSON text escapes every control character itself: only its backslashes need doubling.
    const text = JSON.stringify(value);
    return text.includes('\\') ? text.replaceAll('\\', '\\\\') : text;
  }
  const text =
    typeof value === 'string' ? value : typeof value === 'boolean' ? (value ? 't' : 'f') : String(value);
  return COPY_SPECIAL.test(text) ? text.replace(COPY_SPECIALS, copyEscape) : text;
}

/** Bytes of COPY text per chunk (one COPY statement per chunk on PGlite). */
const COPY_CHUNK_BYTES = 1 << 20;

/**
 * Rows as COPY text, encoded line by line straight into buffers of about COPY_CHUNK_BYTES: the bytes
 * the connection sends anyway, outside the JS heap while they wait to be sent. Building the text as one
 * string per chunk first allocated it twice more (the concatenation, then its flattening).
 */
function copyChunks(
  records: Record<string, unknown>[],
  keys: string[],
  json: boolean[],
): Buffer<ArrayBuffer>[] {
  const chunks: Buffer<ArrayBuffer>[] = [];
  let chunk = Buffer.allocUnsafe(COPY_CHUNK_BYTES);
  let used = 0;
  for (const row of records) {
    let line = copyCell(row[keys[0] ?? ''], json[0] ?? false);
    for (let i = 1; i < keys.length; i++) line += `\t${copyCell(row[keys[i] ?? ''], json[i] ?? false)}`;
    line += '\n';
    // A UTF-16 code unit takes at most 3 bytes in UTF-8: with that much room the line fits whole.
    if (chunk.length - used < line.length * 3) {
      if (used > 0) chunks.push(chunk.subarray(0, used));
      chunk = Buffer.allocUnsafe(Math.max(COPY_CHUNK_BYTES, line.length * 3));
      used = 0;
    }
    used += chunk.write(line, used);
  }
  if (used > 0) chunks.push(chunk.subarray(0, used));
  return chunks;
}

/**
 * `column in (…)` with the whole list as one JSON parameter, written `= any(array(…))`: the planner
 * then plans an index scan without knowing the list's length. As `in (select …)` it took the list for
 * half the table whenever the column had no statistics yet — a table filled inside the import's own
 * transaction, or right after a first import, before autovacuum's analyze — and scanned the whole table
 * for each batch (the re-import of 10,000 activities spent over 10 s in such scans).
 */
function inJson(column: PgColumn, values: readonly string[]): SQL {
  if (values.length === 0) return sql`false`;
  const cast = column.getSQLType() === 'uuid' ? sql`::uuid` : sql``;
  return sql`${column} = any(array(select value${cast} from json_array_elements_text(${JSON.stringify(values)}::json)))`;
}

const chunks = <T>(items: T[], size = 5_000): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
};

/** A version-guarded update of one stored row: `values` by property name, `key` names it in errors. */
type RowUpdate = { id: string; version: number; key: string; values: Record<string, unknown> };

/** What a batch reports of one record once its writes are done. */
type Outcome = {
  key: string;
  at: Prepared['at'];
  projectId: string;
  action: 'new' | 'updated' | 'unchanged';
  parts: string[];
};

/** Everything one batch writes, collected first, rendered by `renderCollected` and sent later. */
type BatchWrites = {
  projects: (typeof projects.$inferInsert)[];
  projectUpdates: RowUpdate[];
  fundingUpdates: RowUpdate[];
  fundingDeletes: RowUpdate[];
  /** Funding rows whose source links are replaced. */
  unlinkFunding: string[];
  /** Projects whose child rows of each part are replaced. */
  replaced: Record<ChildPart, string[]>;
  children: { projectId: string; children: ChildState; parts: readonly ChildPart[] }[];
  funding: (typeof funding.$inferInsert)[];
  links: (typeof sourceLinks.$inferInsert)[];
};

const batchWrites = (): BatchWrites => ({
  projects: [],
  projectUpdates: [],
  fundingUpdates: [],
  fundingDeletes: [],
  unlinkFunding: [],
  replaced: { countries: [], sectors: [], initiatives: [], participants: [], locations: [], sources: [] },
  children: [],
  funding: [],
  links: [],
});

/**
 * Updates many rows in one statement per MAX_JSON_CHARS of JSON: each row's new values come from one
 * JSON parameter (`json_populate_recordset`, as `bulkInsert`'s fallback), its version is bumped and
 * `updated_at`/`updated_by` set, `extra` adds assignments for every row. A row whose version moved
 * since it was read is not updated, and the whole import stops (ConcurrentEditError, naming it as
 * `what` + its key). Every row must carry the same value keys.
 */
async function bulkUpdate<T extends PgTable>(
  tx: Db,
  table: T,
  rows: RowUpdate[],
  actor: string,
  what: string,
  extra?: SQL,
) {
  if (rows.length === 0) return;
  const columns = getTableColumns(table) as Record<string, PgColumn>;
  const column = (key: string) => {
    const c = columns[key];
    if (!c) throw new Error(`${getTableConfig(table).name} has no column ${key}`);
    return c.name;
  };
  const keys = Object.keys(rows[0]?.values ?? {});
  const tableName = sql.identifier(getTableConfig(table).name);
  const assignments = [
    ...keys.map((key) => sql`${sql.identifier(column(key))} = x.${sql.identifier(column(key))}`),
    sql`version = x.version + 1`,
    sql`updated_at = now()`,
    sql`updated_by = ${actor}`,
    ...(extra ? [extra] : []),
  ];
  let parts: string[] = [];
  let pending: RowUpdate[] = [];
  let size = 0;
  const flush = async () => {
    if (parts.length === 0) return;
    const json = `[${parts.join(',')}]`;
    const expected = pending;
    parts = [];
    pending = [];
    size = 0;
    const result = await tx.execute<{ id: string }>(sql`
      update ${tableName} as t set ${sql.join(assignments, sql`, `)}
      from json_populate_recordset(null::${tableName}, ${json}::json) as x
      where t.id = x.id and t.version = x.version
      returning t.id`);
    if (result.rows.length === expected.length) return;
    const updated = new Set(result.rows.map((r) => r.id));
    const missed = expected.find((row) => !updated.has(row.id));
    throw new ConcurrentEditError(`${what} ${missed?.key} was changed during the import`);
  };
  for (const row of rows) {
    const out: Record<string, unknown> = { id: row.id, version: row.version };
    for (const key of keys) out[column(key)] = row.values[key] ?? null;
    const text = JSON.stringify(out);
    parts.push(text);
    pending.push(row);
    size += text.length;
    if (size >= MAX_JSON_CHARS) await flush();
  }
  await flush();
}

export type Writer = {
  /** Takes one record from the reader; writes when a batch is full. */
  add(record: ProjectRecord): Promise<void>;
  /** Writes what is buffered. */
  flush(): Promise<void>;
  /**
   * Waits for the batch being written, ignoring its outcome: call it before leaving the transaction on
   * any path, so that no query of the writer runs after the rollback.
   */
  close(): Promise<void>;
};

export function createWriter(tx: Db, options: WriterOptions): Writer {
  const { actor, rates, regions, report } = options;
  const batchSize = options.batchSize ?? 150;
  let batch: ProjectRecord[] = [];

  /** Project keys and funding refs seen in this file, to refuse duplicates. */
  const seenKeys = new Map<string, FileLocation | undefined>();
  const seenFundingRefs = new Set<string>();
  const orgByRef = new Map<string, OrgEntry>();
  const orgByName = new Map<string, OrgEntry>();
  const queriedOrgRefs = new Set<string>();
  const queriedOrgNames = new Set<string>();
  const sourceCache = new Map<string, SourceEntry>();

  const audits: (typeof auditEntries.$inferInsert)[] = [];
  const audit = (entity: string, entityId: string, action: string, before: unknown, after: unknown) => {
    audits.push({ actor, entity, entityId, action, before: before ?? null, after: after ?? null });
  };
  // On PostgreSQL the server writes one batch while this thread works out the next: the long loops
  // below let the server's replies in now and then, so that the next statement goes out without waiting
  // for the whole loop to end.
  const breathe =
    copyTarget(tx)?.kind === 'postgres'
      ? () => new Promise<void>((resolve) => setImmediate(resolve))
      : async () => {};

  // ---- organisations -----------------------------------------------------------------------------------

  async function resolveOrgs(orgs: PreparedOrg[]): Promise<Map<PreparedOrg, string>> {
    const refs = [
      ...new Set(orgs.map((o) => o.iatiRef).filter((r): r is string => !!r && !queriedOrgRefs.has(r))),
    ];
    const names = [...new Set(orgs.map((o) => o.nameKey).filter((n) => !queriedOrgNames.has(n)))];
    if (refs.length > 0 || names.length > 0) {
      const columns = {
        id: organizations.id,
        iatiRef: organizations.iatiRef,
        nameKey: organizations.nameKey,
        version: organizations.version,
      };
      // By ref and by name separately, so that each lookup uses its index; oldest first.
      const lookups = [
        ...chunks(refs).map((part) => inJson(organizations.iatiRef, part)),
        ...chunks(names).map((part) => inJson(organizations.nameKey, part)),
      ];
      for (const where of lookups) {
        const rows = await tx
          .select(columns)
          .from(organizations)
          .where(and(isNull(organizations.deletedAt), where))
          .orderBy(organizations.createdAt, organizations.id);
        for (const row of rows) {
          if (row.iatiRef && !orgByRef.has(row.iatiRef)) orgByRef.set(row.iatiRef, row);
          if (!orgByName.has(row.nameKey)) orgByName.set(row.nameKey, row);
        }
      }
      for (const r of refs) queriedOrgRefs.add(r);
      for (const n of names) queriedOrgNames.add(n);
    }

    const resolved = new Map<PreparedOrg, string>();
    const inserts: (typeof organizations.$inferInsert)[] = [];
    for (const org of orgs) {
      let entry = org.iatiRef ? orgByRef.get(org.iatiRef) : undefined;
      if (!entry) {
        const byName = orgByName.get(org.nameKey);
        if (byName && (!org.iatiRef || !byName.iatiRef || byName.iatiRef === org.iatiRef)) {
          entry = byName;
          if (org.iatiRef && !byName.iatiRef) {
            // The file knows the organisation's IATI ref and the tracker did not: record it.
            const [before] = await tx.select().from(organizations).where(eq(organizations.id, byName.id));
            const version = (before?.version ?? byName.version) + 1;
            const [after] = await tx
              .update(organizations)
              .set({ iatiRef: org.iatiRef, version, updatedAt: sql`now()`, updatedBy: actor })
              .where(eq(organizations.id, byName.id))
              .returning();
            audit('organization', byName.id, 'update', before, after);
            byName.iatiRef = org.iatiRef;
            byName.version = version;
            orgByRef.set(org.iatiRef, byName);
          }
        }
      }
      if (!entry) {
        const id = randomUUID();
        const row = {
          id,
          name: org.name,
          nameLocal: org.nameLocal,
          acronym: org.acronym,
          type: org.type,
          country: org.country,
          iatiRef: org.iatiRef,
          nameKey: org.nameKey,
          createdBy: actor,
          updatedBy: actor,
        };
        inserts.push(row);
        audit('organization', id, 'create', null, { ...row, version: 1 });
        entry = { id, iatiRef: org.iatiRef, nameKey: org.nameKey, version: 1 };
        if (org.iatiRef) orgByRef.set(org.iatiRef, entry);
        if (!orgByName.has(org.nameKey)) orgByName.set(org.nameKey, entry);
      }
      resolved.set(org, entry.id);
    }
    await bulkInsert(tx, organizations, inserts);
    return resolved;
  }

  // ---- sources -----------------------------------------------------------------------------------------

  async function resolveSources(list: PreparedSource[]): Promise<Map<string, string>> {
    const unique = new Map<string, PreparedSource>();
    for (const s of list) if (!unique.has(s.externalRef)) unique.set(s.externalRef, s);
    const unknown = [...unique.keys()].filter((ref) => !sourceCache.get(ref)?.checked);
    const stored = new Map<string, typeof sources.$inferSelect>();
    for (const part of chunks(unknown)) {
      const rows = await tx.select().from(sources).where(inJson(sources.externalRef, part));
      for (const row of rows) if (row.externalRef) stored.set(row.externalRef, row);
    }
    const inserts: (typeof sources.$inferInsert)[] = [];
    for (const ref of unknown) {
      const wanted = unique.get(ref);
      if (!wanted) continue;
      const fields = {
        url: wanted.url,
        title: wanted.title,
        publisher: wanted.publisher,
        publishedDate: wanted.publishedDate,
        language: wanted.language,
        kind: wanted.kind,
      };
      const row = stored.get(ref);
      if (!row) {
        const id = randomUUID();
        const insert = { id, externalRef: ref, ...fields, createdBy: actor, updatedBy: actor };
        inserts.push(insert);
        audit('source', id, 'create', null, { ...insert, version: 1 });
        sourceCache.set(ref, { id, checked: true });
        continue;
      }
      // A source several files cite (or an editor corrected) is only completed, never overwritten: two
      // files describing it differently would otherwise rewrite it on every import.
      const missing: Partial<typeof fields> = {};
      if (row.url === null && fields.url) missing.url = fields.url;
      if (row.publisher === null && fields.publisher) missing.publisher = fields.publisher;
      if (row.publishedDate === null && fields.publishedDate) missing.publishedDate = fields.publishedDate;
      if (row.language === null && fields.language) missing.language = fields.language;
      if (Object.keys(missing).length > 0) {
        const [after] = await tx
          .update(sources)
          .set({ ...missing, version: row.version + 1, updatedAt: sql`now()`, updatedBy: actor })
          .where(and(eq(sources.id, row.id), eq(sources.version, row.version)))
          .returning();
        if (!after) throw new ConcurrentEditError(`Source ${ref} was changed during the import`);
        const was = Object.fromEntries(Object.keys(missing).map((key) => [key, null]));
        audit(
          'source',
          row.id,
          'update',
          { id: row.id, ...was, version: row.version },
          { id: row.id, ...missing, version: row.version + 1 },
        );
      }
      sourceCache.set(ref, { id: row.id, checked: true });
    }
    await bulkInsert(tx, sources, inserts);
    const ids = new Map<string, string>();
    for (const ref of unique.keys()) {
      const entry = sourceCache.get(ref);
      if (entry) ids.set(ref, entry.id);
    }
    return ids;
  }

  // ---- stored state --------------------------------------------------------------------------------------

  async function loadProjects(prepared: Prepared[]): Promise<Map<string, StoredProject>> {
    const iatiIds = prepared.filter((p) => p.keyField === 'iatiIdentifier').map((p) => p.key);
    const externalRefs = prepared.filter((p) => p.keyField === 'externalRef').map((p) => p.key);
    const byKey = new Map<string, StoredProject>();
    if (iatiIds.length === 0 && externalRefs.length === 0) return byKey;
    // Two lookups, not one with OR: each uses its unique index (an OR of two IN lists scans the table).
    const rows = [
      ...(iatiIds.length > 0
        ? await tx.select(storedProjectColumns).from(projects).where(inJson(projects.iatiIdentifier, iatiIds))
        : []),
      ...(externalRefs.length > 0
        ? await tx
            .select(storedProjectColumns)
            .from(projects)
            .where(inJson(projects.externalRef, externalRefs))
        : []),
    ];
    for (const row of rows) {
      if (row.iatiIdentifier) byKey.set(`iatiIdentifier:${row.iatiIdentifier}`, row);
      if (row.externalRef) byKey.set(`externalRef:${row.externalRef}`, row);
    }
    return byKey;
  }

  async function loadChildren(ids: string[]): Promise<Map<string, ChildState>> {
    const states = new Map<string, ChildState>();
    const state = (id: string) => {
      let s = states.get(id);
      if (!s) {
        s = { countries: [], sectors: [], initiatives: [], participants: [], locations: [], sources: [] };
        states.set(id, s);
      }
      return s;
    };
    for (const id of ids) state(id);
    if (ids.length === 0) return states;
    // One after another: a transaction is one connection, which runs one query at a time anyway.
    const countryRows = await tx
      .select()
      .from(projectCountries)
      .where(inJson(projectCountries.projectId, ids));
    const sectorRows = await tx.select().from(projectSectors).where(inJson(projectSectors.projectId, ids));
    const initiativeRows = await tx
      .select()
      .from(projectInitiatives)
      .where(inJson(projectInitiatives.projectId, ids));
    const participantRows = await tx.select().from(participants).where(inJson(participants.projectId, ids));
    const locationRows = await tx.select().from(locations).where(inJson(locations.projectId, ids));
    const linkRows = await tx
      .select({ projectId: sourceLinks.projectId, sourceId: sourceLinks.sourceId, quote: sourceLinks.quote })
      .from(sourceLinks)
      .where(inJson(sourceLinks.projectId, ids));
    for (const r of countryRows)
      state(r.projectId).countries.push({ country: r.country, percentage: r.percentage });
    for (const r of sectorRows)
      state(r.projectId).sectors.push({ sector: r.sector, percentage: r.percentage });
    for (const r of initiativeRows) {
      state(r.projectId).initiatives.push({
        initiative: r.initiative,
        basis: r.basis,
        sourceId: r.sourceId,
        note: r.note,
      });
    }
    for (const r of participantRows) {
      state(r.projectId).participants.push({ organizationId: r.organizationId, role: r.role });
    }
    for (const r of locationRows) {
      state(r.projectId).locations.push({
        name: r.name,
        lat: r.lat,
        lon: r.lon,
        precision: r.precision,
        admin1Code: r.admin1Code,
        country: r.country,
        problem: r.problem,
        raw: r.raw ?? null,
      });
    }
    for (const r of linkRows) {
      if (r.projectId) state(r.projectId).sources.push({ sourceId: r.sourceId, quote: r.quote });
    }
    for (const [id, s] of states) states.set(id, sortChildren(s));
    return states;
  }

  /**
   * The funding rows of the given projects (with their source links), and who owns each of the given
   * refs: a ref owned by another project rejects the record that brings it.
   */
  async function loadFunding(projectIds: string[], refs: string[], rowsBy: 'project' | 'ref' = 'project') {
    const owners = new Map<string, string>();
    for (const part of chunks(refs)) {
      const rows = await tx
        .select({ externalRef: funding.externalRef, projectId: funding.projectId })
        .from(funding)
        .where(inJson(funding.externalRef, part));
      for (const row of rows) if (row.externalRef) owners.set(row.externalRef, row.projectId);
    }
    // A full import compares all of a project's rows; a merge only the rows it brings.
    const ofProjects =
      rowsBy === 'project'
        ? and(inJson(funding.projectId, projectIds), isNotNull(funding.externalRef))
        : and(inJson(funding.projectId, projectIds), inJson(funding.externalRef, refs));
    const rows =
      projectIds.length > 0 ? await tx.select(storedFundingColumns).from(funding).where(ofProjects) : [];
    const links = new Map<string, LinkState[]>();
    if (rows.length > 0) {
      const linkRows = await tx
        .select({
          fundingId: sourceLinks.fundingId,
          sourceId: sourceLinks.sourceId,
          quote: sourceLinks.quote,
        })
        .from(sourceLinks)
        .where(
          sql`${sourceLinks.fundingId} = any(array(select ${funding.id} from ${funding} where ${ofProjects}))`,
        );
      for (const l of linkRows) {
        if (!l.fundingId) continue;
        const list = links.get(l.fundingId) ?? [];
        list.push({ sourceId: l.sourceId, quote: l.quote });
        links.set(l.fundingId, list);
      }
    }
    const byRef = new Map<string, { row: StoredFunding; state: FundingState }>();
    const byProject = new Map<string, StoredFunding[]>();
    for (const row of rows) {
      if (!row.externalRef) continue;
      byRef.set(row.externalRef, {
        row,
        state: {
          flow: row.flow,
          funderOrgId: row.funderOrgId,
          recipientOrgId: row.recipientOrgId,
          amount: row.amount,
          currency: row.currency,
          priceBasis: row.priceBasis,
          valueDate: row.valueDate,
          amountUsd: row.amountUsd,
          usdRate: row.usdRate,
          rateSource: row.rateSource,
          instrument: row.instrument,
          estimated: row.estimated,
          raw: row.raw ?? null,
          sources: [...(links.get(row.id) ?? [])].sort(byText((l) => l.sourceId)),
        },
      });
      const list = byProject.get(row.projectId) ?? [];
      list.push(row);
      byProject.set(row.projectId, list);
    }
    return { byRef, byProject, owners };
  }

  // ---- one batch -------------------------------------------------------------------------------------------

  /**
   * Batches overlap. Batch N's writes are sent only once batch N+1's lookups are done, so that while the
   * server writes N this thread works out N+1's writes (rows, audit entries, COPY text). The lookups of
   * N+1 cannot depend on N's writes: a project key or funding ref appears once in a file, and
   * organisations and sources are inserted as soon as they are resolved. Merges of funding into
   * projects can depend on them: a batch with merges waits until everything before it is written.
   * Only one statement is ever in flight on the connection.
   */
  let planned: (() => Promise<void>) | null = null;
  let writing: Promise<void> | null = null;
  /** Sends the planned batch's writes (the connection must be free). */
  const startWrites = () => {
    const run = planned;
    planned = null;
    if (!run) return;
    writing = run();
    // Its failure surfaces at `written`; this only keeps it from being "unhandled" meanwhile.
    writing.catch(() => {});
  };
  const written = async () => {
    const running = writing;
    writing = null;
    if (running) await running;
  };

  async function writeBatch(records: ProjectRecord[]) {
    // 1. Validate; refuse duplicates within the file.
    const prepared: Prepared[] = [];
    for (const record of records) {
      const recordKey = text(record.iatiIdentifier) ?? text(record.externalRef) ?? undefined;
      const warnings: ImportIssue[] = [];
      const warn: Warn = (field, message) =>
        warnings.push({ recordKey, at: record.at, severity: 'warning', field, message });
      try {
        const p = prepare(record, rates, regions, warn);
        if (p.mode !== 'merge-funding') {
          const seenKey = `${p.keyField}:${p.key}`;
          if (seenKeys.has(seenKey)) {
            const first = seenKeys.get(seenKey);
            const where = first?.line
              ? ` (first at line ${first.line})`
              : first?.row
                ? ` (first at row ${first.row})`
                : '';
            throw new Rejection(p.keyField, `"${p.key}" appears twice in the file${where}`);
          }
          seenKeys.set(seenKey, record.at);
        }
        for (const [i, f] of p.funding.entries()) {
          if (seenFundingRefs.has(f.externalRef)) {
            throw new Rejection(`funding[${i}]`, `Funding ref "${f.externalRef}" appears twice in the file`);
          }
        }
        for (const f of p.funding) seenFundingRefs.add(f.externalRef);
        for (const w of warnings) report.issue(w);
        prepared.push(p);
      } catch (error) {
        if (!(error instanceof Rejection)) throw error;
        report.issue({
          recordKey,
          at: record.at,
          severity: 'error',
          field: error.field,
          message: error.message,
        });
        report.count('rejected');
      }
    }
    // The connection is free once the writes sent last are done.
    await written();
    if (prepared.length === 0) return;

    // Full records first, so that a funding sheet can add to a project from earlier in the same file.
    const full = prepared.filter((p) => p.mode !== 'merge-funding');
    const merges = prepared.filter((p) => p.mode === 'merge-funding');
    const touched = new Set<string>();
    if (merges.length > 0) {
      startWrites();
      await written();
      if (full.length > 0) await (await planFull(full, touched, () => {}))();
      await writeMerges(merges, touched);
      await bulkInsert(tx, auditEntries, audits.splice(0));
      if (touched.size > 0) await refreshQuality([...touched]);
      return;
    }
    const write = await planFull(full, touched, startWrites);
    const insertAudits = insertLater(tx, auditEntries, audits.splice(0));
    planned = async () => {
      await write();
      await insertAudits();
      if (touched.size > 0) await refreshQuality([...touched]);
    };
  }

  async function resolveAll(prepared: Prepared[]) {
    const orgs: PreparedOrg[] = [];
    const sourceList: PreparedSource[] = [];
    for (const p of prepared) {
      for (const pt of p.participants) orgs.push(pt.organization);
      for (const f of p.funding) {
        if (f.funder) orgs.push(f.funder);
        if (f.recipient) orgs.push(f.recipient);
        for (const l of f.sources) sourceList.push(l.source);
      }
      for (const l of p.sources) sourceList.push(l.source);
      for (const i of p.initiatives) if (i.source) sourceList.push(i.source);
    }
    const orgIds = await resolveOrgs(orgs);
    const sourceIds = await resolveSources(sourceList);
    const orgId = (org: PreparedOrg | null) => (org ? (orgIds.get(org) ?? null) : null);
    const sourceId = (source: PreparedSource) => {
      const id = sourceIds.get(source.externalRef);
      if (!id) throw new Error(`source ${source.externalRef} was not resolved`);
      return id;
    };
    const links = (list: PreparedLink[]): LinkState[] => {
      const out = new Map<string, LinkState>();
      for (const l of list) {
        const id = sourceId(l.source);
        if (!out.has(id)) out.set(id, { sourceId: id, quote: l.quote });
      }
      return [...out.values()].sort(byText((l) => l.sourceId));
    };
    const fundingState = (f: PreparedFunding): FundingState => ({
      flow: f.flow,
      funderOrgId: orgId(f.funder),
      recipientOrgId: orgId(f.recipient),
      amount: f.amount,
      currency: f.currency,
      priceBasis: f.priceBasis,
      valueDate: f.valueDate,
      amountUsd: f.amountUsd,
      usdRate: f.usdRate,
      rateSource: f.rateSource,
      instrument: f.instrument,
      estimated: f.estimated,
      raw: f.raw,
      sources: links(f.sources),
    });
    const childState = (p: Prepared): ChildState => {
      const seen = new Set<string>();
      const participantRows: ChildState['participants'] = [];
      for (const pt of p.participants) {
        const id = orgId(pt.organization);
        if (!id || seen.has(`${id}:${pt.role}`)) continue;
        seen.add(`${id}:${pt.role}`);
        participantRows.push({ organizationId: id, role: pt.role });
      }
      return sortChildren({
        countries: p.countries,
        sectors: p.sectors,
        initiatives: p.initiatives.map((i) => ({
          initiative: i.initiative,
          basis: i.basis,
          sourceId: i.source ? sourceId(i.source) : null,
          note: i.note,
        })),
        participants: participantRows,
        locations: p.locations,
        sources: links(p.sources),
      });
    };
    return { fundingState, childState };
  }

  /**
   * A project's funding rows: inserts, updates, restores and (unless merging) soft-deletes, collected in
   * `writes` and written per batch by `renderCollected`.
   */
  function writeFunding(
    projectId: string,
    wanted: { ref: string; state: FundingState }[],
    stored: Awaited<ReturnType<typeof loadFunding>>,
    merge: boolean,
    writes: BatchWrites,
  ): boolean {
    let changed = false;
    const wantedRefs = new Set(wanted.map((w) => w.ref));
    for (const { ref, state } of wanted) {
      const existing = stored.byRef.get(ref);
      if (!existing) {
        const id = randomUUID();
        // Built field by field rather than spread from `state` (rest and spread copies of every one of a
        // file's ≈ 10 funding rows per activity cost ≈ 3× as much): the row, and its audit entry without `raw`.
        writes.funding.push(
          Object.assign(newFundingColumns(state, id, projectId, ref), {
            raw: state.raw,
            createdBy: actor,
            updatedBy: actor,
          }) satisfies Omit<FundingState, 'sources'> & typeof funding.$inferInsert,
        );
        for (const l of state.sources)
          writes.links.push({ sourceId: l.sourceId, fundingId: id, quote: l.quote });
        audit(
          'funding',
          id,
          'create',
          null,
          Object.assign(newFundingColumns(state, id, projectId, ref), {
            sources: state.sources,
            version: 1,
          }) satisfies Omit<FundingState, 'raw'> & { id: string; projectId: string; externalRef: string },
        );
        changed = true;
        continue;
      }
      const { sources: links, ...columns } = state;
      const { row } = existing;
      const restoring = row.deletedAt !== null;
      if (!restoring && same(existing.state, state)) continue;
      const version = row.version + 1;
      writes.fundingUpdates.push({ id: row.id, version: row.version, key: ref, values: columns });
      if (!same(existing.state.sources, links)) {
        writes.unlinkFunding.push(row.id);
        for (const l of links) writes.links.push({ sourceId: l.sourceId, fundingId: row.id, quote: l.quote });
      }
      const [was, now] = changes(existing.state, state);
      audit(
        'funding',
        row.id,
        restoring ? 'restore' : 'update',
        { id: row.id, externalRef: ref, ...was, version: row.version, deletedAt: row.deletedAt },
        { id: row.id, externalRef: ref, ...now, version, deletedAt: null },
      );
      changed = true;
    }
    if (!merge) {
      for (const row of stored.byProject.get(projectId) ?? []) {
        if (!row.externalRef || wantedRefs.has(row.externalRef) || row.deletedAt !== null) continue;
        // Gone from the file: soft-deleted, so the audit trail and any links stay.
        writes.fundingDeletes.push({ id: row.id, version: row.version, key: row.externalRef, values: {} });
        const before = stored.byRef.get(row.externalRef)?.state;
        audit(
          'funding',
          row.id,
          'delete',
          {
            id: row.id,
            externalRef: row.externalRef,
            ...(before && withoutRaw(before)),
            version: row.version,
          },
          null,
        );
        changed = true;
      }
    }
    return changed;
  }

  /**
   * Renders what a batch collected as COPY text now, and returns the function that sends it later, in an
   * order the foreign keys and unique indexes allow: new projects, then version-guarded updates (each
   * kind in one statement), then the child rows that replace others, then new funding rows and their
   * source links.
   */
  async function renderCollected(writes: BatchWrites): Promise<() => Promise<void>> {
    // What the returned function needs besides the rendered rows (which it must not hold: see `copySender`).
    const { projectUpdates, fundingUpdates, fundingDeletes, unlinkFunding, replaced } = writes;
    const insertProjects = insertLater(tx, projects, writes.projects);
    await breathe();
    const insertChildRows = await renderChildren(writes.children);
    const insertFunding = insertLater(tx, funding, writes.funding);
    await breathe();
    const insertLinks = insertLater(tx, sourceLinks, writes.links);
    await breathe();
    return async () => {
      await insertProjects();
      await bulkUpdate(tx, projects, projectUpdates, actor, 'Project');
      await bulkUpdate(tx, funding, fundingUpdates, actor, 'Funding row', sql`deleted_at = null`);
      await bulkUpdate(tx, funding, fundingDeletes, actor, 'Funding row', sql`deleted_at = now()`);
      for (const ids of chunks(unlinkFunding)) {
        await tx.delete(sourceLinks).where(inJson(sourceLinks.fundingId, ids));
      }
      await deleteChildren(replaced);
      for (const insert of insertChildRows) await insert();
      await insertFunding();
      await insertLinks();
    };
  }

  /**
   * Looks up and resolves what a batch of full records needs, calls `afterLookups` (which lets the
   * previous batch's statements go), then works out the batch's writes with the server busy meanwhile.
   * Returns the function that writes them and reports the outcomes.
   */
  async function planFull(
    prepared: Prepared[],
    touched: Set<string>,
    afterLookups: () => void,
  ): Promise<() => Promise<void>> {
    const storedProjects = await loadProjects(prepared);
    const matched = prepared.map((p) => ({ p, stored: storedProjects.get(`${p.keyField}:${p.key}`) }));

    // Deleted in the tracker: an editor removed it, so a re-import does not bring it back.
    const live = matched.filter(({ p, stored }) => {
      if (!stored?.deletedAt) return true;
      report.issue({
        recordKey: p.key,
        at: p.at,
        severity: 'warning',
        message: 'The project was deleted in the tracker: the import leaves it deleted',
      });
      report.count('unchanged');
      return false;
    });

    const storedIds = live.flatMap(({ stored }) => (stored ? [stored.id] : []));
    const fundingRefs = live.flatMap(({ p }) => p.funding.map((f) => f.externalRef));
    const children = await loadChildren(storedIds);
    const storedFunding = await loadFunding(storedIds, fundingRefs);

    // A funding ref that belongs to another project rejects the record, before anything of it is written.
    const writable = live.filter(({ p, stored }) => {
      const clash = p.funding.find((f) => {
        const owner = storedFunding.owners.get(f.externalRef);
        return owner !== undefined && owner !== stored?.id;
      });
      if (!clash) return true;
      report.issue({
        recordKey: p.key,
        at: clash.at ?? p.at,
        severity: 'error',
        field: 'funding',
        message: `Funding ref "${clash.externalRef}" already belongs to another project`,
      });
      report.count('rejected');
      return false;
    });

    const { fundingState, childState } = await resolveAll(writable.map(({ p }) => p));
    afterLookups();

    const writes = batchWrites();
    const outcomes: Outcome[] = [];

    let n = 0;
    for (const { p, stored } of writable) {
      if (++n % 10 === 0) await breathe();
      const next = childState(p);
      const wantedFunding = p.funding.map((f) => ({ ref: f.externalRef, state: fundingState(f) }));
      if (!stored) {
        const id = randomUUID();
        const fields = p.fields;
        // The score goes in with the row, from the same facts `projectQualityFacts` reads: setting it
        // afterwards (quality_score is indexed, so no HOT update) would write every index entry again,
        // trigrams included.
        const qualityScore = projectQuality({
          sourceCount: next.sources.length,
          hasStatus: fields.status !== null,
          hasDates: (fields.actualStart ?? fields.plannedStart) !== null,
          preciseLocationCount: next.locations.filter((l) => l.precision !== 'country' && l.problem === null)
            .length,
          datedFundingCount: wantedFunding.filter((f) => f.state.valueDate !== null).length,
          hasSector: next.sectors.length > 0,
        }).score;
        writes.projects.push({
          id,
          ...fields,
          searchText: searchOf(fields),
          qualityScore,
          createdBy: actor,
          updatedBy: actor,
        });
        writes.children.push({ projectId: id, children: next, parts: CHILD_PARTS });
        audit('project', id, 'create', null, { id, version: 1, ...withoutRaw(fields), ...next });
        writeFunding(id, wantedFunding, storedFunding, p.mode === 'project', writes);
        outcomes.push({ key: p.key, at: p.at, projectId: id, action: 'new', parts: [] });
        continue;
      }

      // The key the record does not carry is kept as stored (an IATI record keeps a stored external ref).
      const fields: ProjectFields = {
        ...p.fields,
        iatiIdentifier: p.fields.iatiIdentifier ?? stored.iatiIdentifier,
        externalRef: p.fields.externalRef ?? stored.externalRef,
      };
      const before: ProjectState = {
        fields: storedFields(stored),
        ...(children.get(stored.id) ?? emptyChildren()),
      };
      const changedFields = FIELD_NAMES.filter((name) => !same(before.fields[name], fields[name]));
      const changedParts = CHILD_PARTS.filter((part) => !same(before[part], next[part]));
      const parts: string[] = [...changedFields, ...changedParts];
      if (changedFields.length > 0 || changedParts.length > 0) {
        const version = stored.version + 1;
        writes.projectUpdates.push({
          id: stored.id,
          version: stored.version,
          key: p.key,
          values: { ...fields, searchText: searchOf(fields) },
        });
        for (const part of changedParts) writes.replaced[part].push(stored.id);
        writes.children.push({ projectId: stored.id, children: next, parts: changedParts });
        const [was, now] = changes({ ...before.fields, ...before }, { ...fields, ...next }, [
          ...changedFields,
          ...changedParts,
        ]);
        const ids = { id: stored.id, iatiIdentifier: fields.iatiIdentifier, externalRef: fields.externalRef };
        audit(
          'project',
          stored.id,
          'update',
          { ...ids, ...was, version: stored.version },
          { ...ids, ...now, version },
        );
      }
      const fundingChanged = writeFunding(
        stored.id,
        wantedFunding,
        storedFunding,
        p.mode === 'project',
        writes,
      );
      if (fundingChanged) parts.push('funding');
      outcomes.push({
        key: p.key,
        at: p.at,
        projectId: stored.id,
        action: parts.length > 0 ? 'updated' : 'unchanged',
        parts,
      });
    }

    return reportAfter(await renderCollected(writes), outcomes, touched);
  }

  /**
   * `write`, then the batch's outcomes reported. Its own function so that the closure, which waits
   * for the previous batch's writes, holds the rendered bytes and the outcomes, not the batch's records.
   */
  function reportAfter(write: () => Promise<void>, outcomes: Outcome[], touched: Set<string>) {
    return async () => {
      await write();
      for (const { key, at, projectId, action, parts } of outcomes) {
        report.count(action);
        if (action === 'unchanged') continue;
        // A new project went in with its score, from the rows just written; a later merge in the file
        // that adds funding to it touches it again.
        if (action === 'updated') touched.add(projectId);
        report.change({ key, action, parts, at });
      }
    };
  }

  async function writeMerges(prepared: Prepared[], touched: Set<string>) {
    const storedProjects = await loadProjects(prepared);
    const targets = prepared.map((p) => ({ p, stored: storedProjects.get(`${p.keyField}:${p.key}`) }));
    const found = targets.filter(({ p, stored }) => {
      if (stored && !stored.deletedAt) return true;
      report.issue({
        recordKey: p.key,
        at: p.at,
        severity: 'error',
        message: stored
          ? `Project "${p.key}" was deleted in the tracker: its funding rows are not imported`
          : `No project "${p.key}" in the database or earlier in the file`,
      });
      report.count('rejected');
      return false;
    });
    const storedFunding = await loadFunding(
      found.flatMap(({ stored }) => (stored ? [stored.id] : [])),
      found.flatMap(({ p }) => p.funding.map((f) => f.externalRef)),
      'ref',
    );
    const writable = found.filter(({ p, stored }) => {
      const clash = p.funding.find((f) => {
        const owner = storedFunding.owners.get(f.externalRef);
        return owner !== undefined && owner !== stored?.id;
      });
      if (!clash) return true;
      report.issue({
        recordKey: p.key,
        at: clash.at ?? p.at,
        severity: 'error',
        field: 'funding',
        message: `Funding ref "${clash.externalRef}" already belongs to another project`,
      });
      report.count('rejected');
      return false;
    });
    const { fundingState } = await resolveAll(writable.map(({ p }) => p));
    const writes = batchWrites();
    for (const { p, stored } of writable) {
      if (!stored) continue;
      const wanted = p.funding.map((f) => ({ ref: f.externalRef, state: fundingState(f) }));
      const isNew = wanted.every((w) => !storedFunding.byRef.has(w.ref));
      const changed = writeFunding(stored.id, wanted, storedFunding, true, writes);
      const action = !changed ? 'unchanged' : isNew ? 'new' : 'updated';
      report.count(action);
      if (action !== 'unchanged') {
        touched.add(stored.id);
        report.change({ key: p.key, action, parts: ['funding'], at: p.at });
      }
    }
    await (await renderCollected(writes))();
  }

  /** `refreshProjectQuality` for a whole batch: the same facts and score, written in one statement. */
  async function refreshQuality(ids: string[]) {
    const facts = await projectQualityFacts(tx, ids);
    const scores = [...facts].map(([id, f]) => ({ id, score: projectQuality(f).score }));
    await tx.execute(sql`
      update ${projects} set quality_score = x.score
      from json_to_recordset(${JSON.stringify(scores)}::json) as x(id uuid, score smallint)
      where ${projects.id} = x.id and ${projects.qualityScore} <> x.score`);
  }

  async function deleteChildren(replaced: Record<ChildPart, string[]>) {
    const tables = {
      countries: [projectCountries, projectCountries.projectId],
      sectors: [projectSectors, projectSectors.projectId],
      initiatives: [projectInitiatives, projectInitiatives.projectId],
      participants: [participants, participants.projectId],
      locations: [locations, locations.projectId],
      sources: [sourceLinks, sourceLinks.projectId],
    } as const;
    for (const part of CHILD_PARTS) {
      const [table, column] = tables[part];
      for (const ids of chunks(replaced[part])) await tx.delete(table).where(inJson(column, ids));
    }
  }

  async function renderChildren(
    list: { projectId: string; children: ChildState; parts: readonly ChildPart[] }[],
  ): Promise<(() => Promise<void>)[]> {
    const rows = {
      countries: [] as (typeof projectCountries.$inferInsert)[],
      sectors: [] as (typeof projectSectors.$inferInsert)[],
      initiatives: [] as (typeof projectInitiatives.$inferInsert)[],
      participants: [] as (typeof participants.$inferInsert)[],
      locations: [] as (typeof locations.$inferInsert)[],
      sources: [] as (typeof sourceLinks.$inferInsert)[],
    };
    for (const { projectId, children, parts } of list) {
      const has = (part: ChildPart) => parts.includes(part);
      if (has('countries')) for (const r of children.countries) rows.countries.push({ projectId, ...r });
      if (has('sectors')) for (const r of children.sectors) rows.sectors.push({ projectId, ...r });
      if (has('initiatives'))
        for (const r of children.initiatives) rows.initiatives.push({ projectId, ...r });
      if (has('participants'))
        for (const r of children.participants) rows.participants.push({ projectId, ...r });
      if (has('locations')) for (const r of children.locations) rows.locations.push({ projectId, ...r });
      if (has('sources')) for (const r of children.sources) rows.sources.push({ projectId, ...r });
    }
    const inserts = [
      insertLater(tx, projectCountries, rows.countries),
      insertLater(tx, projectSectors, rows.sectors),
      insertLater(tx, projectInitiatives, rows.initiatives),
      insertLater(tx, participants, rows.participants),
    ];
    await breathe();
    inserts.push(insertLater(tx, locations, rows.locations), insertLater(tx, sourceLinks, rows.sources));
    await breathe();
    return inserts;
  }

  // Batches are worked out one after the other (`queue`), while the reader goes on: it may be up to
  // READ_AHEAD full batches ahead before `add` waits. So this thread parses whenever it would otherwise
  // wait for the server (see `writeBatch` for how one batch's writes overlap the next one's work).
  let queue: Promise<void> = Promise.resolve();
  const queued: Promise<void>[] = [];
  const drained = async () => {
    await queue;
    queued.length = 0;
  };

  return {
    async add(record) {
      batch.push(record);
      // The reader may run through buffered chunks without ever letting I/O in: a turn of the event
      // loop per record lets the server's replies through, so that its next statement goes out.
      if (queued.length > 0) await breathe();
      if (batch.length < batchSize) return;
      const full = batch;
      batch = [];
      queue = queue.then(() => writeBatch(full));
      // Its failure surfaces at the next add, flush or close; this only keeps it from being "unhandled".
      queue.catch(() => {});
      queued.push(queue);
      while (queued.length > READ_AHEAD) await queued.shift();
    },
    async flush() {
      await drained();
      const rest = batch;
      batch = [];
      if (rest.length > 0) await writeBatch(rest);
      startWrites();
      await written();
    },
    async close() {
      await drained().catch(() => {});
      await written().catch(() => {});
    },
  };
}

/** How many full batches the reader may be ahead of the one being worked out. */
const READ_AHEAD = 1;

const emptyChildren = (): ChildState => ({
  countries: [],
  sectors: [],
  initiatives: [],
  participants: [],
  locations: [],
  sources: [],
});

function storedFields(row: StoredProject): ProjectFields {
  return {
    iatiIdentifier: row.iatiIdentifier,
    externalRef: row.externalRef,
    title: row.title,
    titleOriginal: row.titleOriginal,
    titleLanguage: row.titleLanguage,
    description: row.description,
    status: row.status,
    plannedStart: row.plannedStart,
    plannedEnd: row.plannedEnd,
    actualStart: row.actualStart,
    actualEnd: row.actualEnd,
    raw: row.raw ?? null,
  };
}

const searchOf = (f: ProjectFields) => projectSearchText(f);

/**
 * Audit entries of a create record the new row without its `raw` import payload, which stays on the row
 * (any later change of it is audited with before and after); updates record only what changed.
 */
function withoutRaw<T extends { raw: unknown }>(state: T): Omit<T, 'raw'> {
  const { raw: _raw, ...rest } = state;
  return rest;
}

function changes<T extends object>(before: T, after: T, keys?: readonly string[]): [Partial<T>, Partial<T>] {
  const was: Record<string, unknown> = {};
  const now: Record<string, unknown> = {};
  const b = before as Record<string, unknown>;
  const a = after as Record<string, unknown>;
  for (const key of keys ?? Object.keys(a)) {
    if (keys || !same(b[key], a[key])) {
      was[key] = b[key];
      now[key] = a[key];
    }
  }
  return [was as Partial<T>, now as Partial<T>];
}
