import { projectFacets } from '@srt/db/queries/facets';
import { listProjects, projectById } from '@srt/db/queries/project';
import { byIdInputSchema } from '@srt/shared/common';
import { projectFilterSchema } from '@srt/shared/filter';
import { projectListInputSchema } from '@srt/shared/project';
import { found, publicProcedure, router } from '../trpc.ts';

export const projectRouter = router({
  list: publicProcedure
    .input(projectListInputSchema.prefault({}))
    .query(({ ctx, input }) => listProjects(ctx.db, input)),
  /** Counts per country, initiative (and basis), sector, status and funder for the filter panel. */
  facets: publicProcedure
    .input(projectFilterSchema.prefault({}))
    .query(({ ctx, input }) => projectFacets(ctx.db, input)),
  byId: publicProcedure
    .input(byIdInputSchema)
    .query(async ({ ctx, input }) => found(await projectById(ctx.db, input.id), 'project', input.id)),
});
