import { and, desc, eq, gt, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import type { ImportReport } from '../import/pipeline.ts';
import type { ImportCounts } from '../import/writer.ts';
import { importRuns, users } from '../schema.ts';
import { decodeCursor, encodeCursor, pageOf } from './list.ts';

/** The import runs (dry runs and commits), as the import page lists them: who, when, which file, result. */

export type ImportRunStatus = 'running' | 'succeeded' | 'failed';

export type ImportRunSummary = {
  id: string;
  startedAt: string;
  finishedAt: string | null;
  /** The user id (or a process such as `seed` or `cli:<name>`). */
  actor: string;
  /** The user's name when the actor is a user. */
  actorName: string | null;
  fileName: string;
  fileHash: string;
  format: string;
  dryRun: boolean;
  status: ImportRunStatus;
  counts: ImportCounts | null;
  /** Records the file held (null while running). */
  records: number | null;
  error: string | null;
};

const summaryColumns = {
  id: importRuns.id,
  startedAt: importRuns.startedAt,
  finishedAt: importRuns.finishedAt,
  actor: importRuns.actor,
  actorName: users.name,
  fileName: importRuns.fileName,
  fileHash: importRuns.fileHash,
  format: importRuns.format,
  dryRun: importRuns.dryRun,
  status: importRuns.status,
  counts: importRuns.counts,
  records: sql<number | null>`(${importRuns.report} ->> 'records')::int`,
  error: importRuns.error,
};

type SummaryRow = {
  id: string;
  startedAt: string;
  finishedAt: string | null;
  actor: string;
  actorName: string | null;
  fileName: string;
  fileHash: string;
  format: string;
  dryRun: boolean;
  status: string;
  counts: unknown;
  records: number | null;
  error: string | null;
};

// `status` and `counts` are written only by the import pipeline, in these shapes.
const toSummary = (row: SummaryRow): ImportRunSummary => ({
  ...row,
  status: row.status as ImportRunStatus,
  counts: (row.counts as ImportCounts | null) ?? null,
});

/** Newest first, keyset-paged on (started_at, id). */
export async function listImportRuns(
  db: Db,
  params: { cursor?: string | null; limit: number },
): Promise<{ rows: ImportRunSummary[]; nextCursor: string | null }> {
  let after: ReturnType<typeof or> | undefined;
  if (params.cursor) {
    const { value, id } = decodeCursor(params.cursor, 'timestamp');
    after = or(lt(importRuns.startedAt, value), and(eq(importRuns.startedAt, value), lt(importRuns.id, id)));
  }
  const fetched = await db
    .select(summaryColumns)
    .from(importRuns)
    .leftJoin(users, eq(users.id, importRuns.actor))
    .where(after)
    .orderBy(desc(importRuns.startedAt), desc(importRuns.id))
    .limit(params.limit + 1);
  return pageOf(fetched.map(toSummary), params.limit, (last) => encodeCursor(last.startedAt, last.id));
}

/** What the pipeline stores of its report with the run (the rest is in the run's own columns). */
export type StoredImportReport = Pick<
  ImportReport,
  'fatal' | 'issues' | 'issuesOmitted' | 'changes' | 'changesOmitted' | 'records' | 'bytes' | 'durationMs'
>;

export type ImportRunDetail = ImportRunSummary & {
  /** Per-record reasons, what changes, the fatal reason; null while the run is going. */
  report: StoredImportReport | null;
};

export async function importRunById(db: Db, id: string): Promise<ImportRunDetail | null> {
  const [row] = await db
    .select({ ...summaryColumns, report: importRuns.report })
    .from(importRuns)
    .leftJoin(users, eq(users.id, importRuns.actor))
    .where(eq(importRuns.id, id));
  if (!row) return null;
  const { report, ...summary } = row;
  // Written by the pipeline's `runImport` only, in this shape.
  return { ...toSummary(summary), report: (report as StoredImportReport | null) ?? null };
}

/**
 * Commits of a file since a moment: the same bytes (`fileHash`), or the same file name in another
 * version. What a dry run's preview no longer holds for once it is past.
 */
export async function commitsSince(
  db: Db,
  params: { fileName: string; since: string },
): Promise<{ id: string; fileHash: string; status: ImportRunStatus; startedAt: string }[]> {
  const rows = await db
    .select({
      id: importRuns.id,
      fileHash: importRuns.fileHash,
      status: importRuns.status,
      startedAt: importRuns.startedAt,
    })
    .from(importRuns)
    .where(
      and(
        eq(importRuns.dryRun, false),
        eq(importRuns.fileName, params.fileName),
        gt(importRuns.startedAt, params.since),
      ),
    )
    .orderBy(importRuns.startedAt);
  return rows.map((row) => ({ ...row, status: row.status as ImportRunStatus }));
}

/** What an interrupted run says, on the import page and in `import.runs`. */
export const INTERRUPTED_RUN_ERROR =
  'Interrupted: the process running this import stopped before it finished. Nothing of it was written; import the file again.';

/**
 * Marks as failed the import runs left "running" by a process that stopped mid-import (a crash, a kill,
 * a restart), so that the import page does not show them running for ever. Nothing of such a run was
 * written: an import is one transaction. A run counts as interrupted once it has been running longer
 * than `olderThanMs`: another API process may still be importing a younger one. A server alone with its
 * database (PGlite) passes 0 as it starts, when no import can be running. Returns how many were marked.
 */
export async function failInterruptedRuns(db: Db, olderThanMs: number): Promise<number> {
  const marked = await db
    .update(importRuns)
    .set({ status: 'failed', finishedAt: sql`now()`, error: INTERRUPTED_RUN_ERROR })
    .where(
      and(
        eq(importRuns.status, 'running'),
        lt(importRuns.startedAt, sql`now() - make_interval(secs => ${olderThanMs / 1000})`),
      ),
    )
    .returning({ id: importRuns.id });
  return marked.length;
}
