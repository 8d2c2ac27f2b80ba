import { importRunById, listImportRuns } from '@srt/db/queries/import-runs';
import { importCommitSchema, importRunIdSchema, importRunsSchema } from '@srt/shared/import';
import { TRPCError } from '@trpc/server';
import type { Context } from '../context.ts';
import type { ImportService } from '../import/service.ts';
import { editorProcedure, found, router } from '../trpc.ts';

/**
 * Imports from the web page (editors). The upload and its dry run are `POST /api/import`; here: commit a
 * dry run's file, follow a run, list past runs, and the upload limit.
 */

function importsOf(ctx: Context): ImportService {
  if (!ctx.imports) {
    throw new TRPCError({ code: 'INTERNAL_SERVER_ERROR', message: 'Imports are not set up on this server' });
  }
  return ctx.imports;
}

export const importerRouter = router({
  /** What an upload may weigh (per file), so the page can say so before sending it. */
  limits: editorProcedure.query(({ ctx }) => ({ maxBytes: importsOf(ctx).maxBytes })),

  /** Past runs, newest first: dry runs and commits, who ran them, the file, the counts, the outcome. */
  runs: editorProcedure.input(importRunsSchema).query(async ({ ctx, input }) => {
    const page = await listImportRuns(ctx.db, { cursor: input.cursor, limit: input.limit });
    return { items: page.rows, nextCursor: page.nextCursor };
  }),

  /**
   * One run with its report; for a dry run also whether it can still be committed and how its commit is
   * going (poll this while `commit.status` is `running`).
   */
  run: editorProcedure.input(importRunIdSchema).query(async ({ ctx, input }) => {
    const imports = importsOf(ctx);
    const run = found(await importRunById(ctx.db, input.id), 'import run', input.id);
    const commit = await imports.commitState(run);
    const committable = commit === null && (await imports.canCommit(run));
    return { ...run, commit, committable };
  }),

  /** Imports the file a dry run read, in the background: follow it with `run({ id: runId })`. */
  commit: editorProcedure.input(importCommitSchema).mutation(async ({ ctx, input }) => {
    const result = await importsOf(ctx).commit(input.runId, ctx.user.id);
    if (!result.ok) {
      const code = result.code === 'UNPROCESSABLE_CONTENT' ? 'BAD_REQUEST' : result.code;
      throw new TRPCError({ code, message: result.message });
    }
    return { runId: input.runId, commit: result.state };
  }),
});
