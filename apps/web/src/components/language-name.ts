import type { Language } from '../i18n/index.ts';

const names = new Map<Language, Intl.DisplayNames>();

/** A language code as a name in the UI language ("th" → "Thai", «тайский»); the code if Intl has none. */
export function languageName(code: string, language: Language): string {
  let display = names.get(language);
  if (!display) {
    display = new Intl.DisplayNames([language], { type: 'language' });
    names.set(language, display);
  }
  try {
    return display.of(code) ?? code;
  } catch {
    return code; // not a well-formed language tag
  }
}

/** Only http(s) links are rendered as links: a stored `javascript:` URL stays text. */
export const isWebUrl = (url: string | null | undefined): url is string =>
  typeof url === 'string' && /^https?:\/\/[^\s]+$/i.test(url);
