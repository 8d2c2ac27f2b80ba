import type { Editable } from '@srt/shared/write';
import type { FieldValues, Path, UseFormReturn } from 'react-hook-form';

/**
 * What the API puts in a tRPC error's `data` (apps/api/src/trpc.ts): the code, the bad fields
 * (`{ "values.countries.0.percentage": ["Must be ≤ 100"] }`) and, for CONFLICT, the record as it is now.
 */
export type ServerFieldErrors = Record<string, string[]>;
type ErrorData = { code?: string; fields?: ServerFieldErrors | null; current?: unknown };

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;

function dataOf(error: unknown): ErrorData | null {
  if (!isObject(error) || !isObject(error.data)) return null;
  return error.data as ErrorData;
}

/** The error's tRPC code (`BAD_REQUEST`, `CONFLICT`, `FORBIDDEN`, …), if it is a tRPC error. */
export const errorCode = (error: unknown): string | null => dataOf(error)?.code ?? null;

/** The field errors the server sent, if any. */
export function serverFieldErrors(error: unknown): ServerFieldErrors | null {
  const fields = dataOf(error)?.fields;
  if (!isObject(fields)) return null;
  const result: ServerFieldErrors = {};
  for (const [key, messages] of Object.entries(fields)) {
    if (Array.isArray(messages)) result[key] = messages.filter((m): m is string => typeof m === 'string');
  }
  return result;
}

/** A CONFLICT's current record (`Editable<Values>`), or null when the error is something else. */
export function conflictOf<V>(error: unknown): Editable<V> | null {
  const data = dataOf(error);
  if (data?.code !== 'CONFLICT' || !isObject(data.current)) return null;
  const current = data.current;
  if (typeof current.id !== 'string' || typeof current.version !== 'number' || !isObject(current.values))
    return null;
  return current as Editable<V>;
}

/**
 * The form field a server path names: `update` nests the values under `values.`, `create` does not;
 * `input` (the whole request) and the empty path name no field.
 */
export function formPath(key: string): string | null {
  const path = key.startsWith('values.') ? key.slice('values.'.length) : key;
  if (path === '' || path === 'input' || path === 'values') return null;
  return path;
}

const topLevelOf = (path: string) => path.split('.')[0] ?? path;

/**
 * Which server errors land on which form fields: a path whose first part is one of the form's values
 * (`countries.0.percentage`, `countries`), with a list-level error on the list's `root` as
 * react-hook-form keeps it; the rest are returned as `unmapped` for an alert.
 */
export function planServerErrors(
  fields: ServerFieldErrors,
  values: Record<string, unknown>,
): { mapped: { path: string; message: string }[]; unmapped: string[] } {
  const mapped: { path: string; message: string }[] = [];
  const unmapped: string[] = [];
  for (const [key, messages] of Object.entries(fields)) {
    const message = messages[0];
    if (message === undefined) continue;
    const path = formPath(key);
    if (path === null || !(topLevelOf(path) in values)) {
      unmapped.push(...messages);
      continue;
    }
    const value = path.split('.').reduce<unknown>((v, part) => (isObject(v) ? v[part] : undefined), values);
    mapped.push({ path: Array.isArray(value) ? `${path}.root` : path, message });
  }
  return { mapped, unmapped };
}

/**
 * Puts a tRPC error's field errors on the form's fields with `setError` (their messages are translated
 * where they are shown, see error-text.ts). Returns true when at least one field got an error; otherwise
 * the caller shows the error's message in an alert. Messages for paths the form does not have go to
 * `root.server`.
 */
export function applyServerErrors<T extends FieldValues>(
  form: Pick<UseFormReturn<T>, 'setError' | 'getValues'>,
  error: unknown,
): boolean {
  const fields = serverFieldErrors(error);
  if (!fields) return false;
  const { mapped, unmapped } = planServerErrors(fields, form.getValues());
  mapped.forEach(({ path, message }, index) => {
    form.setError(path as Path<T>, { type: 'server', message }, { shouldFocus: index === 0 });
  });
  if (unmapped.length)
    form.setError('root.server' as Path<T>, { type: 'server', message: unmapped.join('; ') });
  return mapped.length > 0;
}
