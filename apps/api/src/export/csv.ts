import { stringify } from 'csv-stringify/sync';
import type { About } from './about.ts';
import { csvCell } from './cells.ts';
import type { ColumnSpec, RawValue } from './columns.ts';

/**
 * The CSV file, produced batch by batch as the reader pulls it (the route wraps this generator in
 * `Readable.from`, which asks for the next chunk only when the response has room for it).
 *
 * Layout: a UTF-8 byte order mark (so Excel reads Cyrillic and Thai as UTF-8), the header block as
 * lines starting with `#` (`csv-parse` `comment: '#'`, pandas `skiprows`), the column keys, the rows,
 * and a last `#` line with the number of rows written — if it is missing, the download was cut short.
 * A data field that starts with `#` is quoted, so a comment-aware reader never drops a row.
 */

const BOM = '\uFEFF';
const RECORD = { record_delimiter: 'windows' } as const;
const DATA = { ...RECORD, quoted_match: /^#/ };

/** A header-block value on one line: a line break would end the comment in the middle. */
const oneLine = (text: string) => csvCell('text', text.replace(/[\r\n]+/g, ' '));

export function csvHeaderBlock(about: About): string {
  const records: string[][] = [[`# ${about.title}`]];
  for (const [label, value] of about.facts) records.push([`# ${label}`, oneLine(value)]);
  for (const note of about.notes) records.push([`# ${about.labels.note}`, oneLine(note)]);
  if (about.sources.length) {
    const listed = about.sources
      .map(
        (s) =>
          `${s.publisher ? `${s.publisher}: ` : ''}${s.title}${s.url ? ` <${s.url}>` : ''} (${s.projects})`,
      )
      .join('; ');
    const more =
      about.sourcesTotal > about.sources.length ? ` … +${about.sourcesTotal - about.sources.length}` : '';
    records.push([`# ${about.labels.sources}`, oneLine(`${listed}${more}`)]);
  }
  return stringify(records, RECORD);
}

export async function* csvChunks(
  about: About,
  columns: readonly ColumnSpec[],
  batches: AsyncIterable<RawValue[][]>,
  onRow: (count: number) => void = () => {},
): AsyncGenerator<string> {
  // With one column, an empty value would be an empty line, which readers skip: quote it.
  const data = { ...DATA, quoted_empty: columns.length === 1 };
  yield BOM + csvHeaderBlock(about) + stringify([columns.map((c) => c.key)], data);
  let count = 0;
  for await (const batch of batches) {
    count += batch.length;
    onRow(count);
    yield stringify(
      batch.map((row) => row.map((value, i) => csvCell(columns[i]?.kind ?? 'text', value))),
      data,
    );
  }
  yield stringify([[`# ${about.labels.rowsWritten}`, String(count)]], RECORD);
}
