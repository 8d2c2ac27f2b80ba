import {
  COUNTRY_CODES,
  countryName,
  DATE_PRECISION_CODES,
  type DatePrecision,
  EVENT_TYPES,
  label,
  ORGANIZATION_TYPES,
} from '@srt/shared/codes';
import { formatDate, formatYearRange } from '../../format.ts';
import type { Language } from '../../i18n/index.ts';

/** One choice of a picker: the id, the text the input shows, and a dimmed second line. */
export type PickerOption = { value: string; label: string; detail?: string };

type OrganizationLike = {
  id: string;
  name: string;
  nameLocal?: string | null;
  acronym?: string | null;
  type?: number | null;
  country?: string | null;
};

/** "United Nations Industrial Development Organization (UNIDO)": the acronym only when it adds something. */
export function organizationLabel(o: Pick<OrganizationLike, 'name' | 'acronym'>): string {
  const acronym = o.acronym?.trim();
  return acronym && acronym !== o.name ? `${o.name} (${acronym})` : o.name;
}

/** The second line of an organisation: local name, type and country, in the UI language. */
export function organizationDetail(o: Omit<OrganizationLike, 'id' | 'name'>, language: Language): string {
  return [
    o.nameLocal?.trim() || null,
    o.type == null ? null : label(ORGANIZATION_TYPES, o.type, language),
    o.country ? countryName(o.country, language) : null,
  ]
    .filter(Boolean)
    .join(' · ');
}

export function organizationOption(o: OrganizationLike, language: Language): PickerOption {
  return { value: o.id, label: organizationLabel(o), detail: organizationDetail(o, language) };
}

type ProjectLike = {
  id: string;
  title: string;
  startYear?: number | null;
  endYear?: number | null;
  /** Codes (a list row) or shares (a project's detail). */
  countries?: readonly (string | { country: string })[] | null;
};

/** A project: its title, and its years and countries to tell similar titles apart. */
export function projectOption(p: ProjectLike, language: Language): PickerOption {
  return {
    value: p.id,
    label: p.title,
    detail: [
      formatYearRange(p.startYear, p.endYear) || null,
      p.countries?.length
        ? p.countries.map((c) => countryName(typeof c === 'string' ? c : c.country, language)).join(', ')
        : null,
    ]
      .filter(Boolean)
      .join(' · '),
  };
}

const isDatePrecision = (value: string | null | undefined): value is DatePrecision =>
  (DATE_PRECISION_CODES as readonly (string | null | undefined)[]).includes(value);

type EventLike = {
  id: string;
  title: string;
  type?: string | null;
  date?: string | null;
  datePrecision?: string | null;
  placeName?: string | null;
  country?: string | null;
};

/** An event: its title, and its type, date (as precisely as known) and place. */
export function eventOption(e: EventLike, language: Language): PickerOption {
  return {
    value: e.id,
    label: e.title,
    detail: [
      e.type ? label(EVENT_TYPES, e.type, language) : null,
      e.date
        ? formatDate(e.date, language, isDatePrecision(e.datePrecision) ? e.datePrecision : 'day')
        : null,
      [e.placeName, e.country ? countryName(e.country, language) : null].filter(Boolean).join(', ') || null,
    ]
      .filter(Boolean)
      .join(' · '),
  };
}

/**
 * The options a picker shows: what the server found for the typed text, with every selected value kept
 * (first, in their order) so the input can still name them when the search no longer finds them. A
 * selected id whose name is not known yet reads `pending`.
 */
export function withSelected(
  found: readonly PickerOption[],
  selected: readonly string[],
  known: ReadonlyMap<string, PickerOption>,
  pending: string,
): PickerOption[] {
  const seen = new Set<string>();
  const out: PickerOption[] = [];
  for (const id of selected) {
    if (seen.has(id)) continue;
    seen.add(id);
    out.push(found.find((o) => o.value === id) ?? known.get(id) ?? { value: id, label: pending });
  }
  for (const option of found) {
    if (seen.has(option.value)) continue;
    seen.add(option.value);
    out.push(option);
  }
  return out;
}

/**
 * Text inputs give "" for an untouched field; the record stores "no value" as null, not as an empty
 * string. Trims nothing else: the shared schema trims.
 */
export function blankToNull<T extends Record<string, unknown>>(values: T): T {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values))
    out[key] = typeof value === 'string' && value.trim() === '' ? null : value;
  return out as T;
}

/**
 * Languages offered for a source or an original title: the region's, the funders' and the UN's. The
 * schema takes any language code; these are the ones met in practice, named in the UI language.
 */
export const LANGUAGE_CODES = [
  'en',
  'ru',
  'zh',
  'th',
  'uz',
  'tg',
  'tk',
  'az',
  'kk',
  'ky',
  'fa',
  'tr',
  'ar',
  'fr',
  'de',
  'es',
  'ja',
  'ko',
] as const;

/** Every country as a select offers it: "Uzbekistan (UZ)", sorted by name in the UI language. */
export function countryOptions(language: Language): PickerOption[] {
  return COUNTRY_CODES.map((code) => ({
    value: code,
    label: `${countryName(code, language)} (${code})`,
  })).sort((a, b) => a.label.localeCompare(b.label, language));
}
