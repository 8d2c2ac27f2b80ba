import { recentChanges, recordHistory } from '@srt/db/queries/audit';
import { auditChangesInputSchema, auditHistoryInputSchema } from '@srt/shared/audit';
import { publicProcedure, router } from '../trpc.ts';

/** The audit trail, read: anyone may read it when the data is public (`PUBLIC_READ`). */
export const auditRouter = router({
  /** Every change of one record, newest first, each with its field-by-field diff. */
  history: publicProcedure
    .input(auditHistoryInputSchema)
    .query(({ ctx, input }) => recordHistory(ctx.db, input)),
  /** The feed of recent changes across the database. */
  changes: publicProcedure
    .input(auditChangesInputSchema.prefault({}))
    .query(({ ctx, input }) => recentChanges(ctx.db, input)),
});
