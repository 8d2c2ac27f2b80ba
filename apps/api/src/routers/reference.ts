import { referenceCodes } from '@srt/db/queries/reference';
import { publicProcedure, router } from '../trpc.ts';

export const referenceRouter = router({
  codes: publicProcedure.query(({ ctx }) => referenceCodes(ctx.db)),
});
