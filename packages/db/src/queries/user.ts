import type { Role } from '@srt/shared/auth';
import type { UserListItem } from '@srt/shared/user';
import { and, asc, eq, inArray, max, sql } from 'drizzle-orm';
import { writeAudit } from '../audit.ts';
import { accounts, sessions, users } from '../auth-schema.ts';
import type { Db } from '../client.ts';

/** What the audit log keeps of a user: never the password or a session. */
type UserSnapshot = { email: string; name: string; role: Role; disabled: boolean };

const snapshot = (row: { email: string; name: string; role: string; banned: boolean }): UserSnapshot => ({
  email: row.email,
  name: row.name,
  role: row.role as Role,
  disabled: row.banned,
});

const iso = (value: Date | string | null) =>
  value === null ? null : (value instanceof Date ? value : new Date(value)).toISOString();

/** Every account, oldest first, with the latest activity of its current sessions. */
export async function listUsers(db: Db): Promise<UserListItem[]> {
  const rows = await db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      banned: users.banned,
      createdAt: users.createdAt,
      lastSeen: max(sessions.updatedAt),
    })
    .from(users)
    .leftJoin(sessions, eq(sessions.userId, users.id))
    .groupBy(users.id)
    .orderBy(asc(users.createdAt), asc(users.email));
  return rows.map((row) => ({
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role as Role,
    disabled: row.banned,
    createdAt: iso(row.createdAt) ?? '',
    lastSeen: iso(row.lastSeen),
  }));
}

/** Which of these emails have an account. */
export async function existingEmails(db: Db, emails: readonly string[]): Promise<Set<string>> {
  if (emails.length === 0) return new Set();
  const rows = await db
    .select({ email: users.email })
    .from(users)
    .where(inArray(users.email, [...emails]));
  return new Set(rows.map((r) => r.email));
}

export type NewUserRow = {
  id: string;
  /** The credential account's id. */
  accountId: string;
  email: string;
  name: string;
  role: Role;
  /** Already hashed (better-auth's hasher). */
  passwordHash: string;
};

/**
 * A user with an email + password sign-in, as better-auth's own `createUser` lays it out (provider
 * `credential`, account id = user id), and its audit entry, in one transaction.
 */
export async function insertUserWithPassword(
  db: Db,
  row: NewUserRow,
  actor: string,
): Promise<{ ok: true } | { ok: false; reason: 'exists' }> {
  try {
    return await db.transaction(async (tx) => {
      const [existing] = await tx.select({ id: users.id }).from(users).where(eq(users.email, row.email));
      if (existing) return { ok: false as const, reason: 'exists' as const };
      const [user] = await tx
        .insert(users)
        .values({ id: row.id, email: row.email, name: row.name, role: row.role, emailVerified: false })
        .returning();
      if (!user) throw new Error('user insert returned nothing');
      await tx.insert(accounts).values({
        id: row.accountId,
        accountId: row.id,
        providerId: 'credential',
        userId: row.id,
        password: row.passwordHash,
      });
      await writeAudit(tx, {
        actor,
        entity: 'user',
        entityId: row.id,
        action: 'create',
        after: snapshot(user),
      });
      return { ok: true as const };
    });
  } catch (error) {
    // Two creations of the same email at once: the unique index decides.
    if ((error as { code?: string; cause?: { code?: string } }).code === '23505')
      return { ok: false, reason: 'exists' };
    if ((error as { cause?: { code?: string } }).cause?.code === '23505')
      return { ok: false, reason: 'exists' };
    throw error;
  }
}

export type UserChangeRefusal = 'not-found' | 'self' | 'last-admin';

/**
 * Changes one user's role or disabled flag, with its audit entry, in one transaction. Refused: a user
 * that does not exist, an admin changing their own role or disabling themselves, and any change that
 * would leave no enabled admin. The enabled admins are locked first, so two admins demoting each other
 * at the same moment cannot both succeed.
 */
export async function changeUser(
  db: Db,
  change: { actor: string; userId: string } & ({ role: Role } | { disabled: boolean }),
): Promise<{ ok: true; changed: boolean } | { ok: false; reason: UserChangeRefusal }> {
  return db.transaction(async (tx) => {
    const admins = await tx
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.role, 'admin'), eq(users.banned, false)))
      .orderBy(asc(users.id))
      .for('update');
    const [current] = await tx.select().from(users).where(eq(users.id, change.userId)).for('update');
    if (!current) return { ok: false as const, reason: 'not-found' as const };
    if (change.userId === change.actor) return { ok: false as const, reason: 'self' as const };

    const before = snapshot(current);
    const after: UserSnapshot =
      'role' in change ? { ...before, role: change.role } : { ...before, disabled: change.disabled };
    if (after.role === before.role && after.disabled === before.disabled)
      return { ok: true as const, changed: false };

    const wasActiveAdmin = before.role === 'admin' && !before.disabled;
    const staysActiveAdmin = after.role === 'admin' && !after.disabled;
    if (wasActiveAdmin && !staysActiveAdmin && admins.filter((a) => a.id !== change.userId).length === 0)
      return { ok: false as const, reason: 'last-admin' as const };

    await tx
      .update(users)
      .set({
        role: after.role,
        banned: after.disabled,
        banReason: after.disabled ? 'Disabled by an admin' : null,
        banExpires: null,
        updatedAt: sql`now()`,
      })
      .where(eq(users.id, change.userId));
    // A disabled account's sessions end now, not when they would expire.
    if (after.disabled) await tx.delete(sessions).where(eq(sessions.userId, change.userId));
    await writeAudit(tx, {
      actor: change.actor,
      entity: 'user',
      entityId: change.userId,
      action: 'update',
      before,
      after,
    });
    return { ok: true as const, changed: true };
  });
}
