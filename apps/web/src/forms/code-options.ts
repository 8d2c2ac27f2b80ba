import {
  COUNTRY_CODES,
  countryName,
  FOCUS_COUNTRIES,
  SECTOR_CATEGORIES,
  SECTORS,
  type SectorCategory,
  sectorCategoryOf,
  sectorName,
} from '@srt/shared/codes';
import type { Language } from '../i18n/index.ts';

/** The options of a Mantine Select: a value and the text shown (Select takes strings only). */
export type Option = { value: string; label: string };
export type OptionGroup = { group: string; items: Option[] };

/** Every country by name in the UI language, the four the tracker is about first. */
export function countryOptions(language: Language, groups: { focus: string; other: string }): OptionGroup[] {
  const focus = new Set<string>(FOCUS_COUNTRIES);
  const named = (codes: readonly string[]) =>
    codes
      .map((code) => ({ value: code, label: countryName(code, language) }))
      .sort((a, b) => a.label.localeCompare(b.label, language));
  return [
    { group: groups.focus, items: named(FOCUS_COUNTRIES) },
    { group: groups.other, items: named(COUNTRY_CODES.filter((c) => !focus.has(c))) },
  ];
}

/**
 * The DAC sectors grouped by category: the category itself (its 3-digit code, what AidData publishes)
 * and then its 5-digit purpose codes, each labelled "code name".
 */
export function sectorOptions(language: Language): OptionGroup[] {
  const byCategory = new Map<string, string[]>();
  for (const code of Object.keys(SECTORS).sort()) {
    const category = sectorCategoryOf(code);
    byCategory.set(category, [...(byCategory.get(category) ?? []), code]);
  }
  return (Object.keys(SECTOR_CATEGORIES) as SectorCategory[]).map((category) => {
    const name = SECTOR_CATEGORIES[category][language];
    return {
      group: `${category} ${name}`,
      items: [
        { value: category, label: `${category} ${name}` },
        ...(byCategory.get(category) ?? []).map((code) => ({
          value: code,
          label: `${code} ${language === 'en' ? sectorName(code, language) : (SECTORS[code] ?? code)}`,
        })),
      ],
    };
  });
}

/** Options from a code table with labels (`ACTIVITY_STATUS`, `ORGANIZATION_ROLES`, …), as strings. */
export function tableOptions(
  table: Record<string | number, { en: string; ru: string }>,
  language: Language,
): Option[] {
  return Object.entries(table).map(([value, text]) => ({ value, label: text[language] }));
}
