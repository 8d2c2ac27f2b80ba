import { mapPanel, mapPin, mapPoints, mapSummary } from '@srt/db/queries/map';
import { projectFilterSchema } from '@srt/shared/filter';
import { mapPanelInputSchema, mapPinInputSchema } from '@srt/shared/map';
import { publicProcedure, router } from '../trpc.ts';

/** The officials' map. Every procedure takes the shared project filter, so /map shows what /projects lists. */
export const mapRouter = router({
  /** Per country (exactly `stats.summary` of the filter with that country) and per admin-1 region. */
  summary: publicProcedure
    .input(projectFilterSchema.prefault({}))
    .query(({ ctx, input }) => mapSummary(ctx.db, input)),
  /** The drawable exact/near points, compact and without ids, for clustering in the browser. */
  points: publicProcedure
    .input(projectFilterSchema.prefault({}))
    .query(({ ctx, input }) => mapPoints(ctx.db, input)),
  /** The projects at one point of `points` (a pin's popup). */
  pin: publicProcedure.input(mapPinInputSchema).query(({ ctx, input }) => mapPin(ctx.db, input)),
  /** The side panel of a country or one of its regions. */
  panel: publicProcedure.input(mapPanelInputSchema).query(({ ctx, input }) => mapPanel(ctx.db, input)),
});
