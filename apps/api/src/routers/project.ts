import {
  createProject,
  deleteProject,
  projectForEdit,
  restoreProject,
  updateProject,
} from '@srt/db/mutations/project';
import { projectFacets } from '@srt/db/queries/facets';
import { listProjects, projectById, projectNeighbors } from '@srt/db/queries/project';
import { byIdInputSchema, idSchema } from '@srt/shared/common';
import { projectFilterSchema } from '@srt/shared/filter';
import { projectListInputSchema, projectValuesSchema } from '@srt/shared/project';
import { updateInputSchema, versionedIdSchema } from '@srt/shared/write';
import { editorProcedure, found, publicProcedure, router } from '../trpc.ts';

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
  /** The project as its form shows it, deleted or not (editors). */
  forEdit: editorProcedure
    .input(byIdInputSchema)
    .query(async ({ ctx, input }) => found(await projectForEdit(ctx.db, input.id), 'project', input.id)),
  create: editorProcedure
    .input(projectValuesSchema)
    .mutation(({ ctx, input }) => createProject(ctx.db, ctx.user.id, input)),
  update: editorProcedure
    .input(updateInputSchema(projectValuesSchema))
    .mutation(async ({ ctx, input }) =>
      found(await updateProject(ctx.db, ctx.user.id, input), 'project', input.id),
    ),
  delete: editorProcedure
    .input(versionedIdSchema)
    .mutation(async ({ ctx, input }) =>
      found(await deleteProject(ctx.db, ctx.user.id, input), 'project', input.id),
    ),
  restore: editorProcedure
    .input(versionedIdSchema)
    .mutation(async ({ ctx, input }) =>
      found(await restoreProject(ctx.db, ctx.user.id, input), 'project', input.id),
    ),
});
