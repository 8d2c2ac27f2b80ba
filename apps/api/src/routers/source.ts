import { listSources } from '@srt/db/queries/source';
import { sourceListInputSchema } from '@srt/shared/source';
import { publicProcedure, router } from '../trpc.ts';

export const sourceRouter = router({
  list: publicProcedure
    .input(sourceListInputSchema.prefault({}))
    .query(({ ctx, input }) => listSources(ctx.db, input)),
});
