import { statsSummary } from '@srt/db/queries/stats';
import { projectFilterSchema } from '@srt/shared/filter';
import { publicProcedure, router } from '../trpc.ts';

export const statsRouter = router({
  /** Input: the shared project filter itself, as `project.list` takes it in `filter`. */
  summary: publicProcedure
    .input(projectFilterSchema.prefault({}))
    .query(({ ctx, input }) => statsSummary(ctx.db, input)),
});
