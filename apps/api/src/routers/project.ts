import { projectFacets } from '@srt/db/queries/facets';
import { listProjects, projectById, projectNeighbors } from '@srt/db/queries/project';
import { byIdInputSchema, idSchema } from '@srt/shared/common';
import { projectFilterSchema } from '@srt/shared/filter';
import { projectListInputSchema } from '@srt/shared/project';
import { found, publicProcedure, router } from '../trpc.ts';

/** A project's place in the list a filter and sort give (the list's own input, without paging). */
const neighborsInputSchema = projectListInputSchema
  .pick({ filter: true, sort: true, direction: true })
  .extend({ id: idSchema });

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
  /** Previous and next project around one, and its position, within the filtered, sorted list. */
  neighbors: publicProcedure
    .input(neighborsInputSchema)
    .query(({ ctx, input }) => projectNeighbors(ctx.db, input)),
});
