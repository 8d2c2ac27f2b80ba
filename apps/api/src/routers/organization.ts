import { listOrganizations } from '@srt/db/queries/organization';
import { organizationListInputSchema } from '@srt/shared/organization';
import { publicProcedure, router } from '../trpc.ts';

export const organizationRouter = router({
  list: publicProcedure
    .input(organizationListInputSchema.prefault({}))
    .query(({ ctx, input }) => listOrganizations(ctx.db, input)),
});
