import { z } from 'zod';
import { roleSchema } from './auth.ts';

/** Passwords shorter than this are refused, wherever one is set. */
export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 256;

/** better-auth's user ids: opaque strings (not uuids). */
export const userIdSchema = z.string().trim().min(1, 'Required').max(100);

/** `user.setRole` (admin). */
export const setRoleInputSchema = z.object({ userId: userIdSchema, role: roleSchema });
export type SetRoleInput = z.input<typeof setRoleInputSchema>;

/** `user.setDisabled` (admin): a disabled user cannot sign in, and their sessions end at once. */
export const setDisabledInputSchema = z.object({ userId: userIdSchema, disabled: z.boolean() });
export type SetDisabledInput = z.input<typeof setDisabledInputSchema>;

/** A new account (`pnpm user:create`; an admin form later). The email is kept lower-case. */
export const newAccountSchema = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email('Expected an email address').max(254)),
  name: z.string().trim().min(1, 'Required').max(200),
  role: roleSchema,
  password: z
    .string()
    .min(MIN_PASSWORD_LENGTH, `At least ${MIN_PASSWORD_LENGTH} characters`)
    .max(MAX_PASSWORD_LENGTH, `At most ${MAX_PASSWORD_LENGTH} characters`),
});
export type NewAccount = z.input<typeof newAccountSchema>;

/** A row of `user.list`. Dates are ISO strings. */
export type UserListItem = {
  id: string;
  email: string;
  name: string;
  role: z.infer<typeof roleSchema>;
  disabled: boolean;
  createdAt: string;
  /** The latest activity of a current session (refreshed about daily); null: none. */
  lastSeen: string | null;
};
