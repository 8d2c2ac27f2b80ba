import { type AuditEntity, auditChangesInputSchema, auditEntitySchema } from '@srt/shared/audit';
import type { DroppedParam, Sanitized } from '../../filter/search.ts';
import { showValue } from '../../filter/search.ts';

/**
 * The /changes URL: `entity`, `actor` (as stored: a user id, `seed`, `import:<run id>`), `from` and `to`
 * (days, both inclusive). Each is checked with the API's own schema; a bad one is dropped and reported by
 * the same notice as the other lists' filters.
 */
export type ChangesSearch = { entity?: AuditEntity; actor?: string; from?: string; to?: string };

export const CHANGES_PARAMS = [
  'entity',
  'actor',
  'from',
  'to',
] as const satisfies readonly (keyof ChangesSearch)[];

// The fields of the API input (the refinement across them is repeated below).
const shape = auditChangesInputSchema.shape;
const RULES = {
  entity: auditEntitySchema,
  actor: shape.actor,
  from: shape.from,
  to: shape.to,
};

export function sanitizeChangesSearch(search: Record<string, unknown>): Sanitized<ChangesSearch> {
  const dropped: DroppedParam[] = [];
  const value: Record<string, unknown> = {};
  for (const param of CHANGES_PARAMS) {
    let raw = search[param];
    if (raw === undefined || raw === null || raw === '') continue;
    // The router JSON-parses params: `?actor=123` arrives as a number.
    if (typeof raw === 'number') raw = String(raw);
    const parsed = RULES[param].safeParse(raw);
    if (parsed.success && parsed.data != null) value[param] = parsed.data;
    else dropped.push({ param, value: showValue(raw), reason: 'invalid' });
  }
  if (typeof value.from === 'string' && typeof value.to === 'string' && value.from > value.to) {
    dropped.push({ param: 'to', value: showValue(search.to), reason: 'invalid' });
    delete value.to;
  }
  return { value: value as ChangesSearch, dropped };
}
