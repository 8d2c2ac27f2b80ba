import {
  createOrganization,
  deleteOrganization,
  organizationForEdit,
  restoreOrganization,
  updateOrganization,
} from '@srt/db/mutations/organization';
import { listOrganizations } from '@srt/db/queries/organization';
import { byIdInputSchema } from '@srt/shared/common';
import { organizationListInputSchema, organizationValuesSchema } from '@srt/shared/organization';
import { updateInputSchema, versionedIdSchema } from '@srt/shared/write';
import { editorProcedure, found, publicProcedure, router } from '../trpc.ts';

export const organizationRouter = router({
  list: publicProcedure
    .input(organizationListInputSchema.prefault({}))
    .query(({ ctx, input }) => listOrganizations(ctx.db, input)),
  /** The organization as its form shows it, deleted or not (editors). */
  forEdit: editorProcedure
    .input(byIdInputSchema)
    .query(async ({ ctx, input }) =>
      found(await organizationForEdit(ctx.db, input.id), 'organization', input.id),
    ),
  create: editorProcedure
    .input(organizationValuesSchema)
    .mutation(({ ctx, input }) => createOrganization(ctx.db, ctx.user.id, input)),
  update: editorProcedure
    .input(updateInputSchema(organizationValuesSchema))
    .mutation(async ({ ctx, input }) =>
      found(await updateOrganization(ctx.db, ctx.user.id, input), 'organization', input.id),
    ),
  delete: editorProcedure
    .input(versionedIdSchema)
    .mutation(async ({ ctx, input }) =>
      found(await deleteOrganization(ctx.db, ctx.user.id, input), 'organization', input.id),
    ),
  restore: editorProcedure
    .input(versionedIdSchema)
    .mutation(async ({ ctx, input }) =>
      found(await restoreOrganization(ctx.db, ctx.user.id, input), 'organization', input.id),
    ),
});
