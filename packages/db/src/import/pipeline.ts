/**
 * One import run: a reader's records through the writer, in ONE transaction. Any fatal problem (the
 * reader's, or a failed write) rolls the whole file back; the run itself is recorded in `import_runs`
 * outside that transaction, so a failed or dry run leaves exactly one row behind and nothing else.
 * A dry run is the same code path, rolled back at the end, with the same report.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, readdir, stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { importRuns } from '../schema.ts';
import { findAidDataFiles, readAidData } from './aiddata/read-aiddata.ts';
import { readCsv } from './csv/read-csv.ts';
import { admin1Index } from './geo.ts';
import { readIati } from './iati/reader.ts';
import { loadRateTable } from './rates.ts';
import type { FileLocation, ImportFormat, ImportIssue, Reader, ReadItem } from './types.ts';
import { createWriter, type ImportCounts, type RecordChange } from './writer.ts';

export type { ImportCounts, RecordChange } from './writer.ts';

/** Issues and changes listed in a report; past these, only the number left out is kept. */
export const REPORT_LIMIT = 2_000;

export type ImportReport = {
  runId: string;
  fileName: string;
  fileHash: string;
  format: ImportFormat;
  dryRun: boolean;
  status: 'succeeded' | 'failed';
  counts: ImportCounts;
  /** Why the file was refused or rolled back; null when it went through. */
  fatal: { message: string; at?: FileLocation } | null;
  /** Rejected (`error`) and doubtful (`warning`) records, with the reason and where in the file. */
  issues: ImportIssue[];
  issuesOmitted: number;
  /** What the run adds or changes (for a dry run: what it would). */
  changes: RecordChange[];
  changesOmitted: number;
  /** Records the reader yielded. */
  records: number;
  bytes: number;
  durationMs: number;
};

export type ImportProgress = { bytes: number; records: number };

type CommonOptions = {
  fileName: string;
  format: ImportFormat;
  /** Who imports: a user id, or a process such as `seed`. */
  actor: string;
  dryRun?: boolean;
  onProgress?: (progress: ImportProgress) => void;
};

export type RunImportOptions = CommonOptions &
  (
    | {
        reader: Reader;
        input: AsyncIterable<Uint8Array>;
        /** SHA-256 of the file; computed from the bytes read when absent. */
        fileHash?: string;
        maxBytes?: number;
      }
    /** Readers of a set of files (the AidData group) hand over their items directly. */
    | { items: AsyncIterable<ReadItem>; fileHash: string }
  );

class DryRunRollback extends Error {}

class FatalImport extends Error {
  constructor(
    message: string,
    readonly at?: FileLocation,
  ) {
    super(message);
  }
}

function createCollector() {
  const counts: ImportCounts = { new: 0, updated: 0, unchanged: 0, rejected: 0 };
  const issues: ImportIssue[] = [];
  const changes: RecordChange[] = [];
  let issuesOmitted = 0;
  let changesOmitted = 0;
  const rejectedByReader = new Set<string>();
  return {
    counts,
    issues,
    changes,
    omitted: () => ({ issuesOmitted, changesOmitted }),
    issue(issue: ImportIssue) {
      if (issues.length < REPORT_LIMIT) issues.push(issue);
      else issuesOmitted++;
    },
    change(change: RecordChange) {
      if (changes.length < REPORT_LIMIT) changes.push(change);
      else changesOmitted++;
    },
    count(outcome: keyof ImportCounts) {
      counts[outcome]++;
    },
    /** A reader's `error` rejects its record: counted once per record key. */
    readerIssue(issue: ImportIssue) {
      if (issues.length < REPORT_LIMIT) issues.push(issue);
      else issuesOmitted++;
      if (issue.severity !== 'error') return;
      if (issue.recordKey === undefined) counts.rejected++;
      else if (!rejectedByReader.has(issue.recordKey)) {
        rejectedByReader.add(issue.recordKey);
        counts.rejected++;
      }
    },
  };
}

async function* counted(
  input: AsyncIterable<Uint8Array>,
  onChunk: (chunk: Uint8Array) => void,
): AsyncIterable<Uint8Array> {
  for await (const chunk of input) {
    onChunk(chunk);
    yield chunk;
  }
}

/** Imports one file (or one group of files) and returns its report; never throws for bad data. */
export async function runImport(db: Db, options: RunImportOptions): Promise<ImportReport> {
  const started = Date.now();
  const dryRun = options.dryRun ?? false;
  const [run] = await db
    .insert(importRuns)
    .values({
      actor: options.actor,
      fileName: options.fileName,
      fileHash: options.fileHash ?? '',
      format: options.format,
      dryRun,
      status: 'running',
    })
    .returning({ id: importRuns.id });
  if (!run) throw new Error('import_runs insert returned nothing');

  const report = createCollector();
  const hash = createHash('sha256');
  let bytes = 0;
  let records = 0;
  const progress = () => options.onProgress?.({ bytes, records });

  let items: AsyncIterable<ReadItem>;
  if ('items' in options) {
    items = options.items;
  } else {
    const input = counted(options.input, (chunk) => {
      bytes += chunk.byteLength;
      if (!options.fileHash) hash.update(chunk);
      progress();
    });
    items = options.reader(input, { fileName: options.fileName, maxBytes: options.maxBytes });
  }

  let fatal: ImportReport['fatal'] = null;
  try {
    await db.transaction(async (tx) => {
      await compressWithLz4(tx);
      const writer = createWriter(tx, {
        actor: options.actor,
        rates: await loadRateTable(tx),
        regions: admin1Index(),
        report,
      });
      try {
        for await (const item of items) {
          if (item.kind === 'record') {
            records++;
            await writer.add(item.record);
            if ('items' in options) progress();
          } else if (item.kind === 'issue') {
            report.readerIssue(item.issue);
          } else {
            throw new FatalImport(item.message, item.at);
          }
        }
        await writer.flush();
      } finally {
        await writer.close();
      }
      if (dryRun) throw new DryRunRollback();
    });
  } catch (error) {
    if (error instanceof FatalImport) fatal = { message: error.message, at: error.at };
    else if (!(error instanceof DryRunRollback)) {
      fatal = { message: `The import failed and nothing was written: ${errorMessage(error)}` };
    }
  }

  const fileHash = options.fileHash ?? hash.digest('hex');
  const status = fatal ? 'failed' : 'succeeded';
  const { issuesOmitted, changesOmitted } = report.omitted();
  const result: ImportReport = {
    runId: run.id,
    fileName: options.fileName,
    fileHash,
    format: options.format,
    dryRun,
    status,
    counts: report.counts,
    fatal,
    // Reader and writer report as they go (the writer a batch behind): sorted back into file order.
    issues: [...report.issues].sort((a, b) => position(a.at) - position(b.at)),
    issuesOmitted,
    changes: report.changes,
    changesOmitted,
    records,
    bytes,
    durationMs: Date.now() - started,
  };
  await db
    .update(importRuns)
    .set({
      status,
      fileHash,
      finishedAt: sql`now()`,
      counts: result.counts,
      report: {
        fatal,
        issues: result.issues,
        issuesOmitted,
        changes: result.changes,
        changesOmitted,
        records,
        bytes,
        durationMs: result.durationMs,
      },
      error: fatal?.message ?? null,
    })
    .where(eq(importRuns.id, run.id));
  return result;
}

const position = (at: FileLocation | undefined) => at?.line ?? at?.row ?? 0;

function errorMessage(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  // drizzle wraps the driver's error; the cause says what PostgreSQL refused.
  const cause = error.cause instanceof Error ? ` (${error.cause.message})` : '';
  return `${error.message.split('\n')[0]}${cause}`;
}

/** Streams a file's bytes in chunks (what readers take). */
export async function* fileChunks(path: string): AsyncIterable<Uint8Array> {
  for await (const chunk of createReadStream(path, { highWaterMark: 64 * 1024 })) {
    yield chunk as Uint8Array;
  }
}

/** SHA-256 of a file, streamed. */
export async function fileSha256(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of fileChunks(path)) hash.update(chunk);
  return hash.digest('hex');
}

/**
 * For this transaction only, long values (the `raw` payloads, audit entries, descriptions) are
 * compressed with lz4 where the server has it (PostgreSQL 14+ built with lz4; not PGlite): the default,
 * pglz, spent ≈ 8 % of the server's time in a first import compressing them. Values compressed either
 * way read the same.
 */
async function compressWithLz4(tx: Db): Promise<void> {
  await tx.execute(sql`select set_config('default_toast_compression', 'lz4', true)
    from pg_settings where name = 'default_toast_compression' and 'lz4' = any(enumvals)`);
}

/** PGlite's buffer cache for a process that only imports (the CLI): see `createDb`'s `sharedBuffers`. */
export const IMPORT_SHARED_BUFFERS = '16MB';

// ---------------------------------------------------------------------------------------------------------
// Files and directories → import jobs (shared by the CLI and the demo data)

export const IMPORT_FORMATS = ['iati', 'aiddata', 'csv'] as const satisfies readonly ImportFormat[];

export const READERS = { iati: readIati, csv: readCsv } as const satisfies Record<'iati' | 'csv', Reader>;

/** A path that cannot be imported as asked, with the reason for the user. */
export class ImportPathError extends Error {}

export type ImportJob = {
  /** What the run records and the IATI reader names the file's source after: the base name. */
  fileName: string;
  /** Where it was read from, for messages. */
  path: string;
  format: ImportFormat;
  /** Total bytes to read (for a progress bar). */
  bytes: number;
  fileHash: string;
};

export type ImportJobOptions = {
  actor: string;
  dryRun?: boolean;
  /** Refuse files past this many bytes (the readers' default is 50 MB). */
  maxBytes?: number;
  onProgress?: (progress: ImportProgress) => void;
};

const AIDDATA_NAME = /^aiddata_gcdf3_.+\.(csv|geojson)$/i;

/**
 * The imports a path stands for. A file: one job, its format given or told from its extension or its
 * first bytes. A directory: every IATI `.xml`, the AidData GCDF files as one set, and every other `.csv`
 * (only those of `format` when it is given), then the same in each subdirectory.
 */
export async function planImport(path: string, format?: ImportFormat): Promise<ImportJob[]> {
  const info = await stat(path).catch(() => null);
  if (!info) throw new ImportPathError(`No such file or directory: ${path}`);
  if (info.isDirectory()) {
    const jobs = await planDirectory(path, format);
    if (jobs.length === 0) {
      throw new ImportPathError(
        `Nothing to import in ${path}${format ? ` as ${format}` : ''}: no .xml, .csv or AidData files`,
      );
    }
    return jobs;
  }
  const name = basename(path);
  const detected = format ?? (await detectFormat(path));
  if (detected === 'aiddata') {
    throw new ImportPathError(
      `AidData GCDF files are read as a set, joined on the record ID: give their directory (${path.slice(0, -name.length) || '.'}) instead of one file`,
    );
  }
  return [{ fileName: name, path, format: detected, bytes: info.size, fileHash: await fileSha256(path) }];
}

async function planDirectory(dir: string, format?: ImportFormat): Promise<ImportJob[]> {
  const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1));
  const names = entries.filter((e) => e.isFile()).map((e) => e.name);
  const jobs: ImportJob[] = [];
  const fileJob = async (name: string, fileFormat: ImportFormat): Promise<ImportJob> => {
    const path = join(dir, name);
    return {
      fileName: name,
      path,
      format: fileFormat,
      bytes: (await stat(path)).size,
      fileHash: await fileSha256(path),
    };
  };
  if (!format || format === 'iati') {
    for (const name of names.filter((n) => extname(n).toLowerCase() === '.xml'))
      jobs.push(await fileJob(name, 'iati'));
  }
  if (!format || format === 'aiddata') {
    const { files, problems } = await findAidDataFiles(dir);
    if (problems.length > 0) throw new ImportPathError(problems.join('; '));
    const set = Object.values(files).sort();
    if (set.length > 0) {
      // The set's hash: each file's name and hash, in name order.
      const hash = createHash('sha256');
      let bytes = 0;
      for (const name of set) {
        hash.update(`${name}:${await fileSha256(join(dir, name))}\n`);
        bytes += (await stat(join(dir, name))).size;
      }
      jobs.push({
        fileName: `AidData GCDF 3.0 set (${set.length} files)`,
        path: dir,
        format: 'aiddata',
        bytes,
        fileHash: hash.digest('hex'),
      });
    }
  }
  if (!format || format === 'csv') {
    for (const name of names.filter((n) => extname(n).toLowerCase() === '.csv' && !AIDDATA_NAME.test(n))) {
      // The exchange-rate table is reference data (loaded by the seed), not a sheet of records.
      if ((await firstLine(join(dir, name))) === RATES_HEADER) continue;
      jobs.push(await fileJob(name, 'csv'));
    }
  }
  for (const sub of entries.filter((e) => e.isDirectory() && !e.name.startsWith('.'))) {
    jobs.push(...(await planDirectory(join(dir, sub.name), format)));
  }
  return jobs;
}

const RATES_HEADER = 'currency,year,per_usd,source';

async function head(path: string, bytes = 4096): Promise<string> {
  const handle = await open(path, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(bytes), 0, bytes, 0);
    return buffer
      .subarray(0, bytesRead)
      .toString('utf8')
      .replace(/^\uFEFF/, '');
  } finally {
    await handle.close();
  }
}

const firstLine = async (path: string) => (await head(path, 512)).split(/\r?\n/, 1)[0]?.trim().toLowerCase();

/** From the extension, else from the first bytes: markup is IATI XML, anything else a CSV sheet. */
async function detectFormat(path: string): Promise<ImportFormat> {
  const name = basename(path);
  if (AIDDATA_NAME.test(name)) return 'aiddata';
  const ext = extname(name).toLowerCase();
  if (ext === '.xml') return 'iati';
  if (ext === '.csv' || ext === '.tsv' || ext === '.txt') return 'csv';
  return (await head(path)).trimStart().startsWith('<') ? 'iati' : 'csv';
}

/** Runs one planned job through `runImport`. */
export function runJob(db: Db, job: ImportJob, options: ImportJobOptions): Promise<ImportReport> {
  const common = {
    fileName: job.fileName,
    format: job.format,
    actor: options.actor,
    dryRun: options.dryRun,
    onProgress: options.onProgress,
    fileHash: job.fileHash,
  };
  if (job.format === 'aiddata') {
    return runImport(db, { ...common, items: readAidData(job.path, { maxBytes: options.maxBytes }) });
  }
  return runImport(db, {
    ...common,
    reader: READERS[job.format],
    input: fileChunks(job.path),
    maxBytes: options.maxBytes,
  });
}

/** Plans and runs every import a path stands for, one transaction (and one import run) per job. */
export async function importPath(
  db: Db,
  path: string,
  options: ImportJobOptions & { format?: ImportFormat },
): Promise<ImportReport[]> {
  const reports: ImportReport[] = [];
  for (const job of await planImport(path, options.format)) reports.push(await runJob(db, job, options));
  return reports;
}
