import { join } from 'node:path';
import type { Db } from '@srt/db/client';
import { findAidDataFiles } from '@srt/db/import/aiddata';
import { readCsv } from '@srt/db/import/csv';
import {
  fileChunks,
  type ImportJob,
  ImportPathError,
  type ImportReport,
  planImport,
  runImport,
  runJob,
} from '@srt/db/import/pipeline';
import type { ImportCounts } from '@srt/db/import/writer';
import { commitsSince, type ImportRunDetail, importRunById } from '@srt/db/queries/import-runs';
import type { CommitPhase, UploadFormat } from '@srt/shared/import';
import type { FastifyBaseLogger } from 'fastify';
import { type CsvTemplate, createUploadStore, type UploadManifest } from './uploads.ts';

/**
 * Imports from the web: the dry run of an uploaded file (run while the upload request waits), and its
 * commit as a background job of this process, one at a time, whose progress the page polls. The import
 * pipeline does the work; a failed import rolls back in its own transaction, and nothing here lets an
 * error escape into the process.
 */

export type ImportServiceOptions = {
  db: Db;
  /** Where uploads wait for their commit. */
  dir: string;
  /** Per file; past it the upload is refused with 413. */
  maxBytes: number;
  /** Uploads not committed within this time are removed (default 24 hours). */
  keepMs?: number;
  log: FastifyBaseLogger;
};

export type StoredFile = { name: string; bytes: number };

/** A refusal the caller shows as it is: an HTTP status (or tRPC code) and the reason. */
export type Refusal = {
  ok: false;
  code: 'BAD_REQUEST' | 'NOT_FOUND' | 'CONFLICT' | 'PRECONDITION_FAILED' | 'UNPROCESSABLE_CONTENT';
  message: string;
  report?: ImportReport;
};

export type CommitState = {
  status: 'running' | 'succeeded' | 'failed';
  phase: CommitPhase;
  /** Records imported so far, of the dry run's `total`. */
  processed: number;
  total: number;
  /** The commit's own import run, once it has one (at the end). */
  runId: string | null;
  counts: ImportCounts | null;
  error: string | null;
};

const HOUR = 60 * 60 * 1000;
/** How long a finished commit's progress stays in memory (the run itself is in the database). */
const FORGET_AFTER_MS = HOUR;

const refuse = (code: Refusal['code'], message: string, report?: ImportReport): Refusal => ({
  ok: false,
  code,
  message,
  ...(report ? { report } : {}),
});

const AIDDATA_NAMES =
  "AidData's own file names: aiddata_gcdf3_<scope>.csv, aiddata_gcdf3_recipient_year_<scope>.csv, " +
  'aiddata_gcdf3_geocoded_<scope>.csv, aiddata_gcdf3_over10m_<scope>.csv, aiddata_gcdf3_geometries_<scope>.geojson';

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

export function createImportService(options: ImportServiceOptions) {
  const { db, maxBytes, log } = options;
  const keepMs = options.keepMs ?? 24 * HOUR;
  const store = createUploadStore(options.dir);
  const jobs = new Map<string, CommitState>();
  /** Commits run one after another: each is one long transaction. */
  let queue: Promise<void> = Promise.resolve();

  const sweep = async () => {
    try {
      const removed = await store.sweep(keepMs, new Set(jobs.keys()));
      if (removed.length > 0) log.info({ removed }, 'import: removed uploads never committed');
    } catch (error) {
      log.warn({ err: error }, 'import: could not clean up old uploads');
    }
  };
  const sweeper = setInterval(() => void sweep(), HOUR);
  sweeper.unref();
  void sweep();

  /** The import the stored files stand for: one file, or the AidData set. */
  async function plan(
    uploadId: string,
    files: StoredFile[],
    format: UploadFormat,
  ): Promise<{ ok: true; job: ImportJob; template: CsvTemplate | null } | Refusal> {
    const dir = store.filesDir(uploadId);
    const aiddata = await findAidDataFiles(dir);
    const isAidData = format === 'aiddata' || (format === 'auto' && Object.keys(aiddata.files).length > 0);
    try {
      if (isAidData) {
        const known = new Set(Object.values(aiddata.files));
        const strangers = files.filter((f) => !known.has(f.name)).map((f) => f.name);
        if (strangers.length > 0) {
          return refuse(
            'BAD_REQUEST',
            `Not a file of the AidData GCDF 3.0 set: ${strangers.join(', ')}. The set's files keep ${AIDDATA_NAMES}`,
          );
        }
        if (aiddata.problems.length > 0) return refuse('BAD_REQUEST', aiddata.problems.join('; '));
        const [job] = await planImport(dir, 'aiddata');
        if (!job) return refuse('BAD_REQUEST', 'No AidData files in the upload');
        return { ok: true, job: { ...job, path: dir }, template: null };
      }
      const [file, ...others] = files;
      if (!file) return refuse('BAD_REQUEST', 'No file in the upload');
      if (others.length > 0) {
        return refuse(
          'BAD_REQUEST',
          `Upload one file at a time (got ${files.length}); only the AidData set comes as several files`,
        );
      }
      const given = format === 'iati' ? 'iati' : format.startsWith('csv') ? 'csv' : undefined;
      const [job] = await planImport(join(dir, file.name), given);
      if (!job) return refuse('BAD_REQUEST', 'Nothing to import');
      const template = format === 'csv-projects' ? 'projects' : format === 'csv-funding' ? 'funding' : null;
      return { ok: true, job, template };
    } catch (error) {
      if (error instanceof ImportPathError) return refuse('BAD_REQUEST', error.message);
      throw error;
    }
  }

  function run(
    job: ImportJob,
    template: CsvTemplate | null,
    options: { actor: string; dryRun: boolean; onProgress?: (p: { records: number }) => void },
  ): Promise<ImportReport> {
    if (!template) return runJob(db, job, { ...options, maxBytes });
    return runImport(db, {
      fileName: job.fileName,
      format: 'csv',
      fileHash: job.fileHash,
      ...options,
      reader: (input, readerOptions) => readCsv(input, { ...readerOptions, template }),
      input: fileChunks(job.path),
      maxBytes,
    });
  }

  const jobOf = (manifest: UploadManifest, dryRunId: string): Promise<ImportJob[]> => {
    const dir = store.filesDir(dryRunId);
    return manifest.format === 'aiddata'
      ? planImport(dir, 'aiddata')
      : planImport(join(dir, manifest.files[0] ?? ''), manifest.format);
  };

  async function execute(dryRunId: string, manifest: UploadManifest, job: ImportJob, actor: string) {
    const state = jobs.get(dryRunId);
    if (!state) return;
    state.phase = 'importing';
    let outcome: Pick<CommitState, 'status' | 'runId' | 'counts' | 'processed' | 'error'>;
    try {
      const report = await run(job, manifest.template, {
        actor,
        dryRun: false,
        onProgress: ({ records }) => {
          state.processed = records;
        },
      });
      outcome = {
        status: report.status,
        runId: report.runId,
        counts: report.counts,
        processed: report.records,
        error: report.fatal?.message ?? null,
      };
      log.info(
        { dryRunId, runId: report.runId, status: report.status, counts: report.counts },
        'import committed',
      );
    } catch (error) {
      outcome = {
        status: 'failed',
        runId: null,
        counts: null,
        processed: state.processed,
        error: `The import failed and nothing was written: ${errorText(error)}`,
      };
      log.error({ err: error, dryRunId }, 'import commit failed');
    }
    await store.remove(dryRunId).catch((error: unknown) => {
      log.warn({ err: error, dryRunId }, 'import: could not remove the committed upload');
    });
    // All at once: whoever polls sees it running, or done with its outcome, never half of each.
    Object.assign(state, outcome, { phase: 'done' });
    setTimeout(() => jobs.delete(dryRunId), FORGET_AFTER_MS).unref();
  }

  return {
    maxBytes,
    store,

    /**
     * The dry run of the files of an upload (already on disk under `uploadId`). A file the pipeline refuses
     * is removed at once (its failed run stays recorded); one it accepts waits for its commit.
     */
    async dryRun(
      uploadId: string,
      files: StoredFile[],
      format: UploadFormat,
      actor: string,
    ): Promise<{ ok: true; report: ImportReport } | Refusal> {
      let kept = false;
      try {
        const planned = await plan(uploadId, files, format);
        if (!planned.ok) return planned;
        const { job, template } = planned;
        const report = await run(job, template, { actor, dryRun: true });
        if (report.status === 'failed') {
          return refuse('UNPROCESSABLE_CONTENT', report.fatal?.message ?? 'The file was refused', report);
        }
        await store.keep(uploadId, {
          format: job.format,
          template,
          fileName: job.fileName,
          files: files.map((f) => f.name),
          fileHash: job.fileHash,
          bytes: job.bytes,
          records: report.records,
          dryRunId: report.runId,
          actor,
        });
        kept = true;
        return { ok: true, report };
      } finally {
        if (!kept) await store.remove(uploadId);
      }
    },

    /** Starts committing the file a dry run read, after checking it is still the same file. */
    async commit(dryRunId: string, actor: string): Promise<{ ok: true; state: CommitState } | Refusal> {
      const current = jobs.get(dryRunId);
      if (current?.status === 'running') return refuse('CONFLICT', 'This file is already being committed');
      const dryRun = await importRunById(db, dryRunId);
      if (!dryRun) return refuse('NOT_FOUND', `No import run with id ${dryRunId}`);
      if (!dryRun.dryRun) return refuse('BAD_REQUEST', 'This run is a commit, not a dry run');
      if (dryRun.status !== 'succeeded') {
        return refuse('BAD_REQUEST', 'The dry run refused this file: there is nothing to commit');
      }
      const manifest = await store.manifest(dryRunId);
      if (!manifest) {
        return refuse(
          'PRECONDITION_FAILED',
          `${dryRun.fileName} is no longer on the server (an upload is removed once committed, or ${keepMs / HOUR} hours after its dry run): upload it again`,
        );
      }
      const later = await commitsSince(db, { fileName: dryRun.fileName, since: dryRun.startedAt });
      const same = later.find((c) => c.fileHash === dryRun.fileHash && c.status !== 'failed');
      if (same)
        return refuse('CONFLICT', `This file was already committed after this dry run (run ${same.id})`);
      const other = later.find((c) => c.fileHash !== dryRun.fileHash && c.status === 'succeeded');
      if (other) {
        return refuse(
          'CONFLICT',
          `A different version of ${dryRun.fileName} was committed after this dry run (run ${other.id}, ${other.startedAt}): upload the file again to see what it would change now`,
        );
      }
      const [job] = await jobOf(manifest, dryRunId).catch(() => []);
      if (!job)
        return refuse('PRECONDITION_FAILED', `${dryRun.fileName} can no longer be read: upload it again`);
      if (job.fileHash !== dryRun.fileHash) {
        return refuse(
          'PRECONDITION_FAILED',
          `The stored file is not the one the dry run read (its SHA-256 differs): upload it again`,
        );
      }
      const state: CommitState = {
        status: 'running',
        phase: 'queued',
        processed: 0,
        total: manifest.records,
        runId: null,
        counts: null,
        error: null,
      };
      jobs.set(dryRunId, state);
      queue = queue.then(() => execute(dryRunId, manifest, { ...job, fileName: dryRun.fileName }, actor));
      return { ok: true, state: { ...state } };
    },

    /**
     * How the commit of a dry run is going: from this process while it runs (and for an hour after), else
     * from the database (a later commit of the same bytes).
     */
    async commitState(run: ImportRunDetail): Promise<CommitState | null> {
      const live = jobs.get(run.id);
      if (live) return { ...live };
      if (!run.dryRun) return null;
      const later = await commitsSince(db, { fileName: run.fileName, since: run.startedAt });
      const commit = later.find((c) => c.fileHash === run.fileHash);
      if (!commit) return null;
      const committed = await importRunById(db, commit.id);
      const total = run.records ?? 0;
      return {
        status: commit.status,
        phase: commit.status === 'running' ? 'importing' : 'done',
        processed: commit.status === 'running' ? 0 : (committed?.records ?? total),
        total,
        runId: commit.id,
        counts: committed?.counts ?? null,
        error: committed?.error ?? null,
      };
    },

    /** Whether a dry run's upload is still there to be committed. */
    async canCommit(run: ImportRunDetail): Promise<boolean> {
      return run.dryRun && run.status === 'succeeded' && (await store.manifest(run.id)) !== null;
    },

    /** Stops the clean-up timer and waits for the commit in progress, if any. */
    async close(): Promise<void> {
      clearInterval(sweeper);
      await queue;
    },
  };
}

export type ImportService = ReturnType<typeof createImportService>;
