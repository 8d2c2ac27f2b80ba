import type { DatePrecision } from '@srt/shared/codes';

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
const DOTTED = /^(\d{1,2})[./](\d{1,2})[./](\d{4})$/;

const pad = (n: number) => String(n).padStart(2, '0');

/** `YYYY-MM-DD` when year, month and day make a real calendar day, else null. */
function isoDay(year: number, month: number, day: number): string | null {
  if (month < 1 || month > 12 || day < 1) return null;
  const date = new Date(Date.UTC(2000, month - 1, day));
  date.setUTCFullYear(year);
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${String(year).padStart(4, '0')}-${pad(month)}-${pad(day)}`;
}

/**
 * A date as typed into a day input: ISO `2018-04-21`, or day first as written in Russia and most of
 * Europe (`21.04.2018`, `21/04/2018`). Anything else, or a day the calendar does not have, is null.
 */
export function parseTypedDate(text: string): string | null {
  const value = text.trim();
  const iso = ISO.exec(value);
  if (iso) return isoDay(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const dotted = DOTTED.exec(value);
  if (dotted) return isoDay(Number(dotted[3]), Number(dotted[2]), Number(dotted[1]));
  return null;
}

/**
 * The stored date for a precision: a month is kept as its first day, a year as 1 January, so that
 * switching an event from "day" to "month" does not keep a day nobody knows.
 */
export function dateAtPrecision(date: string, precision: DatePrecision): string {
  const iso = ISO.exec(date);
  if (!iso) return date;
  if (precision === 'year') return `${iso[1]}-01-01`;
  if (precision === 'month') return `${iso[1]}-${iso[2]}-01`;
  return date;
}
