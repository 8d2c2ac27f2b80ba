import { countryBrief } from '@srt/db/queries/brief';
import { FOCUS_COUNTRIES } from '@srt/shared/codes';
import { projectFilterSchema } from '@srt/shared/filter';
import { z } from 'zod';
import { publicProcedure, router } from '../trpc.ts';

/**
 * A country brief's input: one of the four countries (the page's path) and the shared filter of the URL;
 * the filter's own `countries` are replaced by `country`.
 */
export const countryBriefInputSchema = z.object({
  country: z.enum(FOCUS_COUNTRIES),
  filter: projectFilterSchema.prefault({}),
});

export const briefRouter = router({
  /** Sources and "as of" dates of a country brief (figures: stats.summary, regions: map.summary, events: event.list). */
  country: publicProcedure
    .input(countryBriefInputSchema)
    .query(({ ctx, input }) => countryBrief(ctx.db, input)),
});
