import type { Database } from '@srt/db/client';
import { createTestDatabase } from '@srt/db/testing';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer, type ServerOptions } from '../server.ts';
import { cookieOf, createSignedInUser, nextClientAddress, signIn, TEST_PASSWORD } from '../test/auth.ts';

const logger = pino({ level: 'silent' });
const SIGN_IN_LIMIT = 4;
let database: Database;
let app: FastifyInstance;
const extraApps: FastifyInstance[] = [];

const serverOn = async (env: Partial<ServerOptions['env']> = {}) => {
  const server = await buildServer({
    database,
    env: { WEB_DIST: '/nonexistent', SIGN_IN_LIMIT, AUTH_SECRET: 'a'.repeat(40), ...env },
    logger,
  });
  extraApps.push(server);
  return server;
};

beforeAll(async () => {
  database = await createTestDatabase();
  app = await serverOn();
});
afterAll(async () => {
  for (const server of extraApps) await server.close();
  await database.close();
});

const postSignIn = (
  server: FastifyInstance,
  body: unknown,
  options: { ip?: string; headers?: Record<string, string> } = {},
) =>
  server.inject({
    method: 'POST',
    url: '/api/auth/sign-in/email',
    remoteAddress: options.ip ?? nextClientAddress(),
    headers: options.headers,
    payload: body as Record<string, unknown>,
  });

/** Plain SQL on either driver, for the one change the API has no call for. */
async function rawQuery(text: string, params: unknown[]): Promise<void> {
  const { driver } = database;
  if (driver.kind === 'pglite') await driver.client.query(text, params);
  else await driver.client.query(text, params);
}

const me = (server: FastifyInstance, cookie: string) =>
  server.inject({ method: 'GET', url: '/trpc/user.me', headers: { cookie } });

describe('sign-in with email and password', () => {
  it('sets an HttpOnly, SameSite=Lax session cookie that identifies the user on the next request', async () => {
    const { user } = await createSignedInUser(app, 'editor', { email: 'Cookie.Check@Example.org' });
    const response = await postSignIn(app, { email: 'cookie.check@example.org', password: TEST_PASSWORD });
    expect(response.statusCode).toBe(200);
    const setCookie = String(response.headers['set-cookie']);
    expect(setCookie).toMatch(/^better-auth\.session_token=/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    // Served over plain http (no https BASE_URL): a Secure cookie would never come back.
    expect(setCookie).not.toMatch(/Secure/i);
    expect(response.headers['cache-control']).toBe('no-store');

    const answer = await me(app, cookieOf(response.headers['set-cookie']));
    expect(answer.json().result.data).toEqual({
      id: user.id,
      email: 'cookie.check@example.org',
      name: 'Test editor',
      role: 'editor',
    });
  });

  it('stores a password hash, never the password', async () => {
    const { user } = await createSignedInUser(app, 'viewer');
    const row = await database.db.query.accounts.findFirst({ where: (a, { eq }) => eq(a.userId, user.id) });
    expect(row?.password).toBeTruthy();
    expect(row?.password).not.toContain(TEST_PASSWORD);
  });

  it('makes the cookie Secure (and __Secure- named) when BASE_URL is https', async () => {
    const secure = await serverOn({ BASE_URL: 'https://tracker.example.org' });
    const { user } = await createSignedInUser(app, 'viewer');
    const response = await postSignIn(secure, { email: user.email, password: TEST_PASSWORD });
    expect(response.statusCode).toBe(200);
    expect(String(response.headers['set-cookie'])).toMatch(
      /^__Secure-better-auth\.session_token=.*;\s*Secure/i,
    );
  });

  it('refuses a wrong password and an unknown email alike, without a cookie', async () => {
    const { user } = await createSignedInUser(app, 'viewer');
    const wrong = await postSignIn(app, { email: user.email, password: 'not the password' });
    const unknown = await postSignIn(app, { email: 'nobody@example.org', password: TEST_PASSWORD });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
    expect(wrong.headers['set-cookie']).toBeUndefined();
  });

  it('has no self sign-up and no admin endpoints over HTTP (users are managed through the audited user router)', async () => {
    const signUp = await app.inject({
      method: 'POST',
      url: '/api/auth/sign-up/email',
      payload: { email: 'new@example.org', password: 'long enough password', name: 'New' },
    });
    expect(signUp.statusCode).toBe(404);
    for (const path of [
      '/admin/create-user',
      '/admin/set-role',
      '/admin/impersonate-user',
      '/admin/list-users',
    ]) {
      const response = await app.inject({ method: 'POST', url: `/api/auth${path}`, payload: {} });
      expect(response.statusCode, path).toBe(404);
    }
    const row = await database.db.query.users.findFirst({
      where: (u, { eq }) => eq(u.email, 'new@example.org'),
    });
    expect(row).toBeUndefined();
  });

  it('signs out: the session is gone from the database and the cookie no longer works', async () => {
    const { cookie, user } = await createSignedInUser(app, 'editor');
    const out = await app.inject({
      method: 'POST',
      url: '/api/auth/sign-out',
      headers: { cookie, origin: 'http://localhost:80', 'content-type': 'application/json' },
      payload: '{}',
    });
    expect(out.statusCode).toBe(200);
    const left = await database.db.query.sessions.findMany({ where: (t, { eq }) => eq(t.userId, user.id) });
    expect(left).toHaveLength(0);
    expect((await me(app, cookie)).json().result.data).toBeNull();
  });

  it('changes a password (signed in, with the current one): the old one stops working', async () => {
    const { cookie, user } = await createSignedInUser(app, 'viewer');
    const change = (currentPassword: string) =>
      app.inject({
        method: 'POST',
        url: '/api/auth/change-password',
        remoteAddress: nextClientAddress(),
        headers: { cookie, origin: 'http://localhost:80', 'content-type': 'application/json' },
        payload: { currentPassword, newPassword: 'a brand new password', revokeOtherSessions: true },
      });
    expect((await change('not the current one')).statusCode).toBe(400);
    expect((await change(TEST_PASSWORD)).statusCode).toBe(200);
    expect((await postSignIn(app, { email: user.email, password: TEST_PASSWORD })).statusCode).toBe(401);
    expect(await signIn(app, user.email, 'a brand new password')).toMatch(/session_token=/);
  });

  it('ignores a forged or unknown cookie (anonymous, not an error)', async () => {
    for (const cookie of [
      'better-auth.session_token=forged.value',
      'better-auth.session_token=%%%',
      'junk',
    ]) {
      const response = await me(app, cookie);
      expect(response.statusCode).toBe(200);
      expect(response.json().result.data).toBeNull();
    }
  });
});

describe('sign-in rate limit (per client IP, stored in the database)', () => {
  it(`answers 429 after ${SIGN_IN_LIMIT} attempts from one IP, also from a second API process, while other IPs still get in`, async () => {
    const { user } = await createSignedInUser(app, 'viewer');
    const ip = '127.9.9.9';
    for (let i = 0; i < SIGN_IN_LIMIT; i++) {
      const response = await postSignIn(app, { email: user.email, password: `wrong password ${i}` }, { ip });
      expect(response.statusCode).toBe(401);
    }
    const refused = await postSignIn(app, { email: user.email, password: TEST_PASSWORD }, { ip });
    expect(refused.statusCode).toBe(429);
    expect(Number(refused.headers['x-retry-after'])).toBeGreaterThan(0);

    // Another process on the same database: the count is shared.
    const second = await serverOn();
    const alsoRefused = await postSignIn(second, { email: user.email, password: TEST_PASSWORD }, { ip });
    expect(alsoRefused.statusCode).toBe(429);

    // Someone else is not locked out.
    const other = await postSignIn(second, { email: user.email, password: TEST_PASSWORD });
    expect(other.statusCode).toBe(200);
  });

  it('keys on the connection, not on a client-sent X-Forwarded-For', async () => {
    const { user } = await createSignedInUser(app, 'viewer');
    const ip = '127.8.8.8';
    const statuses: number[] = [];
    for (let i = 0; i <= SIGN_IN_LIMIT; i++) {
      const response = await postSignIn(
        app,
        { email: user.email, password: `wrong password ${i}` },
        { ip, headers: { 'x-forwarded-for': `203.0.113.${i + 1}` } },
      );
      statuses.push(response.statusCode);
    }
    expect(statuses.at(-1)).toBe(429);
    // And a victim's address named in the header does not lock the victim out.
    const victim = await postSignIn(
      app,
      { email: user.email, password: TEST_PASSWORD },
      { headers: { 'x-forwarded-for': ip } },
    );
    expect(victim.statusCode).toBe(200);
  });
});

describe('behind a reverse proxy (TRUST_PROXY=1)', () => {
  it("the client IP comes from the proxy's X-Forwarded-For: one client is limited, another is not", async () => {
    const proxied = await serverOn({ TRUST_PROXY: 1 });
    const { user } = await createSignedInUser(app, 'viewer');
    const viaProxy = (client: string, password: string) =>
      postSignIn(
        proxied,
        { email: user.email, password },
        { ip: '127.7.7.7', headers: { 'x-forwarded-for': client } },
      );
    for (let i = 0; i < SIGN_IN_LIMIT; i++)
      expect((await viaProxy('198.51.100.1', `wrong ${i} password`)).statusCode).toBe(401);
    expect((await viaProxy('198.51.100.1', TEST_PASSWORD)).statusCode).toBe(429);
    expect((await viaProxy('198.51.100.2', TEST_PASSWORD)).statusCode).toBe(200);
  });
});

describe('a disabled account', () => {
  it('cannot sign in, and its existing session stops working at once', async () => {
    const { cookie, user } = await createSignedInUser(app, 'editor');
    const admin = await createSignedInUser(app, 'admin');
    expect((await me(app, cookie)).json().result.data?.id).toBe(user.id);

    const disable = await app.inject({
      method: 'POST',
      url: '/trpc/user.setDisabled',
      headers: { cookie: admin.cookie, 'content-type': 'application/json' },
      payload: { userId: user.id, disabled: true },
    });
    expect(disable.statusCode).toBe(200);

    expect((await me(app, cookie)).json().result.data).toBeNull();
    const again = await postSignIn(app, { email: user.email, password: TEST_PASSWORD });
    expect(again.statusCode).toBe(403);
    expect(again.headers['set-cookie']).toBeUndefined();

    // Enabled again: signs in as before.
    await app.inject({
      method: 'POST',
      url: '/trpc/user.setDisabled',
      headers: { cookie: admin.cookie, 'content-type': 'application/json' },
      payload: { userId: user.id, disabled: false },
    });
    expect(await signIn(app, user.email, TEST_PASSWORD)).toMatch(/session_token=/);
  });

  it('is refused even if a session row survived (a session made before the flag was set)', async () => {
    const { cookie, user } = await createSignedInUser(app, 'editor');
    // Straight in the database, sessions left in place: the session check itself must refuse.
    await rawQuery('update users set banned = true where id = $1', [user.id]);
    expect((await me(app, cookie)).json().result.data).toBeNull();
  });
});

describe('roles over HTTP', () => {
  it('a role change applies on the next request of an existing session', async () => {
    const { cookie, user } = await createSignedInUser(app, 'viewer');
    const admin = await createSignedInUser(app, 'admin');
    const setRole = await app.inject({
      method: 'POST',
      url: '/trpc/user.setRole',
      headers: { cookie: admin.cookie, 'content-type': 'application/json' },
      payload: { userId: user.id, role: 'editor' },
    });
    expect(setRole.statusCode).toBe(200);
    expect((await me(app, cookie)).json().result.data.role).toBe('editor');
  });

  it('user.list needs an admin: 401 anonymous, 403 for an editor, 200 for an admin', async () => {
    const editor = await createSignedInUser(app, 'editor');
    const admin = await createSignedInUser(app, 'admin');
    const list = (cookie?: string) =>
      app.inject({ method: 'GET', url: '/trpc/user.list', headers: cookie ? { cookie } : {} });
    expect((await list()).statusCode).toBe(401);
    expect((await list(editor.cookie)).statusCode).toBe(403);
    const ok = await list(admin.cookie);
    expect(ok.statusCode).toBe(200);
    expect(ok.json().result.data).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: admin.user.id, role: 'admin', disabled: false }),
      ]),
    );
  });
});

describe('PUBLIC_READ=false', () => {
  let closed: FastifyInstance;
  beforeAll(async () => {
    closed = await serverOn({ PUBLIC_READ: false });
  });

  it('tRPC reads need a signed-in user; user.me still answers null', async () => {
    const anonymous = await closed.inject({ method: 'GET', url: '/trpc/reference.codes' });
    expect(anonymous.statusCode).toBe(401);
    expect((await closed.inject({ method: 'GET', url: '/trpc/user.me' })).json().result.data).toBeNull();

    const { cookie } = await createSignedInUser(app, 'viewer');
    const signedIn = await closed.inject({
      method: 'GET',
      url: '/trpc/reference.codes',
      headers: { cookie },
    });
    expect(signedIn.statusCode).toBe(200);
  });

  it('/api/export needs a signed-in user too (401 anonymous); /api/config and sign-in stay open', async () => {
    const url = '/api/export?format=csv&variant=projects&lang=en';
    expect((await closed.inject({ method: 'GET', url })).statusCode).toBe(401);
    const { cookie, user } = await createSignedInUser(app, 'viewer');
    const signedIn = await closed.inject({ method: 'GET', url, headers: { cookie } });
    expect(signedIn.statusCode).toBe(200);
    expect(signedIn.headers['content-type']).toMatch(/text\/csv/);

    expect((await closed.inject({ method: 'GET', url: '/api/config' })).statusCode).toBe(200);
    const fresh = await postSignIn(closed, { email: user.email, password: TEST_PASSWORD });
    expect(fresh.statusCode).toBe(200);
  });

  it('with PUBLIC_READ on (default), anyone reads the export', async () => {
    const url = '/api/export?format=csv&variant=projects&lang=en';
    expect((await app.inject({ method: 'GET', url })).statusCode).toBe(200);
  });
});
