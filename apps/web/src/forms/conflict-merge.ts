import { sameValues } from './draft-store.ts';

/**
 * The pure half of resolving a CONFLICT: which fields differ between the values being saved ("mine") and
 * the version someone else saved meanwhile ("theirs"), what to pick by default, and the merged values.
 */
export type Choice = 'mine' | 'theirs';

/** Fields whose values differ (an emptied field equals one never filled), in the order given. */
export function differingFields<V extends object>(
  mine: V,
  theirs: V,
  names?: readonly (keyof V)[],
): (keyof V)[] {
  const keys = names ?? ([...new Set([...Object.keys(mine), ...Object.keys(theirs)])] as (keyof V)[]);
  return keys.filter((key) => !sameValues(mine[key], theirs[key]));
}

/**
 * The default choice per field: with the values the form was opened at (`base`), a field I did not touch
 * takes theirs and one I changed keeps mine (only fields both of us changed really need a decision);
 * without a base, mine.
 */
export function initialChoices<V extends object>(
  fields: readonly (keyof V)[],
  mine: V,
  base?: V,
): Partial<Record<keyof V, Choice>> {
  const choices: Partial<Record<keyof V, Choice>> = {};
  for (const field of fields)
    choices[field] = base && sameValues(mine[field], base[field]) ? 'theirs' : 'mine';
  return choices;
}

/** Mine, with theirs where chosen, and theirs for any differing field nobody was asked about. */
export function mergeChoices<V extends object>(
  mine: V,
  theirs: V,
  choices: Partial<Record<keyof V, Choice>>,
  base?: V,
): V {
  const merged = { ...mine };
  for (const field of differingFields(mine, theirs)) {
    const choice = choices[field] ?? initialChoices([field], mine, base ?? theirs)[field];
    if (choice === 'theirs') merged[field] = theirs[field];
  }
  return merged;
}

/**
 * A value as a person reads it, for fields without their own formatter: text as is, lists one item per
 * line, an object as `key: value` pairs; null for "empty".
 */
export function readable(
  value: unknown,
  yesNo: { yes: string; no: string } = { yes: 'yes', no: 'no' },
): string | null {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value === 'boolean') return value ? yesNo.yes : yesNo.no;
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  if (Array.isArray(value)) {
    const lines = value.map((item) => readable(item, yesNo)).filter((line): line is string => line !== null);
    return lines.length ? lines.join('\n') : null;
  }
  if (typeof value === 'object') {
    const parts = Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => [k, readable(v, yesNo)] as const)
      .filter(([, v]) => v !== null)
      .map(([k, v]) => `${k}: ${v}`);
    return parts.length ? parts.join(', ') : null;
  }
  return String(value);
}
