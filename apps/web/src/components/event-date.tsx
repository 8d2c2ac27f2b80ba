import type { DatePrecision } from '@srt/shared/codes';
import { formatDate } from '../format.ts';
import type { Language } from '../i18n/index.ts';

/**
 * The `datetime` attribute of a `<time>` for a date as precisely as it is known: `2018-04-21`, `2018-04`
 * (April 2018) or `2018` — a machine-readable date that claims no more than the record knows.
 */
export function dateTimeAttribute(iso: string, precision: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!match) return iso;
  const [, year, month, day] = match;
  if (precision === 'year') return `${year}`;
  if (precision === 'month') return `${year}-${month}`;
  return `${year}-${month}-${day}`;
}

const asPrecision = (precision: string): DatePrecision =>
  precision === 'month' || precision === 'year' ? precision : 'day';

/** "21 April 2018", "April 2018" or "2018": an event's date as precisely as it is known. */
export function EventDate({
  date,
  precision,
  language,
}: {
  date: string;
  precision: string;
  language: Language;
}) {
  return (
    <time dateTime={dateTimeAttribute(date, precision)} data-precision={precision}>
      {formatDate(date, language, asPrecision(precision))}
    </time>
  );
}
