/**
 * Normalises text for substring search, the same way for stored text and for the query, so matching
 * does not depend on the database's collation (PGlite and a server may differ): lower case in every
 * script; Latin diacritics folded (ş→s, ğ→g, ё→е), Azerbaijani ə→e and dotless ı→i so a user without
 * those keys still finds the record; the apostrophe-like marks of Uzbek Latin (oʻ, gʻ) unified.
 * Thai and other scripts without word breaks pass through unchanged, which substring search needs.
 */
const APOSTROPHES = /[\u02BB\u02BC\u2018\u2019\u0060\u00B4]/g;
const COMBINING_MARKS = /[\u0300-\u036f]/g;

export function normalizeSearchText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(COMBINING_MARKS, '')
    .replace(APOSTROPHES, "'")
    .toLowerCase()
    .replace(/ə/g, 'e')
    .replace(/ı/g, 'i')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The LIKE pattern for a user's query, with `%`, `_` and `\` matched literally. */
export function likePattern(query: string): string {
  return `%${normalizeSearchText(query).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** The stored search text of a record: its searchable fields, normalised and joined. */
export function searchTextOf(...parts: (string | null | undefined)[]): string {
  return normalizeSearchText(parts.filter(Boolean).join(' '));
}
