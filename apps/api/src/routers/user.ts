import { changeUser, listUsers, type UserChangeRefusal } from '@srt/db/queries/user';
import { setDisabledInputSchema, setRoleInputSchema } from '@srt/shared/user';
import { TRPCError } from '@trpc/server';
import { adminProcedure, openProcedure, router } from '../trpc.ts';

const REFUSED = {
  'not-found': { code: 'NOT_FOUND', message: 'No such user' },
  self: { code: 'FORBIDDEN', message: 'You cannot change your own role or disable yourself' },
  'last-admin': { code: 'BAD_REQUEST', message: 'This is the last admin: make someone else an admin first' },
} as const satisfies Record<UserChangeRefusal, ConstructorParameters<typeof TRPCError>[0]>;

function applied(result: Awaited<ReturnType<typeof changeUser>>): { changed: boolean } {
  if (!result.ok) throw new TRPCError(REFUSED[result.reason]);
  return { changed: result.changed };
}

/** Accounts: who is signed in, and (admins) the users, their roles, disabling. Every change is audited. */
export const userRouter = router({
  /** The signed-in user, or null. */
  me: openProcedure.query(({ ctx }) => ctx.user),
  list: adminProcedure.query(({ ctx }) => listUsers(ctx.db)),
  setRole: adminProcedure
    .input(setRoleInputSchema)
    .mutation(async ({ ctx, input }) =>
      applied(await changeUser(ctx.db, { actor: ctx.user.id, userId: input.userId, role: input.role })),
    ),
  setDisabled: adminProcedure
    .input(setDisabledInputSchema)
    .mutation(async ({ ctx, input }) =>
      applied(
        await changeUser(ctx.db, { actor: ctx.user.id, userId: input.userId, disabled: input.disabled }),
      ),
    ),
});
