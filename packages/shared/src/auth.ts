import { z } from 'zod';

/** viewer reads; editor also writes records; admin also manages users and exchange rates. */
export const ROLES = ['viewer', 'editor', 'admin'] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

const RANK: Record<Role, number> = { viewer: 0, editor: 1, admin: 2 };

/** Whether `role` may do what `needed` may. */
export const hasRole = (role: Role | null | undefined, needed: Role): boolean =>
  role != null && RANK[role] >= RANK[needed];
