/**
 * `pnpm run import <file|dir> [--format iati|aiddata|csv] [--dry-run]` (pnpm's own `pnpm import` is a
 * built-in command, so the script is run with `run`). Imports into DATABASE_URL, or the PGlite directory
 * PGLITE_DIR (default ./data/pglite), and prints each file's report. Exit code 1 when a file failed.
 */
import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { count } from 'drizzle-orm';
import { createDb } from '../client.ts';
import { exchangeRates } from '../schema.ts';
import {
  IMPORT_FORMATS,
  IMPORT_SHARED_BUFFERS,
  type ImportJob,
  ImportPathError,
  type ImportProgress,
  type ImportReport,
  planImport,
  runJob,
} from './pipeline.ts';
import { loadExchangeRates } from './rates.ts';
import type { FileLocation, ImportFormat } from './types.ts';

const USAGE = `Usage: pnpm run import <file|dir> [--format iati|aiddata|csv] [--dry-run] [--actor NAME] [--max-mb N] [--quiet]

  <file>      an IATI 2.0x activity file (.xml) or a CSV sheet (projects or funding template)
  <dir>       every .xml (IATI) in it, the AidData GCDF files as one set, and every other .csv
  --format    read as this format instead of telling it from the extension or the first bytes
  --dry-run   read, check and compare as a real import would, report, and write nothing but the run record
  --actor     who imports, for the audit trail (default: cli:$USER)
  --max-mb    refuse files larger than this (default 50)
  --quiet     print the counts only, not each rejected or doubtful record`;

const out = (line = '') => process.stdout.write(`${line}\n`);
const err = (line: string) => process.stderr.write(`${line}\n`);

function where(at: FileLocation | undefined): string {
  if (!at) return '';
  if (at.row !== undefined) return `row ${at.row}${at.column ? `, column ${at.column}` : ''}`;
  return at.line !== undefined ? `line ${at.line}` : '';
}

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** A one-line bar on a terminal (bytes read of total, records); nothing when output is not a TTY. */
function progressBar(job: ImportJob) {
  const stream = process.stderr;
  if (!stream.isTTY) return { update: (_: ImportProgress) => {}, done: () => {} };
  let last = 0;
  const draw = ({ bytes, records }: ImportProgress) => {
    const width = 30;
    const byBytes = job.bytes > 0 && bytes > 0;
    const share = byBytes ? Math.min(1, bytes / job.bytes) : 0;
    const filled = Math.round(share * width);
    const bar = byBytes
      ? `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${Math.round(share * 100)}% `
      : '';
    const size = byBytes ? `${megabytes(bytes)} / ${megabytes(job.bytes)} · ` : '';
    stream.write(`\r${job.fileName.slice(0, 40)} ${bar}${size}${records} records\u001b[K`);
  };
  return {
    update(progress: ImportProgress) {
      const now = Date.now();
      if (now - last < 100) return;
      last = now;
      draw(progress);
    },
    done() {
      stream.write('\r\u001b[K');
    },
  };
}

function printReport(report: ImportReport, quiet: boolean) {
  const { counts } = report;
  const seconds = (report.durationMs / 1000).toFixed(1);
  const status = report.status === 'failed' ? 'FAILED' : report.dryRun ? 'dry run' : 'imported';
  out(
    `${report.fileName} (${report.format}) ${status}: ${counts.new} new, ${counts.updated} updated, ${counts.unchanged} unchanged, ${counts.rejected} rejected — ${report.records} record${report.records === 1 ? '' : 's'} in ${seconds} s`,
  );
  if (report.fatal) {
    const at = where(report.fatal.at);
    out(`  ✗ ${at ? `${at}: ` : ''}${report.fatal.message} — nothing was written`);
  } else if (report.dryRun) {
    out('  (dry run: nothing was written)');
  }
  if (quiet) return;
  for (const issue of report.issues) {
    const tag = issue.severity === 'error' ? 'rejected' : 'doubtful';
    const parts = [where(issue.at), issue.recordKey, issue.field].filter(Boolean).join(' · ');
    out(`  ${tag.padEnd(8)} ${parts ? `${parts}: ` : ''}${issue.message}`);
  }
  if (report.issuesOmitted > 0)
    out(`  … and ${report.issuesOmitted} more (listed in the import run's report)`);
}

async function main(): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse();
  } catch (error) {
    err(error instanceof Error ? error.message : String(error));
    err(USAGE);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    out(USAGE);
    return 0;
  }
  const [target] = positionals;
  const format = values.format as ImportFormat | undefined;
  if (!target || positionals.length > 1 || (format && !IMPORT_FORMATS.includes(format))) {
    err(USAGE);
    return 2;
  }
  // pnpm runs scripts in the package directory; INIT_CWD is where the user typed the command.
  const cwd = process.env.INIT_CWD ?? process.cwd();
  const path = isAbsolute(target) ? target : resolve(cwd, target);
  const maxBytes = values['max-mb'] ? Number(values['max-mb']) * 1024 * 1024 : undefined;
  if (maxBytes !== undefined && !(maxBytes > 0)) {
    err('--max-mb must be a positive number');
    return 2;
  }

  let jobs: ImportJob[];
  try {
    jobs = await planImport(path, format);
  } catch (error) {
    if (!(error instanceof ImportPathError)) throw error;
    err(error.message);
    return 1;
  }

  const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
  const url = process.env.DATABASE_URL || process.env.PGLITE_DIR || `${repoRoot}data/pglite`;
  // A small buffer cache on PGlite: the import writes much and reads little (see createDb).
  const database = await createDb(url, { sharedBuffers: IMPORT_SHARED_BUFFERS });
  try {
    await database.migrate();
    const actor = values.actor ?? `cli:${process.env.USER ?? 'unknown'}`;
    // USD values need the rate table: a fresh database gets the shipped one first.
    const [rates] = await database.db.select({ n: count() }).from(exchangeRates);
    if ((rates?.n ?? 0) === 0) {
      const loaded = await loadExchangeRates(database.db, { actor });
      out(`Loaded the exchange rate table (${loaded.inserted} rates) into the empty database`);
    }
    let failed = 0;
    const totals = { new: 0, updated: 0, unchanged: 0, rejected: 0 };
    for (const job of jobs) {
      const bar = progressBar(job);
      const report = await runJob(database.db, job, {
        actor,
        dryRun: values['dry-run'],
        maxBytes,
        onProgress: bar.update,
      });
      bar.done();
      printReport(report, values.quiet ?? false);
      if (report.status === 'failed') failed++;
      for (const key of Object.keys(totals) as (keyof typeof totals)[]) totals[key] += report.counts[key];
    }
    if (jobs.length > 1) {
      out(
        `\n${jobs.length} imports${values['dry-run'] ? ' (dry run)' : ''}: ${totals.new} new, ${totals.updated} updated, ${totals.unchanged} unchanged, ${totals.rejected} rejected; ${failed} failed`,
      );
    }
    return failed > 0 ? 1 : 0;
  } finally {
    await database.close();
  }
}

function parse() {
  return parseArgs({
    allowPositionals: true,
    options: {
      format: { type: 'string' },
      'dry-run': { type: 'boolean' },
      actor: { type: 'string' },
      'max-mb': { type: 'string' },
      quiet: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

process.exitCode = await main();
