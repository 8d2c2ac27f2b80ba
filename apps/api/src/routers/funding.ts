import { listFunding } from '@srt/db/queries/funding';
import { fundingListInputSchema } from '@srt/shared/funding';
import { publicProcedure, router } from '../trpc.ts';

export const fundingRouter = router({
  list: publicProcedure
    .input(fundingListInputSchema.prefault({}))
    .query(({ ctx, input }) => listFunding(ctx.db, input)),
});
