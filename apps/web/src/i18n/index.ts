import i18next, { type Resource } from 'i18next';
import { initReactI18next } from 'react-i18next';

/**
 * English and Russian UI text, one JSON file per feature ("namespace") and language:
 * `i18n/<language>/<namespace>.json`. Every file is picked up here by the globs below, so adding a
 * namespace (`charts`, `project`, `events`, `overview`, `export`, …) means adding `en/<ns>.json` and
 * `ru/<ns>.json` — nothing in this file changes. Use it with `useTranslation('<ns>')`. See README.md.
 *
 * English is bundled (it is also the fallback for a missing key); other languages are fetched when
 * chosen — before the first render when the user's language is Russian — so the first load of the
 * English UI does not carry the Russian text.
 */
const english = import.meta.glob<Record<string, unknown>>('./en/*.json', { eager: true, import: 'default' });
const others = import.meta.glob<Record<string, unknown>>(['./*/*.json', '!./en/*.json'], {
  import: 'default',
});

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

export const resources = resourcesFrom(english);
export const namespaces = Object.keys(resources.en ?? {}).sort();

const loaded = new Set<string>(['en']);

/** Fetches a language's namespaces (once) and adds them to i18next. */
export async function loadLanguage(lng: Language): Promise<void> {
  if (loaded.has(lng)) return;
  const files = Object.entries(others).filter(([path]) => path.startsWith(`./${lng}/`));
  const bundles = await Promise.all(files.map(async ([path, load]) => [path, await load()] as const));
  for (const [language, byNamespace] of Object.entries(resourcesFrom(Object.fromEntries(bundles)))) {
    for (const [ns, messages] of Object.entries(byNamespace)) {
      i18next.addResourceBundle(language, ns, messages, true, true);
    }
  }
  loaded.add(lng);
}

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
  lng: 'en',
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

/** Switches the UI language (fetching its text first), remembers it and updates `<html lang>`. */
export async function changeLanguage(lng: Language): Promise<void> {
  await loadLanguage(lng);
  await i18next.changeLanguage(lng);
  reflect(lng);
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, lng);
  } catch {
    // not remembered, but switched
  }
}

/**
 * Resolves when the user's language is loaded and active: render after it, so a Russian user never sees
 * English flash by. If the text cannot be fetched, the UI stays in English.
 */
export const i18nReady: Promise<void> = (
  language === 'en'
    ? Promise.resolve()
    : loadLanguage(language).then(() => i18next.changeLanguage(language).then(() => undefined))
)
  .catch(() => undefined)
  .finally(() => reflect(i18next.language));

/** The current UI language as a `Language` (what the Intl formatters in format.ts take). */
export const currentLanguage = (): Language => (isLanguage(i18next.language) ? i18next.language : 'en');

export { i18next };
