import {
  createFunding,
  deleteFunding,
  fundingForEdit,
  restoreFunding,
  updateFunding,
} from '@srt/db/mutations/funding';
import { listFunding } from '@srt/db/queries/funding';
import { byIdInputSchema } from '@srt/shared/common';
import { fundingListInputSchema, fundingValuesSchema } from '@srt/shared/funding';
import { updateInputSchema, versionedIdSchema } from '@srt/shared/write';
import { editorProcedure, found, publicProcedure, router } from '../trpc.ts';

export const fundingRouter = router({
  list: publicProcedure
    .input(fundingListInputSchema.prefault({}))
    .query(({ ctx, input }) => listFunding(ctx.db, input)),
  /** The funding row as its form shows it, deleted or not (editors). */
  forEdit: editorProcedure
    .input(byIdInputSchema)
    .query(async ({ ctx, input }) => found(await fundingForEdit(ctx.db, input.id), 'funding', input.id)),
  create: editorProcedure
    .input(fundingValuesSchema)
    .mutation(({ ctx, input }) => createFunding(ctx.db, ctx.user.id, input)),
  update: editorProcedure
    .input(updateInputSchema(fundingValuesSchema))
    .mutation(async ({ ctx, input }) =>
      found(await updateFunding(ctx.db, ctx.user.id, input), 'funding', input.id),
    ),
  delete: editorProcedure
    .input(versionedIdSchema)
    .mutation(async ({ ctx, input }) =>
      found(await deleteFunding(ctx.db, ctx.user.id, input), 'funding', input.id),
    ),
  restore: editorProcedure
    .input(versionedIdSchema)
    .mutation(async ({ ctx, input }) =>
      found(await restoreFunding(ctx.db, ctx.user.id, input), 'funding', input.id),
    ),
});
