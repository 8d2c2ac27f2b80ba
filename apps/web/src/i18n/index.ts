import i18next, { type Resource } from 'i18next';
import { initReactI18next } from 'react-i18next';

/**
 * English and Russian UI text, one JSON file per feature ("namespace") and language:
 * `i18n/<language>/<namespace>.json`. Every file is picked up here by the glob below, so adding a
 * namespace (`charts`, `project`, `events`, `overview`, `export`, …) means adding `en/<ns>.json` and
 * `ru/<ns>.json` — nothing in this file changes. Use it with `useTranslation('<ns>')`. See README.md.
 */
const files = import.meta.glob<Record<string, unknown>>('./*/*.json', { eager: true, import: 'default' });

export const LANGUAGES = ['en', 'ru'] as const;
export type Language = (typeof LANGUAGES)[number];
export const isLanguage = (value: unknown): value is Language => value === 'en' || value === 'ru';

/** `{ en: { common: {...}, projects: {...} }, ru: {...} }` from the file paths. */
export function resourcesFrom(modules: Record<string, Record<string, unknown>>): Resource {
  const resources: Resource = {};
  for (const [path, messages] of Object.entries(modules)) {
    const match = /^\.\/([a-z]{2})\/([\w-]+)\.json$/.exec(path);
    if (!match?.[1] || !match[2]) throw new Error(`i18n: unexpected file ${path} (i18n/<lang>/<ns>.json)`);
    const language = match[1];
    resources[language] = { ...resources[language], [match[2]]: messages };
  }
  return resources;
}

export const resources = resourcesFrom(files);
export const namespaces = [...new Set(Object.values(resources).flatMap((r) => Object.keys(r)))].sort();

const STORAGE_KEY = 'srt.language';

/** The remembered choice, else the browser's preferred language if it is Russian, else English. */
export function initialLanguage(stored: string | null, preferred: readonly string[] = []): Language {
  if (isLanguage(stored)) return stored;
  for (const tag of preferred) {
    const base = tag.toLowerCase().split('-')[0];
    if (isLanguage(base)) return base;
  }
  return 'en';
}

function readStored(): string | null {
  try {
    return globalThis.localStorage?.getItem(STORAGE_KEY) ?? null;
  } catch {
    return null; // storage disabled (privacy mode): fall back to the browser's language
  }
}

const language = initialLanguage(readStored(), typeof navigator === 'undefined' ? [] : navigator.languages);

void i18next.use(initReactI18next).init({
  resources,
  lng: language,
  fallbackLng: 'en',
  supportedLngs: LANGUAGES,
  ns: namespaces,
  defaultNS: 'common',
  interpolation: { escapeValue: false }, // React escapes
  initAsync: false, // resources are bundled: ready before the first render
});

function reflect(lng: string): void {
  if (typeof document !== 'undefined') document.documentElement.lang = lng;
}
reflect(language);

/** Switches the UI language, remembers it and updates `<html lang>`. */
export async function changeLanguage(lng: Language): Promise<void> {
  await i18next.changeLanguage(lng);
  reflect(lng);
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, lng);
  } catch {
    // not remembered, but switched
  }
}

/** The current UI language as a `Language` (what the Intl formatters in format.ts take). */
export const currentLanguage = (): Language => (isLanguage(i18next.language) ? i18next.language : 'en');

export { i18next };
