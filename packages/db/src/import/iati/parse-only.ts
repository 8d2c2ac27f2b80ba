import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { readIati } from './reader.ts';

export type ParseOnlyResult = {
  bytes: number;
  records: number;
  issues: number;
  fatal: string | null;
  ms: number;
};

/**
 * Runs the reader over a file and discards what it yields: the "parsing alone" baseline the import's
 * speed is measured against (issue 3, item 7). The size limit defaults to the file's own size, so a
 * benchmark file larger than the 50 MB import default still parses.
 */
export async function parseOnly(file: string, options: { maxBytes?: number } = {}): Promise<ParseOnlyResult> {
  const { size } = await stat(file);
  const started = performance.now();
  let records = 0;
  let issues = 0;
  let fatal: string | null = null;
  const items = readIati(createReadStream(file, { highWaterMark: 64 * 1024 }), {
    fileName: basename(file),
    maxBytes: options.maxBytes ?? Math.max(size, 1),
  });
  for await (const item of items) {
    if (item.kind === 'record') records++;
    else if (item.kind === 'issue') issues++;
    else fatal = item.message;
  }
  return { bytes: size, records, issues, fatal, ms: performance.now() - started };
}
