import { type ProjectFilter, projectFilterSchema } from '@srt/shared/filter';

/**
 * The shared project filter in a URL. TanStack Router JSON-parses each search param, so
 * `?countries=["TJ"]&yearFrom=2018&q=1` arrives as `{ countries: ['TJ'], yearFrom: 2018, q: 1 }`.
 * `sanitizeFilter` keeps what the shared `projectFilterSchema` accepts and drops the rest, field by field
 * (and value by value inside a list), saying what it dropped and why — so a hand-edited or outdated link
 * still opens, and the notice (filter-notice.tsx) tells the user what was ignored.
 */

export const FILTER_FIELDS = [
  'countries',
  'initiatives',
  'initiativeBasis',
  'sectors',
  'statuses',
  'funders',
  'yearFrom',
  'yearTo',
  'q',
  'minQuality',
] as const satisfies readonly (keyof ProjectFilter)[];
export type FilterField = (typeof FILTER_FIELDS)[number];

/** Why a value was dropped: a key of `common:filter.reasons`. */
export type DropReason =
  | 'country'
  | 'initiative'
  | 'initiativeBasis'
  | 'sector'
  | 'status'
  | 'funder'
  | 'year'
  | 'yearOrder'
  | 'q'
  | 'minQuality'
  | 'tooMany'
  | 'invalid';

export type DroppedParam = { param: string; value: string; reason: DropReason; max?: number };
export type Sanitized<T> = { value: T; dropped: DroppedParam[] };

type FieldRule = { reason: DropReason; list?: true; numeric?: true; text?: true };
const RULES: Record<FilterField, FieldRule> = {
  countries: { reason: 'country', list: true },
  initiatives: { reason: 'initiative', list: true },
  initiativeBasis: { reason: 'initiativeBasis' },
  sectors: { reason: 'sector', list: true },
  statuses: { reason: 'status', list: true, numeric: true },
  funders: { reason: 'funder', list: true },
  yearFrom: { reason: 'year', numeric: true },
  yearTo: { reason: 'year', numeric: true },
  q: { reason: 'q', text: true },
  minQuality: { reason: 'minQuality', numeric: true },
};

/** How a raw value reads in the notice: strings as typed, anything else as JSON, cut short. */
export function showValue(value: unknown): string {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

/** `"2019"` → 2019 for number fields (a link may quote what the router would have parsed as a number). */
const coerce = (value: unknown, rule: FieldRule): unknown => {
  if (rule.numeric && typeof value === 'string' && /^\s*-?\d+\s*$/.test(value)) return Number(value);
  if (rule.text && typeof value === 'number') return String(value); // ?q=1 arrives as a number
  return value;
};

const isEmpty = (value: unknown) =>
  value === undefined ||
  value === null ||
  (typeof value === 'string' && value.trim() === '') ||
  (Array.isArray(value) && value.length === 0);

function sanitizeField(field: FilterField, raw: unknown, dropped: DroppedParam[]): unknown {
  const rule = RULES[field];
  const schema = projectFilterSchema.shape[field];
  if (isEmpty(raw)) return undefined;
  if (!rule.list) {
    const parsed = schema.safeParse(coerce(raw, rule));
    if (parsed.success) return parsed.data;
    dropped.push({ param: field, value: showValue(raw), reason: rule.reason });
    return undefined;
  }
  // A list: `?countries=TJ` is taken as `["TJ"]`; each value is checked on its own, so one bad code
  // does not throw away the good ones.
  const values = Array.isArray(raw) ? raw : [raw];
  const kept: unknown[] = [];
  for (const value of values) {
    const candidate = coerce(value, rule);
    if (schema.safeParse([candidate]).success) kept.push(candidate);
    else dropped.push({ param: field, value: showValue(value), reason: rule.reason });
  }
  if (kept.length === 0) return undefined;
  const parsed = schema.safeParse(kept);
  if (!parsed.success || !Array.isArray(parsed.data)) {
    const tooBig = parsed.error?.issues.find((i) => i.code === 'too_big');
    const max = tooBig && 'maximum' in tooBig ? Number(tooBig.maximum) : undefined;
    dropped.push({
      param: field,
      value: showValue(raw),
      reason: max === undefined ? 'invalid' : 'tooMany',
      max,
    });
    return undefined;
  }
  return [...new Set<unknown>(parsed.data)]; // `tj` and `TJ` are the same country
}

/** The valid part of the filter in `search` (other params are ignored), and what was dropped. */
export function sanitizeFilter(search: Record<string, unknown>): Sanitized<ProjectFilter> {
  const dropped: DroppedParam[] = [];
  const fields: Record<string, unknown> = {};
  for (const field of FILTER_FIELDS) {
    const value = sanitizeField(field, search[field], dropped);
    if (value !== undefined) fields[field] = value;
  }
  // Rules across fields (yearFrom ≤ yearTo): drop the field an issue points at, then check again.
  for (let attempt = 0; attempt <= FILTER_FIELDS.length; attempt++) {
    const parsed = projectFilterSchema.safeParse(fields);
    if (parsed.success) return { value: parsed.data, dropped };
    const issue = parsed.error.issues[0];
    const field = FILTER_FIELDS.find((f) => f === issue?.path[0]);
    if (!field) break;
    dropped.push({
      param: field,
      value: showValue(search[field]),
      reason: field === 'yearTo' ? 'yearOrder' : RULES[field].reason,
    });
    delete fields[field];
  }
  return { value: {}, dropped };
}

/** The filter as URL search params: empty fields left out, so the URL stays short. */
export function filterToSearch(filter: ProjectFilter): Partial<Record<FilterField, unknown>> {
  const search: Partial<Record<FilterField, unknown>> = {};
  for (const field of FILTER_FIELDS) {
    const value = filter[field];
    if (!isEmpty(value)) search[field] = value;
  }
  return search;
}

/** `search` with its filter fields replaced by `filter` (the route's other params are kept). */
export function withFilter<S extends Record<string, unknown>>(search: S, filter: ProjectFilter): S {
  const rest: Record<string, unknown> = { ...search };
  for (const field of FILTER_FIELDS) delete rest[field];
  return { ...rest, ...filterToSearch(filter) } as S;
}

/** How many filter fields are set (for "clear filters" and badges). */
export const activeFilterCount = (filter: ProjectFilter): number =>
  Object.keys(filterToSearch(filter)).length;
