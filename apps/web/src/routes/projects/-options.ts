import {
  ACTIVITY_STATUS,
  ACTIVITY_STATUS_CODES,
  countryName,
  FOCUS_COUNTRIES,
  INITIATIVE_CODES,
  INITIATIVES,
  label,
  SECTOR_CATEGORIES,
  type SectorCategory,
  sectorCategoryOf,
  sectorName,
} from '@srt/shared/codes';
import type { Language } from '../../i18n/index.ts';

/**
 * The options of the filter panel's multi-selects, built from the facet counts (project.facets) and the
 * shared code lists. Pure functions, so the ordering and labelling are tested without a browser.
 */
export type Option = { value: string; label: string; count: number };
export type OptionGroup = { group: string; items: Option[] };

type Count<K> = { code: K; count: number };
const countMap = <K>(rows: Count<K>[] | undefined) =>
  new Map((rows ?? []).map((r) => [String(r.code), r.count]));

const byCountThenLabel = (language: Language) => (a: Option, b: Option) =>
  b.count - a.count || a.label.localeCompare(b.label, language);

/** The four focus countries first (always offered), then every other country with projects, by count. */
export function countryOptions(
  facets: Count<string>[] | undefined,
  selected: readonly string[],
  language: Language,
): OptionGroup[] {
  const counts = countMap(facets);
  const option = (code: string): Option => ({
    value: code,
    label: countryName(code, language),
    count: counts.get(code) ?? 0,
  });
  const focus = new Set<string>(FOCUS_COUNTRIES);
  const others = [...new Set([...counts.keys(), ...selected])].filter((c) => !focus.has(c));
  return [
    { group: 'focus', items: FOCUS_COUNTRIES.map(option) },
    { group: 'other', items: others.map(option).sort(byCountThenLabel(language)) },
  ].filter((g) => g.items.length > 0);
}

export function initiativeOptions(facets: Count<string>[] | undefined, language: Language): Option[] {
  const counts = countMap(facets);
  return INITIATIVE_CODES.map((code) => ({
    value: code,
    label: label(INITIATIVES, code, language),
    count: counts.get(code) ?? 0,
  }));
}

export function statusOptions(facets: Count<number>[] | undefined, language: Language): Option[] {
  const counts = countMap(facets);
  return ACTIVITY_STATUS_CODES.map((code) => ({
    value: String(code),
    label: label(ACTIVITY_STATUS, code, language),
    count: counts.get(String(code)) ?? 0,
  }));
}

/**
 * One group per sector category that has projects (or is selected): the category itself ("Industry,
 * mining, construction — all", which matches every code in it), then its codes by count.
 */
export function sectorOptions(
  categories: Count<string>[] | undefined,
  sectors: Count<string>[] | undefined,
  selected: readonly string[],
  language: Language,
  allLabel: (categoryName: string) => string,
): OptionGroup[] {
  const categoryCounts = countMap(categories);
  const codeCounts = countMap(sectors);
  const codes = [...new Set([...codeCounts.keys(), ...selected.filter((s) => s.length === 5)])];
  const categoryCodes = [
    ...new Set([...categoryCounts.keys(), ...selected.map(sectorCategoryOf), ...codes.map(sectorCategoryOf)]),
  ];
  const nameOf = (category: string) => SECTOR_CATEGORIES[category as SectorCategory]?.[language] ?? category;
  return categoryCodes
    .map((category) => ({
      category,
      name: nameOf(category),
      count: categoryCounts.get(category) ?? 0,
    }))
    .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name, language))
    .map(({ category, name, count }) => ({
      group: name,
      items: [
        { value: category, label: allLabel(name), count },
        ...codes
          .filter((code) => code !== category && sectorCategoryOf(code) === category)
          .map((code) => ({
            value: code,
            label: sectorName(code, language),
            count: codeCounts.get(code) ?? 0,
          }))
          .sort(byCountThenLabel(language)),
      ],
    }));
}

/** Funders by count, as the facet gives them (selected ones included, with their names). */
export function funderOptions(facets: { id: string; name: string; count: number }[] | undefined): Option[] {
  return (facets ?? []).map((f) => ({ value: f.id, label: f.name, count: f.count }));
}

/** Scores are shares of 6 checks (0, 17, 33, 50, 67, 83, 100); a hand-made URL may hold another value. */
export const QUALITY_STEPS = [17, 33, 50, 67, 83, 100] as const;

export function qualityOptions(
  current: number | undefined,
  t: (key: string, options?: Record<string, unknown>) => string,
): { value: string; label: string }[] {
  const steps: { value: string; label: string }[] = QUALITY_STEPS.map((score, i) => ({
    value: String(score),
    label: t('filters.qualityAtLeast', { score, checks: i + 1 }),
  }));
  if (current !== undefined && current > 0 && !QUALITY_STEPS.some((s) => s === current)) {
    steps.push({ value: String(current), label: t('filters.qualityCustom', { score: current }) });
    steps.sort((a, b) => Number(a.value) - Number(b.value));
  }
  return [{ value: '0', label: t('filters.qualityAny') }, ...steps];
}
