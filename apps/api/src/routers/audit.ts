import { recentChanges, recordHistory } from '@srt/db/queries/audit';
import { auditChangesInputSchema, auditHistoryInputSchema } from '@srt/shared/audit';
import { hasRole } from '@srt/shared/auth';
import { TRPCError } from '@trpc/server';
import { publicProcedure, router } from '../trpc.ts';

/** The audit trail, read: anyone may read it when the data is public (`PUBLIC_READ`). */
export const auditRouter = router({
  /**
   * Every change of one record, newest first, each with its field-by-field diff. An account's history
   * holds its e-mail address: admins only.
   */
  history: publicProcedure.input(auditHistoryInputSchema).query(({ ctx, input }) => {
    if (input.entity === 'user' && !hasRole(ctx.user?.role, 'admin'))
      throw new TRPCError({ code: 'FORBIDDEN', message: 'The history of an account needs the admin role' });
    return recordHistory(ctx.db, input);
  }),
  /**
   * The feed of recent changes across the database (which fields changed, not their values). Changes of
   * staff accounts (entity `user`) are listed to admins only.
   */
  changes: publicProcedure
    .input(auditChangesInputSchema.prefault({}))
    .query(({ ctx, input }) =>
      recentChanges(ctx.db, input, { includeUsers: hasRole(ctx.user?.role, 'admin') }),
    ),
});
