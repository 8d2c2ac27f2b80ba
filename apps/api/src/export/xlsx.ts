import type { Writable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import ExcelJS from 'exceljs';
import type { About } from './about.ts';
import { xlsxCell } from './cells.ts';
import type { ColumnSpec, RawValue } from './columns.ts';

/**
 * The XLSX file, through exceljs's streaming WorkbookWriter: an "About" sheet (filter, as-of, row
 * count, notes, sources, column meanings), then the "Data" sheet written row by row. Shared strings are
 * off (they would keep every distinct text in memory until the end).
 *
 * The zip entries are written one after the other, so "About" is finished before the first data row;
 * otherwise the data would wait in memory behind it.
 */

const BOLD = { bold: true } as const;
const MONEY_FORMAT = '#,##0.00';

function numFmt(column: ColumnSpec): string | undefined {
  if (column.kind === 'date') return 'yyyy-mm-dd';
  if (column.kind !== 'decimal' || column.key === 'usd_rate') return undefined;
  return column.key === 'country_percentage' ? '0.00' : MONEY_FORMAT;
}

function width(column: ColumnSpec): number {
  if (/title|names|funders/.test(column.key)) return 48;
  if (column.key.endsWith('_id')) return 38;
  if (column.kind === 'decimal') return 18;
  if (column.kind === 'text') return 22;
  return 12;
}

/** A1-style name of a column number (1 → A, 27 → AA). */
function columnLetter(n: number): string {
  let name = '';
  for (let i = n; i > 0; i = Math.floor((i - 1) / 26)) name = String.fromCharCode(65 + ((i - 1) % 26)) + name;
  return name;
}

function writeAbout(workbook: ExcelJS.stream.xlsx.WorkbookWriter, about: About): void {
  const sheet = workbook.addWorksheet('About');
  sheet.columns = [{ width: 28 }, { width: 100 }, { width: 60 }, { width: 18 }];
  const add = (values: (string | number)[], bold = false) => {
    const row = sheet.addRow(values.map((v) => xlsxCell('text', v)));
    if (bold) row.font = BOLD;
    row.alignment = { vertical: 'top', wrapText: true };
    row.commit();
  };
  const title = sheet.addRow([about.title]);
  title.font = { bold: true, size: 14 };
  title.commit();
  add([]);
  for (const [label, value] of about.facts) {
    const row = sheet.addRow([xlsxCell('text', label), xlsxCell('text', value)]);
    row.getCell(1).font = BOLD;
    row.alignment = { vertical: 'top', wrapText: true };
    row.commit();
  }
  add([]);
  for (const note of about.notes) add(['', note]);
  if (about.sources.length) {
    add([]);
    add([about.labels.publisher, about.labels.source, about.labels.url, about.labels.projects], true);
    for (const s of about.sources) add([s.publisher ?? '', s.title, s.url ?? '', s.projects]);
    if (about.sourcesTotal > about.sources.length)
      add(['', `… +${about.sourcesTotal - about.sources.length}`]);
  }
  add([]);
  add([about.labels.columns], true);
  for (const c of about.columns) add([c.key, c.description]);
  sheet.commit();
}

/**
 * Bytes exceljs has handed to the zip for this sheet that the zip has not taken in yet. exceljs writes
 * into the archiver without waiting for it, so behind a slow download the sheet would pile up in that
 * buffer; the writer pauses while it is over a megabyte. (The archiver itself holds at most about 1 MB
 * on each side, compressed.) Read from exceljs's internals (its StreamBuf → the archiver's input
 * PassThrough), defensively: anything unexpected counts as empty.
 */
function zipBacklog(sheet: unknown): number {
  const stream = field(sheet, 'stream');
  const pipes = field(stream, 'pipes');
  if (!Array.isArray(pipes)) return 0;
  let bytes = 0;
  for (const pipe of pipes) {
    for (const state of ['_writableState', '_readableState']) {
      const length = field(field(pipe, state), 'length');
      if (typeof length === 'number') bytes += length;
    }
  }
  return bytes;
}

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null && key in value
    ? (value as Record<string, unknown>)[key]
    : undefined;
}

const BACKLOG_LIMIT = 1 << 20;

/**
 * Writes the workbook to `out` (the response body). Returns the number of data rows written, or `null`
 * when `out` was closed before the end (the client went away): then it stops reading the database.
 */
export async function writeXlsx(
  out: Writable,
  about: About,
  columns: readonly ColumnSpec[],
  batches: AsyncIterable<RawValue[][]>,
  asOf: Date,
): Promise<number | null> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  workbook.creator = 'Silk Road Tracker';
  workbook.created = asOf;
  writeAbout(workbook, about);

  const data = workbook.addWorksheet('Data', { views: [{ state: 'frozen', ySplit: 1 }] });
  data.columns = columns.map((c) => {
    const format = numFmt(c);
    return { key: c.key, width: width(c), style: format ? { numFmt: format } : {} };
  });
  data.autoFilter = `A1:${columnLetter(columns.length)}1`;
  const header = data.addRow(columns.map((c) => c.key));
  header.font = BOLD;
  header.commit();

  let count = 0;
  for await (const batch of batches) {
    for (const raw of batch) {
      data.addRow(raw.map((value, i) => xlsxCell(columns[i]?.kind ?? 'text', value))).commit();
    }
    count += batch.length;
    while (!out.destroyed && zipBacklog(data) > BACKLOG_LIMIT) await sleep(5);
    if (out.destroyed) return null;
  }
  data.commit();
  // A client that leaves during the last bytes would leave `commit` waiting for a 'finish' that never comes.
  const closedEarly = new Promise<null>((resolve) => {
    out.once('close', () => {
      if (!out.writableFinished) resolve(null);
    });
  });
  return Promise.race([workbook.commit().then(() => count), closedEarly]);
}
