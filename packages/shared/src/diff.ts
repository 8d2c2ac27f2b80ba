/**
 * Field-by-field differences between two snapshots of a record, as the audit trail stores them
 * (`before` / `after`, JSON). Pure: the API computes it for the history pages and any HTTP client gets
 * the same answer.
 *
 * The snapshots come from several writers: the write procedures (form values), the import pipeline
 * (only the fields it changed, plus ids and version) and the seed (whole rows). So:
 * - a field present on one side only is compared with "not set";
 * - `null`, `undefined`, `''` and `[]` all mean "not set" and are equal;
 * - a number and a decimal string of the same value are equal (`50` and `"50.00"`);
 * - bookkeeping columns (ids, version, timestamps, search text, quality score, raw import data) are
 *   not changes a reader cares about and are left out;
 * - lists of child rows (countries, sectors, participants, locations, sources, …) are matched item by
 *   item on their natural key and reported as added, removed and changed items, never as one blob.
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** One sub-field of a list item that changed (e.g. a location's `lat`). */
export type ValueChange = { field: string; before: Json; after: Json };

export type ItemChange = {
  /** The item's natural key (e.g. the country code of a country share). */
  key: string;
  before: Json;
  after: Json;
  fields: ValueChange[];
};

export type FieldChange =
  | { kind: 'value'; field: string; before: Json; after: Json }
  | { kind: 'list'; field: string; added: Json[]; removed: Json[]; changed: ItemChange[] };

/** Columns that are bookkeeping, not content: never shown as changes. */
export const IGNORED_FIELDS: ReadonlySet<string> = new Set([
  'id',
  'version',
  'createdAt',
  'updatedAt',
  'createdBy',
  'updatedBy',
  'updatedByName',
  'deletedAt',
  'deleted',
  'searchText',
  'qualityScore',
  'nameKey',
  'startYear',
  'endYear',
  'valueYear',
  'raw',
]);

/**
 * How the items of each known list are matched between the two sides. A participant is an
 * organisation in a role (the same organisation may fund and implement); a location is matched by its
 * name in its country, so moving its point is a change of that location, not a new one.
 */
export const LIST_KEYS: Readonly<Record<string, readonly string[]>> = {
  countries: ['country'],
  sectors: ['sector'],
  initiatives: ['initiative'],
  participants: ['organizationId', 'role'],
  locations: ['name', 'country'],
  sources: ['sourceId'],
  organizations: ['organizationId'],
  projects: ['projectId'],
};

/** Keys tried, in order, for a list this file does not know. */
const FALLBACK_KEYS = ['id', 'sourceId', 'organizationId', 'projectId', 'eventId', 'code', 'name'];

/** Display order of fields (the database returns JSON keys in its own order); others follow A–Z. */
export const FIELD_ORDER: readonly string[] = [
  'title',
  'name',
  'nameLocal',
  'acronym',
  'titleOriginal',
  'titleLanguage',
  'type',
  'flow',
  'amount',
  'currency',
  'priceBasis',
  'valueDate',
  'year',
  'perUsd',
  'source',
  'amountUsd',
  'usdRate',
  'rateSource',
  'instrument',
  'estimated',
  'projectId',
  'eventId',
  'funderOrgId',
  'recipientOrgId',
  'date',
  'datePrecision',
  'placeName',
  'country',
  'lat',
  'lon',
  'status',
  'plannedStart',
  'plannedEnd',
  'actualStart',
  'actualEnd',
  'description',
  'countries',
  'sectors',
  'initiatives',
  'participants',
  'locations',
  'projectIds',
  'organizationIds',
  'organizations',
  'url',
  'publisher',
  'publishedDate',
  'language',
  'kind',
  'iatiRef',
  'iatiIdentifier',
  'externalRef',
  'sources',
];

const DECIMAL = /^-?\d+(\.\d+)?$/;

/** The canonical form of a decimal: no trailing fractional zeros, no leading zeros, no `-0`. */
function canonicalDecimal(value: string): string {
  let [whole = '0', fraction = ''] = value.replace(/^-/, '').split('.');
  whole = whole.replace(/^0+(?=\d)/, '');
  fraction = fraction.replace(/0+$/, '');
  const digits = fraction ? `${whole}.${fraction}` : whole;
  const negative = value.startsWith('-') && /[1-9]/.test(digits);
  return negative ? `-${digits}` : digits;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** True when a value means "not set". */
export function isEmptyValue(value: unknown): boolean {
  return (
    value === null ||
    value === undefined ||
    value === '' ||
    (Array.isArray(value) && value.length === 0) ||
    (isObject(value) && Object.values(value).every(isEmptyValue))
  );
}

/** A stable text form for comparing: sorted keys, empties dropped, numbers as canonical decimals. */
function comparable(value: unknown): string {
  if (isEmptyValue(value)) return '∅';
  if (typeof value === 'number') return Number.isFinite(value) ? `#${canonicalDecimal(String(value))}` : '∅';
  if (typeof value === 'string') return DECIMAL.test(value) ? `#${canonicalDecimal(value)}` : `"${value}`;
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(comparable).join(',')}]`;
  if (isObject(value)) {
    return `{${Object.keys(value)
      .filter((k) => !isEmptyValue(value[k]))
      .sort()
      .map((k) => `${k}:${comparable(value[k])}`)
      .join(',')}}`;
  }
  return String(value);
}

/** Equal for a reader: see the rules at the top of this file. */
export const sameValue = (a: unknown, b: unknown): boolean => comparable(a) === comparable(b);

/** `unknown` from jsonb as `Json`; `undefined` (a field missing on one side) becomes `null`. */
function toJson(value: unknown): Json {
  if (value === undefined || value === null) return null;
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value;
  if (Array.isArray(value)) return value.map(toJson);
  if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toJson(v)]));
  return String(value);
}

const fieldRank = (field: string) => {
  const i = FIELD_ORDER.indexOf(field);
  return i === -1 ? FIELD_ORDER.length : i;
};

/** Field names in display order. */
export const orderFields = (fields: Iterable<string>): string[] =>
  [...fields].sort((a, b) => fieldRank(a) - fieldRank(b) || a.localeCompare(b));

function keyFieldsFor(field: string, items: unknown[]): readonly string[] | null {
  const known = LIST_KEYS[field];
  if (known) return known;
  const objects = items.filter(isObject);
  if (objects.length === 0 || objects.length !== items.length) return null;
  const key = FALLBACK_KEYS.find((k) => objects.every((o) => o[k] !== undefined && o[k] !== null));
  return key ? [key] : null;
}

/** Items by key; duplicates of one key get `#2`, `#3`, … so nothing is lost. */
function keyed(items: unknown[], keyFields: readonly string[] | null): Map<string, unknown> {
  const map = new Map<string, unknown>();
  for (const item of items) {
    const base =
      keyFields && isObject(item)
        ? keyFields.map((k) => comparable(item[k]).replace(/^[#"]/, '')).join(' · ')
        : comparable(item).replace(/^[#"]/, '');
    let key = base;
    for (let n = 2; map.has(key); n++) key = `${base} #${n}`;
    map.set(key, item);
  }
  return map;
}

function diffItems(before: unknown, after: unknown): ValueChange[] {
  const a = isObject(before) ? before : {};
  const b = isObject(after) ? after : {};
  const fields = orderFields(new Set([...Object.keys(a), ...Object.keys(b)]));
  return fields
    .filter((f) => !IGNORED_FIELDS.has(f) && !sameValue(a[f], b[f]))
    .map((f) => ({ field: f, before: toJson(a[f]), after: toJson(b[f]) }));
}

/** A list item as reported: its bookkeeping (e.g. an import's `raw` data) left out. */
const cleanItem = (item: unknown): Json =>
  isObject(item)
    ? toJson(Object.fromEntries(Object.entries(item).filter(([key]) => !IGNORED_FIELDS.has(key))))
    : toJson(item);

function diffList(field: string, before: unknown[], after: unknown[]): FieldChange | null {
  const keyFields = keyFieldsFor(field, [...before, ...after]);
  const was = keyed(before, keyFields);
  const now = keyed(after, keyFields);
  const added: Json[] = [];
  const removed: Json[] = [];
  const changed: ItemChange[] = [];
  for (const [key, item] of now) {
    if (!was.has(key)) added.push(cleanItem(item));
    else if (!sameValue(was.get(key), item)) {
      const old = was.get(key);
      const fields = diffItems(old, item);
      if (fields.length > 0) changed.push({ key, before: cleanItem(old), after: cleanItem(item), fields });
    }
  }
  for (const [key, item] of was) if (!now.has(key)) removed.push(cleanItem(item));
  if (added.length === 0 && removed.length === 0 && changed.length === 0) return null;
  return { kind: 'list', field, added, removed, changed };
}

/** Nested objects become dotted fields (`place.city`), so each part is compared on its own. */
function flatten(record: Record<string, unknown>, prefix = '', out: Record<string, unknown> = {}) {
  for (const [key, value] of Object.entries(record)) {
    if (!prefix && IGNORED_FIELDS.has(key)) continue;
    if (isObject(value) && !isEmptyValue(value)) flatten(value, `${prefix}${key}.`, out);
    else out[`${prefix}${key}`] = value;
  }
  return out;
}

/**
 * The changes from `before` to `after`. Either side may be null (a creation has no `before`: every
 * field it sets is a change from "not set"). Fields come in display order (`FIELD_ORDER`).
 */
export function diffRecords(before: unknown, after: unknown): FieldChange[] {
  const a = isObject(before) ? flatten(before) : {};
  const b = isObject(after) ? flatten(after) : {};
  const changes: FieldChange[] = [];
  for (const field of orderFields(new Set([...Object.keys(a), ...Object.keys(b)]))) {
    const was = a[field];
    const now = b[field];
    if (sameValue(was, now)) continue;
    const wasList = Array.isArray(was) || was === undefined || was === null;
    const nowList = Array.isArray(now) || now === undefined || now === null;
    if ((Array.isArray(was) || Array.isArray(now)) && wasList && nowList) {
      const change = diffList(field, Array.isArray(was) ? was : [], Array.isArray(now) ? now : []);
      if (change) changes.push(change);
      continue;
    }
    changes.push({ kind: 'value', field, before: toJson(was), after: toJson(now) });
  }
  return changes;
}
