import {
  ACTIVITY_STATUS,
  ATTRIBUTION_BASES,
  countryName,
  DATE_PRECISIONS,
  EVENT_TYPES,
  FUNDING_FLOWS,
  INITIATIVES,
  INSTRUMENTS,
  LOCATION_PRECISIONS,
  label,
  ORGANIZATION_ROLES,
  ORGANIZATION_TYPES,
  priceBasisLabel,
  SOURCE_KINDS,
  sectorName,
} from '@srt/shared/codes';
import type { Json } from '@srt/shared/diff';
import { languageName } from '../components/language-name.ts';
import { formatDate, formatMoney, formatNumber, formatPercent, isDecimal, type Language } from '../format.ts';

/**
 * How the values of an audit diff read on the history pages: code names from @srt/shared/codes, money
 * and dates through format.ts, records referred to by id under their names. Pure (the words that need
 * translating come in `words`), so the rules are unit-tested.
 */

/** Names of the records the diffs refer to by id, as `audit.history` returns them. */
export type Names = Record<string, { entity: string; title: string }>;

export type Words = {
  yes: string;
  no: string;
  /** A record referred to by id that no longer exists. */
  unknownRecord: string;
};

export type FormatContext = {
  language: Language;
  names: Names;
  words: Words;
  /** The currency of the record's amount (funding), for money fields. */
  currency?: string | null | undefined;
};

const DATE_FIELDS = new Set([
  'plannedStart',
  'plannedEnd',
  'actualStart',
  'actualEnd',
  'date',
  'valueDate',
  'publishedDate',
]);
/** Fields that hold the id of another record. */
const REF_FIELDS = new Set([
  'projectId',
  'eventId',
  'funderOrgId',
  'recipientOrgId',
  'organizationId',
  'sourceId',
  'projectIds',
  'organizationIds',
]);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A decimal string (or number) with the language's digit grouping, every digit kept. */
export function formatDecimal(value: string | number, language: Language): string {
  const text = String(value).trim();
  if (!isDecimal(text)) return text;
  const fraction = text.split('.')[1]?.length ?? 0;
  return new Intl.NumberFormat(language, { maximumFractionDigits: Math.min(fraction, 20) }).format(text);
}

function refName(id: string, ctx: FormatContext): string {
  const named = ctx.names[id.toLowerCase()] ?? ctx.names[id];
  return named ? named.title : `${ctx.words.unknownRecord} (${id.slice(0, 8)})`;
}

/** One value of `field` as it reads in the UI language; empty string for "not set". */
export function formatValue(field: string, value: Json, ctx: FormatContext): string {
  if (value === null || value === '') return '';
  const { language } = ctx;
  const leaf = field.split('.').at(-1) ?? field;
  if (Array.isArray(value)) return value.map((v) => formatValue(leaf, v, ctx)).join('; ');
  if (typeof value === 'object') return formatItem(leaf, value, ctx);
  if (typeof value === 'boolean') return value ? ctx.words.yes : ctx.words.no;
  if (REF_FIELDS.has(leaf) && typeof value === 'string' && UUID.test(value)) return refName(value, ctx);
  if (DATE_FIELDS.has(leaf) && typeof value === 'string') return formatDate(value, language);
  switch (leaf) {
    case 'status':
      return label(ACTIVITY_STATUS, value, language);
    case 'type':
      // Organisations have numeric IATI types; events have words.
      return typeof value === 'number' || /^\d+$/.test(value)
        ? label(ORGANIZATION_TYPES, Number(value), language)
        : label(EVENT_TYPES, value, language);
    case 'flow':
      return label(FUNDING_FLOWS, value, language);
    case 'instrument':
      return label(INSTRUMENTS, value, language);
    case 'priceBasis':
      return priceBasisLabel(String(value), language);
    case 'datePrecision':
      return label(DATE_PRECISIONS, value, language);
    case 'kind':
      return label(SOURCE_KINDS, value, language);
    case 'precision':
      return label(LOCATION_PRECISIONS, value, language);
    case 'basis':
      return label(ATTRIBUTION_BASES, value, language);
    case 'initiative':
      return label(INITIATIVES, value, language);
    case 'role':
      return typeof value === 'number' || /^\d+$/.test(value)
        ? label(ORGANIZATION_ROLES, Number(value), language)
        : value;
    case 'country':
      return countryName(String(value), language);
    case 'sector': {
      const name = sectorName(String(value), language);
      return name.includes(String(value)) ? name : `${name} (${value})`;
    }
    case 'titleLanguage':
    case 'language':
      return languageName(String(value), language);
    case 'percentage':
      return formatPercent(Number(value), language);
    case 'amount':
      return ctx.currency
        ? formatMoney(String(value), ctx.currency, language)
        : formatDecimal(value, language);
    case 'amountUsd':
      return formatMoney(String(value), 'USD', language);
    case 'perUsd':
    case 'usdRate':
    case 'lat':
    case 'lon':
      return formatDecimal(value, language);
    case 'year':
      return String(value);
  }
  return typeof value === 'number' ? formatNumber(value, language) : value;
}

const get = (item: { [key: string]: Json }, key: string) => item[key] ?? null;

/** One item of a list field on one line, e.g. a country share "Uzbekistan 60 %". */
export function formatItem(field: string, item: Json, ctx: FormatContext): string {
  if (item === null || typeof item !== 'object' || Array.isArray(item)) {
    // Plain values: linked project or organisation ids, or anything else.
    const leaf =
      field === 'projectIds' ? 'projectId' : field === 'organizationIds' ? 'organizationId' : field;
    return formatValue(leaf, item, ctx);
  }
  const part = (key: string) => formatValue(key, get(item, key), ctx);
  const join = (...parts: string[]) => parts.filter(Boolean).join(' · ');
  switch (field) {
    case 'countries':
      return join(part('country'), part('percentage'));
    case 'sectors':
      return join(part('sector'), part('percentage'));
    case 'initiatives':
      return join(part('initiative'), part('basis'), part('sourceId'), part('note'));
    case 'participants':
    case 'organizations':
      return join(part('organizationId'), part('role'));
    case 'locations': {
      const point =
        item.lat !== null && item.lat !== undefined && item.lon !== null && item.lon !== undefined
          ? `${part('lat')}, ${part('lon')}`
          : '';
      return join(`${part('name')}${item.country ? ` (${part('country')})` : ''}`, part('precision'), point);
    }
    case 'sources': {
      const quote = part('quote');
      return join(part('sourceId'), quote ? `“${quote}”` : '');
    }
  }
  return join(...Object.keys(item).map((key) => part(key)));
}
