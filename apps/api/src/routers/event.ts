import { createEvent, deleteEvent, eventForEdit, restoreEvent, updateEvent } from '@srt/db/mutations/event';
import { eventById, listEvents } from '@srt/db/queries/event';
import { byIdInputSchema } from '@srt/shared/common';
import { eventListInputSchema, eventValuesSchema } from '@srt/shared/event';
import { updateInputSchema, versionedIdSchema } from '@srt/shared/write';
import { editorProcedure, found, publicProcedure, router } from '../trpc.ts';

export const eventRouter = router({
  list: publicProcedure
    .input(eventListInputSchema.prefault({}))
    .query(({ ctx, input }) => listEvents(ctx.db, input)),
  byId: publicProcedure
    .input(byIdInputSchema)
    .query(async ({ ctx, input }) => found(await eventById(ctx.db, input.id), 'event', input.id)),
  /** The event as its form shows it, deleted or not (editors). */
  forEdit: editorProcedure
    .input(byIdInputSchema)
    .query(async ({ ctx, input }) => found(await eventForEdit(ctx.db, input.id), 'event', input.id)),
  create: editorProcedure
    .input(eventValuesSchema)
    .mutation(({ ctx, input }) => createEvent(ctx.db, ctx.user.id, input)),
  update: editorProcedure
    .input(updateInputSchema(eventValuesSchema))
    .mutation(async ({ ctx, input }) =>
      found(await updateEvent(ctx.db, ctx.user.id, input), 'event', input.id),
    ),
  delete: editorProcedure
    .input(versionedIdSchema)
    .mutation(async ({ ctx, input }) =>
      found(await deleteEvent(ctx.db, ctx.user.id, input), 'event', input.id),
    ),
  restore: editorProcedure
    .input(versionedIdSchema)
    .mutation(async ({ ctx, input }) =>
      found(await restoreEvent(ctx.db, ctx.user.id, input), 'event', input.id),
    ),
});
