import type { DroppedParam, Sanitized } from './search.ts';

/**
 * What a route's `validateSearch` dropped from the URL, for the notice. The router rewrites the address
 * with the validated search as soon as the app opens (the bad parameters disappear from it), so the
 * notice cannot re-read them from the URL: the validator remembers them here, with the search they were
 * dropped from, and the notice shows them while the route's search is still that one.
 */
type Entry = { key: string; dropped: DroppedParam[] };
type Sanitizer<T> = (search: Record<string, unknown>) => Sanitized<T>;

// biome-ignore lint/suspicious/noExplicitAny: keyed by the sanitiser itself, whatever it returns
const entries = new Map<Sanitizer<any>, Entry>();
const listeners = new Set<() => void>();
const notify = () => {
  for (const listener of listeners) listener();
};

/** JSON with sorted keys (undefined values left out), so equal searches give equal keys. */
export function searchKey(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}

/**
 * A route's `validateSearch` from a sanitiser: the valid search, with every dropped parameter set to
 * `undefined` so that the router removes it from the address, and the dropped list kept for the notice.
 *
 * ```ts
 * createFileRoute('/projects/')({ validateSearch: searchValidator(sanitizeProjectsSearch), … })
 * // in the page: <FilterNotice sanitize={sanitizeProjectsSearch} />
 * ```
 */
export function searchValidator<T extends object>(sanitize: Sanitizer<T>) {
  return (search: Record<string, unknown>): T => {
    const { value, dropped } = sanitize(search);
    if (dropped.length > 0) {
      entries.set(sanitize, { key: searchKey(value), dropped });
      notify();
    }
    const removed: Record<string, undefined> = {};
    for (const d of dropped) removed[d.param] = undefined;
    return Object.assign(removed, value);
  };
}

export function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function droppedEntry<T>(sanitize: Sanitizer<T>): Entry | undefined {
  return entries.get(sanitize);
}

export function forgetDropped<T>(sanitize: Sanitizer<T>): void {
  if (entries.delete(sanitize)) notify();
}
