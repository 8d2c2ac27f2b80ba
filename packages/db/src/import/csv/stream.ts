/**
 * Streams a CSV file into rows of trimmed cells, with the checks every CSV import needs before any cell
 * is looked at: a size limit, strict UTF-8 (a UTF-8 BOM is accepted and dropped), the expected delimiter,
 * a bounded record size and a row limit. Used by the CSV templates and by the AidData reader.
 */
import { parse } from 'csv-parse';
import type { FileLocation } from '../types.ts';

export const DEFAULT_MAX_BYTES = 50 * 1024 * 1024;
/** One record (row) may not exceed this many characters: a stray quote would otherwise swallow the file. */
export const DEFAULT_MAX_RECORD_CHARS = 1024 * 1024;

export type CsvStreamOptions = {
  fileName: string;
  maxBytes?: number;
  /** Data rows (not counting the header) after which the file is refused. */
  maxRows?: number;
  maxRecordChars?: number;
};

/**
 * `row` is the row number a spreadsheet shows (the header is row 1; empty lines count as rows), `line`
 * the file line the record starts on (they differ when a cell holds line breaks).
 */
export type CsvRow = { kind: 'row'; cells: string[]; at: { row: number; line: number } };
export type CsvFatal = { kind: 'fatal'; message: string; at?: FileLocation };

class CsvInputError extends Error {}

const DELIMITER_NAMES: Record<string, string> = { ';': 'semicolon', '\t': 'tab', '|': 'pipe', ',': 'comma' };

/** Counts candidate delimiters outside quotes in the header line and names the likeliest. */
export function sniffDelimiter(headerLine: string): string | null {
  const counts = new Map<string, number>();
  let quoted = false;
  for (const ch of headerLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch in DELIMITER_NAMES) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  }
  let best: string | null = null;
  let bestCount = 0;
  for (const [ch, n] of counts) {
    if (n > bestCount) {
      best = ch;
      bestCount = n;
    }
  }
  return best;
}

function delimiterMessage(found: string, fileName: string): string {
  const shown = found === '\t' ? 'tab' : `'${found}'`;
  return (
    `${fileName} looks like ${shown}-separated (${DELIMITER_NAMES[found]}s between the column names), ` +
    `but the template is comma-separated: save it as "CSV UTF-8 (comma delimited)" and import again`
  );
}

/** Yields the header row first, then each data row; stops after a `fatal`. */
export async function* csvRows(
  input: AsyncIterable<Uint8Array>,
  options: CsvStreamOptions,
): AsyncGenerator<CsvRow | CsvFatal> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const parser = parse({
    bom: true,
    info: true,
    relax_column_count: true,
    // A quote inside an unquoted cell is text, as spreadsheets read it.
    relax_quotes: true,
    skip_empty_lines: true,
    max_record_size: options.maxRecordChars ?? DEFAULT_MAX_RECORD_CHARS,
  });

  // Feeds the parser from the byte stream; a refusal destroys the parser so the loop below sees it.
  const feed = async () => {
    const decoder = new TextDecoder('utf-8', { fatal: true });
    let bytes = 0;
    let head: string | null = '';
    try {
      for await (const chunk of input) {
        if (parser.destroyed) return;
        bytes += chunk.byteLength;
        if (bytes > maxBytes) {
          throw new CsvInputError(`${options.fileName} is over the size limit of ${maxBytes} bytes`);
        }
        let text = decoder.decode(chunk, { stream: true });
        if (head !== null) {
          // Hold text back until the header line is complete, then check its delimiter once.
          head += text;
          const end = head.search(/\r?\n/);
          if (end < 0 && head.length < 65_536) continue;
          checkDelimiter(end < 0 ? head : head.slice(0, end));
          text = head;
          head = null;
        }
        if (!parser.write(text)) await drained();
      }
      if (parser.destroyed) return;
      const rest = decoder.decode();
      if (head !== null) {
        checkDelimiter(head + rest);
        parser.write(head);
      }
      parser.end(rest);
    } catch (error) {
      const message =
        error instanceof CsvInputError
          ? error.message
          : error instanceof TypeError
            ? `${options.fileName} is not valid UTF-8 text: save it as "CSV UTF-8" and import again`
            : `${options.fileName} could not be read: ${error instanceof Error ? error.message : String(error)}`;
      parser.destroy(new CsvInputError(message));
    }
  };
  // Also resolves when the consumer stopped early and the parser was destroyed, so feeding never hangs.
  const drained = () =>
    new Promise<void>((resolve) => {
      const done = () => {
        parser.off('drain', done);
        parser.off('close', done);
        resolve();
      };
      parser.on('drain', done);
      parser.on('close', done);
    });
  const checkDelimiter = (headerLine: string) => {
    const found = sniffDelimiter(headerLine.replace(/^\uFEFF/, ''));
    if (found && found !== ',') throw new CsvInputError(delimiterMessage(found, options.fileName));
  };
  const feeding = feed();

  let lastLine = 0;
  let lastEmpty = 0;
  try {
    for await (const item of parser as AsyncIterable<{ record: string[]; info: ParseInfo }>) {
      const { record, info } = item;
      const line = lastLine + 1 + (info.empty_lines - lastEmpty);
      lastLine = info.lines;
      lastEmpty = info.empty_lines;
      const row = info.records + info.empty_lines;
      if (options.maxRows !== undefined && info.records - 1 > options.maxRows) {
        yield {
          kind: 'fatal',
          message: `${options.fileName} has more than ${options.maxRows} data rows: split it into smaller files`,
          at: { row, line },
        };
        return;
      }
      yield { kind: 'row', cells: record.map((cell) => cell.trim()), at: { row, line } };
    }
  } catch (error) {
    yield { kind: 'fatal', ...describeParseError(error, options.fileName) };
    return;
  } finally {
    parser.destroy();
    await feeding;
  }
}

type ParseInfo = { lines: number; records: number; empty_lines: number };

function describeParseError(error: unknown, fileName: string): { message: string; at?: FileLocation } {
  if (error instanceof CsvInputError) return { message: error.message };
  const e = error as { code?: string; message?: string; lines?: number };
  const at = typeof e.lines === 'number' ? { line: e.lines } : undefined;
  switch (e.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return { message: `${fileName}: a quoted cell is never closed (a stray " character?)`, at };
    case 'CSV_MAX_RECORD_SIZE':
      return { message: `${fileName}: a row is longer than the limit (a stray " character?)`, at };
    case 'CSV_INVALID_CLOSING_QUOTE':
    case 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE':
      return {
        message: `${fileName}: text follows a closing quote; inside a quoted cell write a quote as ""`,
        at,
      };
    default:
      return { message: `${fileName} is not a readable CSV file: ${e.message ?? String(error)}`, at };
  }
}

/** Header cells as keys: trimmed, lower case, spaces and hyphens as underscores. */
export const normalizeHeader = (cell: string): string =>
  cell
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
