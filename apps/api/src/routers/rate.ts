import { convertToUsd, listRates, missingRates, upsertRate } from '@srt/db/queries/rate';
import { rateConvertInputSchema, rateListInputSchema, rateUpsertInputSchema } from '@srt/shared/rate';
import { adminProcedure, publicProcedure, router } from '../trpc.ts';

/** The annual exchange-rate table every USD conversion reads. */
export const rateRouter = router({
  list: publicProcedure
    .input(rateListInputSchema.prefault({}))
    .query(({ ctx, input }) => listRates(ctx.db, input)),
  /** Currency-years that dated funding rows use and the table lacks: their amounts have no USD value. */
  missing: publicProcedure.query(({ ctx }) => missingRates(ctx.db)),
  /** The USD value of an amount at its value date's annual rate; nulls when there is no rate. */
  convert: publicProcedure
    .input(rateConvertInputSchema)
    .query(({ ctx, input }) => convertToUsd(ctx.db, input)),
  /**
   * Adds or changes a rate (admins; the source is required), audited, and re-computes the USD value of
   * the funding rows it converts in the same transaction (`fundingUpdated` says how many changed).
   */
  upsert: adminProcedure
    .input(rateUpsertInputSchema)
    .mutation(({ ctx, input }) => upsertRate(ctx.db, input, ctx.user.id)),
});
