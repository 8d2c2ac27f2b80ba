import type { EventType } from '@srt/shared/codes';
import { type EventListInput, eventListInputSchema } from '@srt/shared/event';
import type { DroppedParam, DropReason, Sanitized } from '../../filter/search.ts';
import { showValue } from '../../filter/search.ts';

/**
 * The /events URL: `types`, `countries`, `from`, `to` (ISO dates), `project` (a project id) and `q`. Each
 * param is checked with the field of the API's own `eventListInputSchema`; a bad one is dropped (a bad
 * value inside a list alone) and reported, so an edited or outdated link still opens — the same contract
 * as the project filter (filter/search.ts), shown by the same notice.
 */
export type EventsSearch = {
  types?: EventType[];
  countries?: string[];
  from?: string;
  to?: string;
  project?: string;
  q?: string;
};

type Param = keyof EventsSearch;
export const EVENT_PARAMS = [
  'types',
  'countries',
  'from',
  'to',
  'project',
  'q',
] as const satisfies readonly Param[];

const shape = eventListInputSchema.shape;
type Rule = {
  schema: { safeParse(value: unknown): { success: boolean; data?: unknown } };
  reason: DropReason;
  list?: true;
};
const RULES: Record<Param, Rule> = {
  types: { schema: shape.types, reason: 'invalid', list: true },
  countries: { schema: shape.countries, reason: 'country', list: true },
  from: { schema: shape.dateFrom, reason: 'invalid' },
  to: { schema: shape.dateTo, reason: 'invalid' },
  project: { schema: shape.projectId, reason: 'invalid' },
  q: { schema: shape.q, reason: 'q' },
};

const isEmpty = (value: unknown) =>
  value === undefined ||
  value === null ||
  (typeof value === 'string' && value.trim() === '') ||
  (Array.isArray(value) && value.length === 0);

// The router JSON-parses params: `?q=1` arrives as a number, `?from=2018` as one too.
const asText = (value: unknown) => (typeof value === 'number' ? String(value) : value);

function sanitizeParam(param: Param, raw: unknown, dropped: DroppedParam[]): unknown {
  if (isEmpty(raw)) return undefined;
  const rule = RULES[param];
  if (!rule.list) {
    const parsed = rule.schema.safeParse(asText(raw));
    if (parsed.success && parsed.data !== undefined) return parsed.data;
    dropped.push({ param, value: showValue(raw), reason: rule.reason });
    return undefined;
  }
  const kept: unknown[] = [];
  for (const value of Array.isArray(raw) ? raw : [raw]) {
    const parsed = rule.schema.safeParse([value]);
    const [clean] = Array.isArray(parsed.data) ? parsed.data : [];
    if (parsed.success && clean !== undefined) kept.push(clean);
    else dropped.push({ param, value: showValue(value), reason: rule.reason });
  }
  const unique = [...new Set(kept)];
  if (unique.length === 0) return undefined;
  const whole = rule.schema.safeParse(unique);
  if (!whole.success) {
    dropped.push({ param, value: showValue(raw), reason: 'tooMany' });
    return undefined;
  }
  return whole.data;
}

export function sanitizeEventsSearch(search: Record<string, unknown>): Sanitized<EventsSearch> {
  const dropped: DroppedParam[] = [];
  const value: Record<string, unknown> = {};
  for (const param of EVENT_PARAMS) {
    const clean = sanitizeParam(param, search[param], dropped);
    if (clean !== undefined) value[param] = clean;
  }
  // Across params: a range that ends before it starts keeps its start.
  if (typeof value.from === 'string' && typeof value.to === 'string' && value.from > value.to) {
    dropped.push({ param: 'to', value: showValue(search.to), reason: 'invalid' });
    delete value.to;
  }
  return { value: value as EventsSearch, dropped };
}

/** The `event.list` input for the URL's filters (paging added by the caller). */
export function eventListInput(search: EventsSearch): EventListInput {
  return {
    types: search.types,
    countries: search.countries,
    dateFrom: search.from,
    dateTo: search.to,
    projectId: search.project,
    q: search.q,
  };
}

/** How many filters are set (for "clear filters"). */
export const activeEventFilters = (search: EventsSearch): number =>
  EVENT_PARAMS.filter((p) => !isEmpty(search[p])).length;
