import type { Database } from '@srt/db/client';
import { createTestDatabase } from '@srt/db/testing';
import type { Role } from '@srt/shared/auth';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../auth/accounts.ts';
import { type Auth, createAuth } from '../auth/auth.ts';
import { createContext, type User } from '../context.ts';
import { appRouter } from '../router.ts';
import { expectBadRequest } from '../test/harness.ts';

let database: Database;
let auth: Auth;
let made = 0;

beforeAll(async () => {
  database = await createTestDatabase();
  auth = createAuth({
    db: database.db,
    secret: 'x'.repeat(40),
    signInLimit: 10,
    logger: pino({ level: 'silent' }),
  });
});
afterAll(async () => {
  await database.close();
});

const account = (role: Role): Promise<User> => {
  made += 1;
  return createAccount(
    auth,
    database.db,
    { email: `${role}${made}@example.org`, name: `${role} ${made}`, role, password: 'long enough password' },
    'test',
  );
};
const callerFor = (user: User | null, publicRead = true) =>
  appRouter.createCaller(createContext({ db: database.db, user, publicRead }));

const userAudit = (id: string) =>
  database.db.query.auditEntries.findMany({
    where: (a, { and, eq }) => and(eq(a.entity, 'user'), eq(a.entityId, id)),
    orderBy: (a, { asc }) => [asc(a.id)],
  });

describe('the last admin', () => {
  it('cannot be removed: with two admins demoting each other at once, exactly one succeeds', async () => {
    // First in the file: these two are the only admins.
    {
      const own = database;
      const ownAuth = auth;
      const make = (email: string) =>
        createAccount(
          ownAuth,
          own.db,
          { email, name: email, role: 'admin', password: 'long enough password' },
          'test',
        );
      const a = await make('a@example.org');
      const b = await make('b@example.org');
      const caller = (user: User) => appRouter.createCaller(createContext({ db: own.db, user }));

      const results = await Promise.allSettled([
        caller(a).user.setRole({ userId: b.id, role: 'viewer' }),
        caller(b).user.setRole({ userId: a.id, role: 'viewer' }),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const refused = results.find((r) => r.status === 'rejected');
      expect(refused?.status === 'rejected' && refused.reason).toMatchObject({
        code: 'BAD_REQUEST',
        message: expect.stringMatching(/last admin/),
      });

      const admins = (await own.db.query.users.findMany()).filter((u) => u.role === 'admin' && !u.banned);
      expect(admins).toHaveLength(1);
      const survivor = admins[0]?.id === a.id ? a : b;
      const demoted = survivor === a ? b : a;
      // The demoted one, still holding an admin context from before (a request in flight), is refused too,
      // and neither can the last admin be disabled.
      await expect(
        caller(demoted).user.setDisabled({ userId: survivor.id, disabled: true }),
      ).rejects.toMatchObject({
        code: 'BAD_REQUEST',
      });
      const auditUpdates = await own.db.query.auditEntries.findMany({
        where: (e, { and, eq }) => and(eq(e.entity, 'user'), eq(e.action, 'update')),
      });
      expect(auditUpdates).toHaveLength(1);
    }
  });
});

describe('user.me', () => {
  it('answers the signed-in user, or null — also when PUBLIC_READ is off', async () => {
    const viewer = await account('viewer');
    expect(await callerFor(viewer).user.me()).toEqual(viewer);
    expect(await callerFor(null).user.me()).toBeNull();
    expect(await callerFor(null, false).user.me()).toBeNull();
  });
});

describe('user.list', () => {
  it('is for admins only', async () => {
    await expect(callerFor(null).user.list()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    for (const role of ['viewer', 'editor'] as const)
      await expect(callerFor(await account(role)).user.list()).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('lists every account with role, disabled flag, creation time and last activity — never a password', async () => {
    const admin = await account('admin');
    const editor = await account('editor');
    const rows = await callerFor(admin).user.list();
    const row = rows.find((r) => r.id === editor.id);
    expect(row).toEqual({
      id: editor.id,
      email: editor.email,
      name: editor.name,
      role: 'editor',
      disabled: false,
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      lastSeen: null,
    });
    expect(JSON.stringify(rows)).not.toMatch(/password|scrypt|hash/i);
  });

  it('stores emails lower-case, and the creation is audited without the password', async () => {
    const admin = await account('admin');
    const created = await createAccount(
      auth,
      database.db,
      { email: '  Mixed.Case@Example.ORG ', name: 'Mixed', role: 'viewer', password: 'long enough password' },
      'cli',
    );
    expect(created.email).toBe('mixed.case@example.org');
    expect((await callerFor(admin).user.list()).some((r) => r.email === 'mixed.case@example.org')).toBe(true);
    const [entry] = await userAudit(created.id);
    expect(entry).toMatchObject({ actor: 'cli', action: 'create', before: null });
    expect(entry?.after).toEqual({
      email: 'mixed.case@example.org',
      name: 'Mixed',
      role: 'viewer',
      disabled: false,
    });
  });
});

describe('user.setRole and user.setDisabled', () => {
  it('an admin changes a role; the change and its audit entry are written together', async () => {
    const admin = await account('admin');
    const viewer = await account('viewer');
    expect(await callerFor(admin).user.setRole({ userId: viewer.id, role: 'editor' })).toEqual({
      changed: true,
    });
    const rows = await callerFor(admin).user.list();
    expect(rows.find((r) => r.id === viewer.id)?.role).toBe('editor');

    const entries = await userAudit(viewer.id);
    expect(entries.at(-1)).toMatchObject({
      actor: admin.id,
      action: 'update',
      before: { email: viewer.email, name: viewer.name, role: 'viewer', disabled: false },
      after: { email: viewer.email, name: viewer.name, role: 'editor', disabled: false },
    });

    // The same role again changes nothing and writes no entry.
    expect(await callerFor(admin).user.setRole({ userId: viewer.id, role: 'editor' })).toEqual({
      changed: false,
    });
    expect(await userAudit(viewer.id)).toHaveLength(entries.length);
  });

  it('disabling and enabling are audited too', async () => {
    const admin = await account('admin');
    const editor = await account('editor');
    await callerFor(admin).user.setDisabled({ userId: editor.id, disabled: true });
    expect((await callerFor(admin).user.list()).find((r) => r.id === editor.id)?.disabled).toBe(true);
    await callerFor(admin).user.setDisabled({ userId: editor.id, disabled: false });
    const entries = await userAudit(editor.id);
    expect(entries.slice(-2).map((e) => [e.before, e.after])).toEqual([
      [expect.objectContaining({ disabled: false }), expect.objectContaining({ disabled: true })],
      [expect.objectContaining({ disabled: true }), expect.objectContaining({ disabled: false })],
    ]);
  });

  it('only admins may change users', async () => {
    const target = await account('viewer');
    await expect(callerFor(null).user.setRole({ userId: target.id, role: 'admin' })).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
    });
    for (const role of ['viewer', 'editor'] as const) {
      const caller = callerFor(await account(role));
      await expect(caller.user.setRole({ userId: target.id, role: 'admin' })).rejects.toMatchObject({
        code: 'FORBIDDEN',
      });
      await expect(caller.user.setDisabled({ userId: target.id, disabled: true })).rejects.toMatchObject({
        code: 'FORBIDDEN',
      });
    }
    expect(await userAudit(target.id)).toHaveLength(1); // its creation only
  });

  it('an admin cannot demote or disable themselves', async () => {
    const admin = await account('admin');
    await account('admin'); // not the last admin: the refusal is about oneself
    await expect(callerFor(admin).user.setRole({ userId: admin.id, role: 'editor' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(
      callerFor(admin).user.setDisabled({ userId: admin.id, disabled: true }),
    ).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });

  it('refuses unknown users and bad input', async () => {
    const admin = await account('admin');
    await expect(
      callerFor(admin).user.setRole({ userId: 'no-such-user', role: 'editor' }),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expectBadRequest(
      callerFor(admin).user.setRole({ userId: admin.id, role: 'owner' as Role }),
      'role',
    );
    await expectBadRequest(callerFor(admin).user.setDisabled({ userId: '', disabled: true }), 'userId');
  });
});
