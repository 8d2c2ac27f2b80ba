import type { ExportColumnKind } from '@srt/shared/export';
import type { RawValue } from './columns.ts';

/**
 * Turning raw values into cells, and keeping spreadsheets from running what a record says.
 *
 * Formula injection: a spreadsheet treats a cell that starts with `=`, `+`, `-` or `@` (and, in some,
 * a tab or carriage return, or their full-width forms) as a formula, so a title such as
 * `=HYPERLINK("http://evil","click")` would run when the file is opened. Every text cell that starts
 * with one of them gets a leading apostrophe, the mark spreadsheets themselves use for "this is text".
 *
 * Numbers are the exception, and only when they are exactly a plain number: `-1500.25` in a decimal
 * column. Excel, LibreOffice and Google Sheets read such a cell as a number, never as a formula — a
 * formula needs an operator or a function after its first character, and a plain signed number has
 * neither — so prefixing it would only turn a negative amount into text that no longer sums. In XLSX
 * numbers are typed cells and cannot be formulas at all; in CSV the strict pattern below decides.
 */

const TRIGGER = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

export const neutralise = (text: string): string => (TRIGGER.test(text) ? `'${text}` : text);

/** A decimal string as a CSV cell: plain numbers as they are (negatives too), anything else as text. */
const decimalText = (value: string) => (PLAIN_NUMBER.test(value) ? value : neutralise(value));

export function csvCell(kind: ExportColumnKind, value: RawValue): string {
  if (value === null) return '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return String(value);
  return kind === 'decimal' || kind === 'integer' ? decimalText(value) : neutralise(value);
}

export type XlsxValue = string | number | boolean | Date | null;

// Control characters other than tab and line breaks (XML 1.0 cannot hold most of them: a single one
// makes Excel call the whole file corrupt), and the two non-characters XML forbids.
const XML_ILLEGAL = /(?![\t\n\r])\p{Cc}|[\uFFFE\uFFFF]/gu;
const XLSX_MAX_TEXT = 32_767;

const xlsxText = (value: string) => neutralise(value.replace(XML_ILLEGAL, '')).slice(0, XLSX_MAX_TEXT);

/**
 * A decimal string becomes a number cell when a double holds it exactly — up to 15 significant digits,
 * which every amount below a trillion with cents is — and a text cell otherwise, so nothing is rounded.
 */
function xlsxDecimal(value: string): XlsxValue {
  if (!PLAIN_NUMBER.test(value)) return xlsxText(value);
  const digits = value.replace(/^-/, '').replace('.', '').replace(/^0+/, '');
  return digits.length <= 15 ? Number(value) : value;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function xlsxCell(kind: ExportColumnKind, value: RawValue): XlsxValue {
  if (value === null || typeof value === 'boolean' || typeof value === 'number') return value;
  switch (kind) {
    case 'decimal':
    case 'integer':
      return xlsxDecimal(value);
    case 'date': {
      const match = ISO_DATE.exec(value);
      return match
        ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])))
        : xlsxText(value);
    }
    default:
      return xlsxText(value);
  }
}
