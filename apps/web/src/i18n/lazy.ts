import { use } from 'react';
import { useTranslation } from 'react-i18next';
import { i18next } from './index.ts';

/**
 * Namespaces that only some routes need (forms, history, admin, import) live in `i18n/lazy/<lang>/<ns>.json`
 * and are fetched with the route that uses them, so they do not weigh on the first load of `/`.
 * Use `useLazyTranslation('<ns>')` instead of `useTranslation`: it suspends until the namespace is there in
 * English (the fallback) and in the current language.
 */
const files = import.meta.glob<Record<string, unknown>>('./lazy/*/*.json', { import: 'default' });

const loading = new Map<string, Promise<void>>();

/** Fetches one lazy namespace in one language (once) and adds it to i18next. */
export function loadLazyNamespace(lng: string, ns: string): Promise<void> {
  const key = `${lng}/${ns}`;
  let pending = loading.get(key);
  if (!pending) {
    const load = files[`./lazy/${key}.json`];
    pending = load
      ? load().then((messages) => {
          i18next.addResourceBundle(lng, ns, messages, true, true);
        })
      : Promise.reject(new Error(`i18n: no lazy namespace ${key} (i18n/lazy/${key}.json)`));
    loading.set(key, pending);
  }
  return pending;
}

/** `useTranslation(ns)` for a lazy namespace: suspends (once per language) until its text is loaded. */
export function useLazyTranslation(ns: string) {
  const result = useTranslation(ns);
  const lng = result.i18n.language;
  use(loadLazyNamespace('en', ns));
  if (lng !== 'en') use(loadLazyNamespace(lng, ns));
  return result;
}
