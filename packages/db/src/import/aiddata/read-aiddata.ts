/**
 * AidData's Global Chinese Development Finance Dataset 3.0 as shipped in packages/db/data (see
 * PROVENANCE.md §1, 7, 9–11): five files joined on the AidData record ID into one ProjectRecord each.
 * The four small files are read into maps first; the large text file is then streamed, and the records
 * only the other files know follow at the end.
 */
import { createReadStream } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { countryName, type LocationPrecision } from '@srt/shared/codes';
import { isoDateSchema } from '@srt/shared/common';
import { decimalSign, roundDecimal } from '../csv/decimal.ts';
import { csvRows, DEFAULT_MAX_BYTES } from '../csv/stream.ts';
import type {
  FileLocation,
  FundingRecord,
  ImportIssue,
  LocationRecord,
  OrganizationRef,
  ProjectRecord,
  ReadItem,
  SourceRef,
} from '../types.ts';
import { type ShapeSummary, summarizeShape } from './geometry.ts';
import {
  AIDDATA_INSTRUMENTS,
  agencyOrganizationType,
  coarser,
  ISO3_TO_ISO2,
  isPledge,
  precisionForLevel,
  precisionForMapZoom,
  precisionForReach,
  RECIPIENT_NAMES,
  sectorCategoryForAidData,
  statusForAidData,
} from './mapping.ts';

export const AIDDATA_DATASET: SourceRef = {
  externalRef: 'aiddata:gcdf3',
  url: 'https://www.aiddata.org/data/aiddatas-global-chinese-development-finance-dataset-version-3-0',
  title: 'AidData Global Chinese Development Finance Dataset, Version 3.0',
  publisher: 'AidData at William & Mary',
  kind: 'dataset',
};
export const AIDDATA_RATE_SOURCE = 'AidData GCDF 3.0, constant 2021 USD';
export const UNSPECIFIED_CHINESE_FUNDER: OrganizationRef = {
  name: 'China (official sector, unspecified)',
  country: 'CN',
};

export type AidDataFileRole = 'projects' | 'recipientYear' | 'geocoded' | 'over10m' | 'geometries';
export type AidDataFile = { fileName: string; bytes: AsyncIterable<Uint8Array> };
/** A directory holding the files under their shipped names, or the files themselves by role. */
export type AidDataInput = string | Partial<Record<AidDataFileRole, AidDataFile>>;
export type AidDataReaderOptions = { maxBytes?: number };

const FILE_PATTERNS: [AidDataFileRole, RegExp][] = [
  ['recipientYear', /^aiddata_gcdf3_recipient_year_.+\.csv$/i],
  ['geocoded', /^aiddata_gcdf3_geocoded_.+\.csv$/i],
  ['over10m', /^aiddata_gcdf3_over10m_.+\.csv$/i],
  ['geometries', /^aiddata_gcdf3_geometries_.+\.geojson$/i],
  ['projects', /^aiddata_gcdf3_.+\.csv$/i],
];

/** The AidData files in a directory by role (for reading, and for hashing in the import run). */
export async function findAidDataFiles(
  dir: string,
): Promise<{ files: Partial<Record<AidDataFileRole, string>>; problems: string[] }> {
  const files: Partial<Record<AidDataFileRole, string>> = {};
  const problems: string[] = [];
  for (const name of (await readdir(dir)).sort()) {
    const role = FILE_PATTERNS.find(([, pattern]) => pattern.test(name))?.[0];
    if (!role) continue;
    const existing = files[role];
    if (existing) problems.push(`two AidData ${role} files in ${dir}: ${existing} and ${name}`);
    else files[role] = name;
  }
  return { files, problems };
}

/** The column names each file must have (as AidData and PROVENANCE.md spell them). */
const COLUMNS = {
  projects: {
    id: 'aid_data_record_id',
    sector: 'sector_name',
    title: 'title',
    description: 'description',
    staffComments: 'staff_comments',
    recipientIso3Inferred: 'recipient_iso3_inferred',
    yearInferred: 'commitment_year_inferred',
    inferenceBasis: 'inference_basis',
  },
  recipientYear: {
    id: 'AidData Record ID',
    recipient: 'Recipient',
    iso3: 'Recipient ISO-3',
    region: 'Recipient Region',
    year: 'Commitment Year',
    recommended: 'in_recommended_for_aggregates_subset_DERIVED',
  },
  geocoded: {
    id: 'AidData.Record.ID',
    levels: 'Level.of.precision',
    featureType: 'Type.of.the.OSM.feature',
    links: 'OSM.link',
    amount: 'Amount.(Constant.USD.2021)',
    title: 'Title',
    status: 'Status',
    sector: 'Sector.Name',
    recipient: 'Recipient',
    iso3: 'Recipient.ISO-3',
    infrastructure: 'Infrastructure',
    year: 'Commitment.Year',
    startYear: 'Implementation.Start.Year',
    completionYear: 'Completion.Year',
    commitmentDate: 'Commitment.Date.(MM/DD/YYYY)',
    startDate: 'Actual.Implementation.Start.Date.(MM/DD/YYYY)',
    completionDate: 'Actual.Completion.Date.(MM/DD/YYYY)',
    lat: 'lat_DERIVED',
    lon: 'lon_DERIVED',
    coordBasis: 'coord_basis_DERIVED',
  },
  over10m: {
    id: 'AidData Record ID',
    financierCountry: 'Financier Country',
    recipient: 'Recipient',
    year: 'Commitment Year',
    completionYear: 'Completion Year',
    title: 'Title',
    description: 'Description',
    status: 'Status',
    intent: 'Intent',
    flowType: 'Flow Type Simplified',
    flowClass: 'Flow Class',
    sector: 'Sector Name',
    fundingAgenciesType: 'Funding Agencies Type',
    implementingAgenciesType: 'Implementing Agencies Type',
    amount: 'Adjusted Amount (Constant USD 2021)',
    locationNarrative: 'Location Narrative',
    incomeGroup: 'OECD ODA Income Group',
  },
} as const;

const REQUIRED: Record<Exclude<AidDataFileRole, 'geometries'>, readonly string[]> = {
  projects: [COLUMNS.projects.id, COLUMNS.projects.title, COLUMNS.projects.sector],
  recipientYear: [COLUMNS.recipientYear.id, COLUMNS.recipientYear.iso3, COLUMNS.recipientYear.year],
  geocoded: [
    COLUMNS.geocoded.id,
    COLUMNS.geocoded.amount,
    COLUMNS.geocoded.levels,
    COLUMNS.geocoded.links,
    COLUMNS.geocoded.status,
  ],
  over10m: [COLUMNS.over10m.id, COLUMNS.over10m.flowType, COLUMNS.over10m.amount],
};

/** A CSV row as column → value, with AidData's "NA" and blanks as absent; `at` locates it. */
type Row = { values: Map<string, string>; at: FileLocation; fileName: string };
const cell = (row: Row | undefined, column: string): string | undefined => row?.values.get(column);

type Geometry = ShapeSummary & { featureCount: string | null };
type Parts = {
  id: string;
  text?: Row;
  official?: Row;
  geocoded?: Row;
  over10m?: Row;
  geometry?: Geometry;
};

class Fatal extends Error {}

export async function* readAidData(
  input: AidDataInput,
  options: AidDataReaderOptions = {},
): AsyncGenerator<ReadItem> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  let files: Partial<Record<AidDataFileRole, AidDataFile>>;
  if (typeof input === 'string') {
    const found = await findAidDataFiles(input).catch((error: unknown) => {
      return { files: {}, problems: [`cannot read the directory ${input}: ${String(error)}`] };
    });
    if (found.problems.length > 0) {
      yield { kind: 'fatal', message: found.problems.join('; ') };
      return;
    }
    files = {};
    for (const [role, name] of Object.entries(found.files) as [AidDataFileRole, string][]) {
      files[role] = { fileName: name, bytes: createReadStream(join(input, name)) };
    }
  } else files = input;
  if (!files.projects && !files.recipientYear) {
    yield {
      kind: 'fatal',
      message:
        'No AidData GCDF files: expected aiddata_gcdf3_<scope>.csv and/or aiddata_gcdf3_recipient_year_<scope>.csv',
    };
    return;
  }

  const issues: ImportIssue[] = [];
  try {
    const official = files.recipientYear
      ? await readKeyed(files.recipientYear, 'recipientYear', maxBytes, issues)
      : new Map<string, Row>();
    const geocoded = files.geocoded
      ? await readKeyed(files.geocoded, 'geocoded', maxBytes, issues)
      : new Map<string, Row>();
    const over10m = files.over10m
      ? await readKeyed(files.over10m, 'over10m', maxBytes, issues)
      : new Map<string, Row>();
    const geometries = files.geometries
      ? await readGeometries(files.geometries, maxBytes, issues)
      : new Map<string, Geometry>();
    for (const issue of issues.splice(0)) yield { kind: 'issue', issue };

    const done = new Set<string>();
    const partsOf = (id: string, text?: Row): Parts => ({
      id,
      text,
      official: official.get(id),
      geocoded: geocoded.get(id),
      over10m: over10m.get(id),
      geometry: geometries.get(id),
    });

    if (files.projects) {
      for await (const row of keyedRows(files.projects, 'projects', maxBytes, issues)) {
        for (const issue of issues.splice(0)) yield { kind: 'issue', issue };
        const id = cell(row, COLUMNS.projects.id) ?? '';
        if (done.has(id)) {
          yield issueItem({
            recordKey: `aiddata:${id}`,
            at: row.at,
            severity: 'error',
            message: `Record ${id} appears twice in ${row.fileName}; the second row is ignored`,
          });
          continue;
        }
        done.add(id);
        yield* buildRecord(partsOf(id, row));
      }
      for (const issue of issues.splice(0)) yield { kind: 'issue', issue };
    }
    // Records without text: in AidData's official list (and maybe geocoded) but not in the text file.
    for (const id of [...official.keys(), ...geocoded.keys(), ...over10m.keys()]) {
      if (done.has(id)) continue;
      done.add(id);
      yield* buildRecord(partsOf(id));
    }
  } catch (error) {
    for (const issue of issues.splice(0)) yield { kind: 'issue', issue };
    if (error instanceof Fatal) {
      yield { kind: 'fatal', message: error.message };
      return;
    }
    throw error;
  }
}

const issueItem = (issue: ImportIssue): ReadItem => ({ kind: 'issue', issue });

/** Streams a CSV as rows keyed by its header; a missing column or an unreadable file is fatal. */
async function* keyedRows(
  file: AidDataFile,
  role: Exclude<AidDataFileRole, 'geometries'>,
  maxBytes: number,
  issues: ImportIssue[],
): AsyncGenerator<Row> {
  let header: string[] | null = null;
  const idColumn = REQUIRED[role][0] ?? '';
  for await (const item of csvRows(file.bytes, { fileName: file.fileName, maxBytes })) {
    if (item.kind === 'fatal') throw new Fatal(item.message);
    if (!header) {
      header = item.cells;
      const missing = REQUIRED[role].filter((c) => !header?.includes(c));
      if (missing.length > 0) {
        throw new Fatal(
          `${file.fileName}: missing AidData column${missing.length > 1 ? 's' : ''}: ${missing.join(', ')}`,
        );
      }
      continue;
    }
    const values = new Map<string, string>();
    for (const [i, name] of header.entries()) {
      const value = item.cells[i] ?? '';
      if (value !== '' && value !== 'NA') values.set(name, value);
    }
    const id = values.get(idColumn) ?? '';
    if (!/^\d{1,9}$/.test(id)) {
      issues.push({
        at: { ...item.at, column: idColumn },
        severity: 'error',
        field: idColumn,
        message: `${file.fileName}: not an AidData record ID: "${id}"; the row is ignored`,
      });
      continue;
    }
    yield { values, at: item.at, fileName: file.fileName };
  }
  if (!header) throw new Fatal(`${file.fileName} is empty`);
}

async function readKeyed(
  file: AidDataFile,
  role: Exclude<AidDataFileRole, 'geometries' | 'projects'>,
  maxBytes: number,
  issues: ImportIssue[],
): Promise<Map<string, Row>> {
  const rows = new Map<string, Row>();
  const idColumn = REQUIRED[role][0] ?? '';
  for await (const row of keyedRows(file, role, maxBytes, issues)) {
    const id = cell(row, idColumn) ?? '';
    if (rows.has(id)) {
      issues.push({
        recordKey: `aiddata:${id}`,
        at: row.at,
        severity: 'warning',
        message: `${file.fileName}: record ${id} appears twice; the first row is used`,
      });
    } else rows.set(id, row);
  }
  return rows;
}

async function readGeometries(
  file: AidDataFile,
  maxBytes: number,
  issues: ImportIssue[],
): Promise<Map<string, Geometry>> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for await (const chunk of file.bytes) {
      size += chunk.byteLength;
      if (size > maxBytes) throw new Fatal(`${file.fileName} is over the size limit of ${maxBytes} bytes`);
      chunks.push(chunk);
    }
  } catch (error) {
    if (error instanceof Fatal) throw error;
    throw new Fatal(`${file.fileName} could not be read: ${String(error)}`);
  }
  let collection: { features?: unknown };
  try {
    collection = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { features?: unknown };
  } catch {
    throw new Fatal(`${file.fileName} is not valid GeoJSON (JSON could not be parsed)`);
  }
  if (!Array.isArray(collection.features))
    throw new Fatal(`${file.fileName} is not a GeoJSON FeatureCollection`);
  const shapes = new Map<string, Geometry>();
  for (const [i, feature] of (
    collection.features as { properties?: Record<string, unknown>; geometry?: unknown }[]
  ).entries()) {
    const id = String(feature.properties?.id ?? '');
    const shape = summarizeShape(feature.geometry);
    if (!/^\d{1,9}$/.test(id) || !shape) {
      issues.push({
        severity: 'warning',
        field: `features[${i}]`,
        message: `${file.fileName}: feature ${i} has no AidData record ID or no usable geometry; ignored`,
      });
      continue;
    }
    const count = feature.properties?.feature_count;
    shapes.set(id, { ...shape, featureCount: count == null ? null : String(count) });
  }
  return shapes;
}

/** "2006-12-21" as published (despite the MM/DD/YYYY in the column name), or MM/DD/YYYY. */
function aidDataDate(text: string | undefined): string | null | undefined {
  if (!text) return null;
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  const iso = us ? `${us[3]}-${us[1]?.padStart(2, '0')}-${us[2]?.padStart(2, '0')}` : text;
  return isoDateSchema.safeParse(iso).success ? iso : undefined;
}

const compact = (o: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null && v !== ''));

const splitList = (text: string | undefined, separator: RegExp): string[] =>
  (text ?? '')
    .split(separator)
    .map((s) => s.trim())
    .filter((s) => s !== '');

function* buildRecord(parts: Parts): Generator<ReadItem> {
  const { id } = parts;
  const key = `aiddata:${id}`;
  const at = (parts.text ?? parts.official ?? parts.geocoded ?? parts.over10m)?.at;
  const issue = (severity: 'error' | 'warning', message: string, field?: string, where = at): ReadItem =>
    issueItem({
      recordKey: key,
      ...(where ? { at: where } : {}),
      severity,
      ...(field ? { field } : {}),
      message,
    });

  const { text, official, geocoded, over10m } = parts;
  const P = COLUMNS.projects;
  const R = COLUMNS.recipientYear;
  const G = COLUMNS.geocoded;
  const O = COLUMNS.over10m;

  // Recipient and year: AidData's own fields first; the text file's inferred values only as a last resort.
  const inferred: string[] = [];
  let iso3 = cell(official, R.iso3) ?? cell(geocoded, G.iso3);
  let country: string | undefined = iso3 ? ISO3_TO_ISO2[iso3] : undefined;
  if (!iso3) {
    const name = cell(over10m, O.recipient)?.toLowerCase();
    country = name ? RECIPIENT_NAMES[name] : undefined;
  }
  if (!iso3 && !country && cell(text, P.recipientIso3Inferred)) {
    iso3 = cell(text, P.recipientIso3Inferred);
    country = iso3 ? ISO3_TO_ISO2[iso3] : undefined;
    inferred.push('recipient');
  }
  if (!country) {
    yield issue(
      'error',
      iso3
        ? `Recipient ${iso3} is not one of the tracked countries (AZE, TJK, TKM, UZB); the record is not imported`
        : 'No recipient country in any AidData file; the record is not imported',
      'countries',
    );
    return;
  }
  let yearText = cell(official, R.year) ?? cell(geocoded, G.year) ?? cell(over10m, O.year);
  if (!yearText && cell(text, P.yearInferred)) {
    yearText = cell(text, P.yearInferred);
    inferred.push('commitment year');
  }
  const commitmentYear = yearText && /^\d{4}$/.test(yearText) ? Number(yearText) : null;
  if (yearText && commitmentYear === null)
    yield issue('warning', `Commitment year "${yearText}" is not a year; ignored`, 'commitmentYear');

  // Text.
  let title = (cell(text, P.title) ?? cell(geocoded, G.title) ?? cell(over10m, O.title))?.trim();
  if (!title) {
    title = `AidData GCDF 3.0 record ${id} (no title in the available files)`;
    const only = (official ?? geocoded ?? over10m)?.fileName ?? 'the other files';
    yield issue(
      'warning',
      `No title or description in the available AidData files (the record is only in ${only}): it carries its recipient and year only`,
      'title',
    );
  }
  const description = (cell(text, P.description) ?? cell(over10m, O.description))?.trim() || null;

  const sectorName = cell(text, P.sector) ?? cell(geocoded, G.sector) ?? cell(over10m, O.sector);
  const sectors: ProjectRecord['sectors'] = [];
  if (sectorName) {
    const category = sectorCategoryForAidData(sectorName);
    if (category) sectors.push({ sector: category, percentage: null });
    else
      yield issue(
        'warning',
        `Unknown AidData sector "${sectorName}": kept in raw data, no sector set`,
        'sectors',
      );
  }

  const statusText = cell(geocoded, G.status) ?? cell(over10m, O.status);
  let status: number | null = null;
  if (statusText) {
    status = statusForAidData(statusText);
    if (status === null)
      yield issue('warning', `Unknown AidData status "${statusText}": kept in raw data`, 'status');
  }

  const dates: Record<'commitment' | 'start' | 'completion', string | null> = {
    commitment: null,
    start: null,
    completion: null,
  };
  for (const [name, column] of [
    ['commitment', G.commitmentDate],
    ['start', G.startDate],
    ['completion', G.completionDate],
  ] as const) {
    const value = aidDataDate(cell(geocoded, column));
    if (value === undefined) {
      yield issue(
        'warning',
        `Not a date: "${cell(geocoded, column)}"; ignored`,
        column,
        geocoded?.at && { ...geocoded.at, column },
      );
    } else dates[name] = value;
  }
  const published = { ...dates };
  if (dates.start && dates.completion && dates.start > dates.completion) {
    // One of the two is wrong and the file does not say which: neither is asserted, both stay in raw.
    yield issue(
      'warning',
      `Implementation start ${dates.start} is after completion ${dates.completion}: both kept in raw data only`,
      'actualEnd',
    );
    dates.start = null;
    dates.completion = null;
  }

  // Funder: GCDF names the agencies' types, not the agencies, in these files.
  const agencyTypes = [...new Set(splitList(cell(over10m, O.fundingAgenciesType), /\|/))];
  const funder: OrganizationRef =
    agencyTypes.length > 0
      ? {
          name: `China: ${agencyTypes.map((t) => t.toLowerCase()).join(' and ')} (not named in the AidData files)`,
          country: 'CN',
          type: agencyTypes.every((t) => agencyOrganizationType(t) === 10) ? 10 : 15,
        }
      : UNSPECIFIED_CHINESE_FUNDER;

  const funding: FundingRecord[] = [];
  const amountText = cell(geocoded, G.amount) ?? cell(over10m, O.amount);
  const otherAmount = cell(over10m, O.amount);
  if (amountText && otherAmount && amountText !== otherAmount) {
    yield issue(
      'warning',
      `The geocoded file's amount ${amountText} differs from the ≥ USD 10M file's ${otherAmount}; the geocoded one is used`,
      'funding',
    );
  }
  if (amountText) {
    const amount = roundDecimal(amountText, 2);
    const sign = decimalSign(amountText);
    if (amount === null || sign !== 1) {
      yield issue(
        'warning',
        `Amount "${amountText}" is not a positive number: no funding row`,
        'funding[0].amount',
      );
    } else {
      const flowType = cell(over10m, O.flowType);
      let instrument: FundingRecord['instrument'] = null;
      if (flowType) {
        instrument = AIDDATA_INSTRUMENTS[flowType.toLowerCase()] ?? 'other';
        if (!AIDDATA_INSTRUMENTS[flowType.toLowerCase()]) {
          yield issue(
            'warning',
            `Unknown AidData flow type "${flowType}": instrument "other"`,
            'funding[0].instrument',
          );
        }
      }
      const flow = statusText && isPledge(statusText) ? 'pledge' : 'commitment';
      funding.push({
        externalRef: `${key}#${flow}`,
        flow,
        amount,
        currency: 'USD',
        priceBasis: 'constant-2021',
        valueDate: dates.commitment,
        funder,
        instrument,
        usd: { amountUsd: amount, rate: '1', rateSource: AIDDATA_RATE_SOURCE },
        raw: compact({
          amountConstantUsd2021: amountText,
          note: 'AidData publishes this amount in constant 2021 USD: not nominal, not in the original currency.',
          flowTypeSimplified: flowType,
          flowClass: cell(over10m, O.flowClass),
          intent: cell(over10m, O.intent),
          financierCountry: cell(over10m, O.financierCountry),
          fundingAgenciesType: cell(over10m, O.fundingAgenciesType),
        }),
        at: (geocoded ?? over10m)?.at,
      });
    }
  }

  const location = locationOf(parts, country);
  const inferredNote =
    inferred.length > 0
      ? `The ${inferred.join(' and ')} ${inferred.length > 1 ? 'are' : 'is'} inferred from the record's text and its position in GCDF 3.0's order, not AidData's own field${inferred.length > 1 ? 's' : ''}.`
      : null;
  if (inferredNote)
    yield issue('warning', inferredNote, inferred.includes('recipient') ? 'countries' : 'commitmentYear');

  const record: ProjectRecord = {
    mode: 'full',
    externalRef: key,
    title,
    description,
    status,
    actualStart: dates.start,
    actualEnd: dates.completion,
    countries: [{ country, percentage: 100 }],
    sectors,
    initiatives: [
      {
        initiative: 'bri',
        basis: 'assessed',
        note: [
          `Chinese official development finance to a BRI partner country, attributed by rule: AidData GCDF 3.0 record ${id}; not an official BRI label`,
          inferredNote,
        ]
          .filter(Boolean)
          .join('. '),
        source: { ...AIDDATA_DATASET, quote: `AidData Record ID ${id}` },
      },
    ],
    participants: [{ organization: funder, role: 1 }],
    locations: [location],
    funding,
    sources: [{ ...AIDDATA_DATASET, quote: `AidData Record ID ${id}` }],
    raw: compact({
      ...(inferredNote ? { inferred: true, note: inferredNote } : {}),
      aiddata: compact({
        recordId: id,
        recipient: cell(official, R.recipient) ?? cell(geocoded, G.recipient) ?? cell(over10m, O.recipient),
        recipientIso3: iso3,
        recipientRegion: cell(official, R.region),
        commitmentYear,
        commitmentYearBasis:
          commitmentYear === null ? null : inferred.includes('commitment year') ? 'inferred' : 'aiddata',
        inRecommendedForAggregatesSubsetDerived: cell(official, R.recommended),
        inferenceBasis: inferred.length > 0 ? cell(text, P.inferenceBasis) : undefined,
        sectorName,
        status: statusText,
        staffComments: cell(text, P.staffComments),
        infrastructure: cell(geocoded, G.infrastructure),
        commitmentDate: published.commitment,
        actualImplementationStartDate: published.start,
        actualCompletionDate: published.completion,
        implementationStartYear: cell(geocoded, G.startYear),
        completionYear: cell(geocoded, G.completionYear) ?? cell(over10m, O.completionYear),
        intent: cell(over10m, O.intent),
        flowClass: cell(over10m, O.flowClass),
        flowTypeSimplified: cell(over10m, O.flowType),
        fundingAgenciesType: cell(over10m, O.fundingAgenciesType),
        implementingAgenciesType: cell(over10m, O.implementingAgenciesType),
        oecdOdaIncomeGroup: cell(over10m, O.incomeGroup),
      }),
    }),
    ...(at ? { at } : {}),
  };
  yield { kind: 'record', record };
}

/** `#map=zoom/lat/lon` or `route=lat,lon;…` (URL-encoded or not) of one OSM link. */
function linkCoordinates(link: string): { lat: number; lon: number; zoom: number | null }[] {
  const found: { lat: number; lon: number; zoom: number | null }[] = [];
  const map = /#map=(\d{1,2})\/(-?\d+(?:\.\d+)?)\/(-?\d+(?:\.\d+)?)/.exec(link);
  if (map) found.push({ zoom: Number(map[1]), lat: Number(map[2]), lon: Number(map[3]) });
  const route = /route=(-?\d+(?:\.\d+)?)(?:%2C|,)(-?\d+(?:\.\d+)?)/i.exec(link);
  if (route) found.push({ zoom: null, lat: Number(route[1]), lon: Number(route[2]) });
  return found;
}

/**
 * One location per record. Best: the centroid of AidData's geometry, as precise as AidData's coarsest
 * feature level and the shape's reach allow. Next: the derived OSM map-view or route point, never better
 * than `near` (and no better than its link's level and map zoom allow). Otherwise the country. A point too
 * vague to place (precision `country`) is kept in `raw`, not as coordinates.
 */
function locationOf(parts: Parts, country: string): LocationRecord {
  const G = COLUMNS.geocoded;
  const { geocoded, geometry } = parts;
  const levels = splitList(cell(geocoded, G.levels), /,/);
  const links = (cell(geocoded, G.links) ?? '').match(/https?:\/\/[^\s,]+/g) ?? [];
  const levelPrecisions = levels.map(precisionForLevel);
  const coarsestLevel = levelPrecisions.reduce<LocationPrecision>(
    (acc, p) => coarser(acc, p ?? 'country'),
    'exact',
  );
  const base = compact({
    aidDataPrecision: levels.length > 0 ? levels : undefined,
    osmFeatureType: cell(geocoded, G.featureType),
    osmLinks: links.length > 0 ? links : undefined,
    locationNarrative: cell(parts.over10m, COLUMNS.over10m.locationNarrative),
  });
  const countryLevel = (raw: Record<string, unknown>): LocationRecord => ({
    name: countryName(country),
    country,
    precision: 'country',
    lat: null,
    lon: null,
    raw: compact({ ...base, ...raw }),
  });

  if (geometry) {
    const precision = coarser(
      levels.length > 0 ? coarsestLevel : 'exact',
      precisionForReach(geometry.reachKm),
    );
    const raw = {
      basis: 'aiddata-geometry-centroid',
      reachKm: geometry.reachKm,
      bbox: geometry.bbox,
      geometryFeatureCount: geometry.featureCount,
    };
    if (precision === 'country') return countryLevel({ ...raw, centroid: [geometry.lon, geometry.lat] });
    return {
      name: 'Centre of the project geometry (AidData)',
      country,
      precision,
      lat: geometry.lat,
      lon: geometry.lon,
      raw: compact({ ...base, ...raw }),
    };
  }

  const latText = cell(geocoded, G.lat);
  const lonText = cell(geocoded, G.lon);
  const lat = Number(latText);
  const lon = Number(lonText);
  if (
    latText &&
    lonText &&
    Number.isFinite(lat) &&
    Number.isFinite(lon) &&
    Math.abs(lat) <= 90 &&
    Math.abs(lon) <= 180
  ) {
    const basis = cell(geocoded, G.coordBasis) ?? 'derived';
    // The link the point was copied from tells its feature's level and the map zoom.
    let linkIndex = -1;
    let zoom: number | null = null;
    for (const [i, link] of links.entries()) {
      const match = linkCoordinates(link).find((c) => c.lat === lat && c.lon === lon);
      if (match) {
        linkIndex = i;
        zoom = match.zoom;
        break;
      }
    }
    const level = linkIndex >= 0 ? (levelPrecisions[linkIndex] ?? 'country') : coarsestLevel;
    const precision = coarser(coarser('near', level), precisionForMapZoom(zoom));
    const raw = {
      basis,
      mapZoom: zoom,
      note:
        basis === 'osm-directions-route-start'
          ? 'Derived: the start of an OpenStreetMap route in AidData’s link, not a surveyed point'
          : 'Derived: where an OpenStreetMap editor’s map view was centred in AidData’s link, not a surveyed point; not checked to lie in the country',
    };
    if (precision === 'country') return countryLevel({ ...raw, point: [lon, lat] });
    return {
      name:
        basis === 'osm-directions-route-start'
          ? 'Start of the OpenStreetMap route (approximate)'
          : 'Centre of the OpenStreetMap view (approximate)',
      country,
      precision,
      lat,
      lon,
      raw: compact({ ...base, ...raw }),
    };
  }
  return countryLevel({ basis: geocoded ? 'aiddata-geocoded-without-coordinates' : 'not-geocoded' });
}
