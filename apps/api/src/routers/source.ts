import {
  createSource,
  deleteSource,
  restoreSource,
  sourceForEdit,
  updateSource,
} from '@srt/db/mutations/source';
import { linkSource, unlinkSource } from '@srt/db/mutations/source-link';
import { listSources } from '@srt/db/queries/source';
import { byIdInputSchema } from '@srt/shared/common';
import {
  sourceLinkInputSchema,
  sourceListInputSchema,
  sourceUnlinkInputSchema,
  sourceValuesSchema,
} from '@srt/shared/source';
import { updateInputSchema, versionedIdSchema } from '@srt/shared/write';
import { editorProcedure, found, publicProcedure, router } from '../trpc.ts';

export const sourceRouter = router({
  list: publicProcedure
    .input(sourceListInputSchema.prefault({}))
    .query(({ ctx, input }) => listSources(ctx.db, input)),
  /** The source as its form shows it, deleted or not (editors). */
  forEdit: editorProcedure
    .input(byIdInputSchema)
    .query(async ({ ctx, input }) => found(await sourceForEdit(ctx.db, input.id), 'source', input.id)),
  create: editorProcedure
    .input(sourceValuesSchema)
    .mutation(({ ctx, input }) => createSource(ctx.db, ctx.user.id, input)),
  update: editorProcedure
    .input(updateInputSchema(sourceValuesSchema))
    .mutation(async ({ ctx, input }) =>
      found(await updateSource(ctx.db, ctx.user.id, input), 'source', input.id),
    ),
  delete: editorProcedure
    .input(versionedIdSchema)
    .mutation(async ({ ctx, input }) =>
      found(await deleteSource(ctx.db, ctx.user.id, input), 'source', input.id),
    ),
  restore: editorProcedure
    .input(versionedIdSchema)
    .mutation(async ({ ctx, input }) =>
      found(await restoreSource(ctx.db, ctx.user.id, input), 'source', input.id),
    ),
  /** Cite the source on a project, event or funding row (again: change the quote); → the record's new version. */
  link: editorProcedure
    .input(sourceLinkInputSchema)
    .mutation(({ ctx, input }) => linkSource(ctx.db, ctx.user.id, input)),
  /** Stop citing the source on the record (it must keep at least one). */
  unlink: editorProcedure
    .input(sourceUnlinkInputSchema)
    .mutation(({ ctx, input }) => unlinkSource(ctx.db, ctx.user.id, input)),
});
