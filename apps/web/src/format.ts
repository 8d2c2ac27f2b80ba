import type { DatePrecision } from '@srt/shared/codes';

/**
 * Numbers, money and dates for the UI language, all through `Intl`. Money arrives as decimal strings
 * (see DESIGN.md) and is handed to `Intl.NumberFormat` as a string, which formats the exact decimal: a
 * total of 12345678901234567.89 is never rounded through a float on its way to the screen.
 */
export type Language = 'en' | 'ru';

const DECIMAL = /^-?\d+(\.\d+)?$/;
/** A decimal string `Intl.NumberFormat#format` takes as an exact value. */
export const isDecimal = (value: string): value is Intl.StringNumericLiteral => DECIMAL.test(value);

// Formatters are costly to build and are used in every table cell: one per language and style.
const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function numberFormat(language: Language, key: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const id = `n|${language}|${key}`;
  let format = cache.get(id);
  if (!(format instanceof Intl.NumberFormat)) {
    format = new Intl.NumberFormat(language, options);
    cache.set(id, format);
  }
  return format;
}
function dateFormat(
  language: Language,
  key: string,
  options: Intl.DateTimeFormatOptions,
): Intl.DateTimeFormat {
  const id = `d|${language}|${key}`;
  let format = cache.get(id);
  if (!(format instanceof Intl.DateTimeFormat)) {
    // English dates day-first ("21 April 2018"): unambiguous for an international audience.
    format = new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : language, { ...options, timeZone: 'UTC' });
    cache.set(id, format);
  }
  return format;
}

export function formatNumber(value: number, language: Language): string {
  return numberFormat(language, 'plain', {}).format(value);
}

export function formatPercent(value: number, language: Language): string {
  return numberFormat(language, 'percent', { style: 'percent', maximumFractionDigits: 1 }).format(
    value / 100,
  );
}

export type MoneyStyle = 'full' | 'compact';

/**
 * A USD amount from its decimal string: `full` in whole dollars ("$1,234,568"), `compact` for key figures
 * ("$1.2M", "1,2 млн $"). `null` (no amount) gives an empty string: the caller shows its own placeholder.
 */
export function formatUsd(
  value: string | null | undefined,
  language: Language,
  style: MoneyStyle = 'full',
): string {
  if (value === null || value === undefined) return '';
  const amount = value.trim();
  if (!isDecimal(amount)) return value;
  const format =
    style === 'compact'
      ? numberFormat(language, 'usd-compact', {
          style: 'currency',
          currency: 'USD',
          notation: 'compact',
          maximumFractionDigits: 1,
        })
      : numberFormat(language, 'usd-full', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 });
  return format.format(amount);
}

/** An amount in its own currency, with cents where the currency has them ("€1,234.50", "1 234,50 €"). */
export function formatMoney(value: string, currency: string, language: Language): string {
  const amount = value.trim();
  if (!isDecimal(amount)) return `${value} ${currency}`;
  try {
    return numberFormat(language, `cur-${currency}`, { style: 'currency', currency }).format(amount);
  } catch {
    return `${numberFormat(language, 'plain', {}).format(amount)} ${currency}`; // a code Intl does not know
  }
}

const ISO_DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/;

/**
 * A `YYYY-MM-DD` date as precisely as it is known: `day` → "21 April 2018", `month` → "April 2018",
 * `year` → "2018" (Russian: «21 апреля 2018 г.», «апрель 2018 г.», «2018»). Dates are calendar days,
 * formatted in UTC so the day never shifts with the user's time zone.
 */
export function formatDate(
  iso: string | null | undefined,
  language: Language,
  precision: DatePrecision = 'day',
): string {
  if (!iso) return '';
  const match = ISO_DATE.exec(iso);
  if (!match) return iso;
  const year = Number(match[1]);
  const month = match[2] ? Number(match[2]) : 1;
  const day = match[3] ? Number(match[3]) : 1;
  const date = new Date(Date.UTC(year, month - 1, day));
  date.setUTCFullYear(year); // years below 100 would otherwise map to 19xx
  switch (precision) {
    case 'year':
      return dateFormat(language, 'year', { year: 'numeric' }).format(date);
    case 'month':
      return dateFormat(language, 'month', { year: 'numeric', month: 'long' }).format(date);
    case 'day':
      return dateFormat(language, 'day', { year: 'numeric', month: 'long', day: 'numeric' }).format(date);
  }
}

/** A year span: "2018–2022", "2018–", "–2022", or "" when neither is known. */
export function formatYearRange(from: number | null | undefined, to: number | null | undefined): string {
  if (from == null && to == null) return '';
  if (from === to) return String(from);
  return `${from ?? ''}–${to ?? ''}`;
}
