import { eventById, listEvents } from '@srt/db/queries/event';
import { byIdInputSchema } from '@srt/shared/common';
import { eventListInputSchema } from '@srt/shared/event';
import { found, publicProcedure, router } from '../trpc.ts';

export const eventRouter = router({
  list: publicProcedure
    .input(eventListInputSchema.prefault({}))
    .query(({ ctx, input }) => listEvents(ctx.db, input)),
  byId: publicProcedure
    .input(byIdInputSchema)
    .query(async ({ ctx, input }) => found(await eventById(ctx.db, input.id), 'event', input.id)),
});
