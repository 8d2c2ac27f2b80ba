import type { Database } from '@srt/db/client';
import { createTestDatabase } from '@srt/db/testing';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cspDirectives, tileSource } from './security.ts';
import { buildServer } from './server.ts';
import { createSignedInUser, nextClientAddress, TEST_PASSWORD } from './test/auth.ts';

const logger = pino({ level: 'silent' });
const ORIGIN = 'http://localhost:80'; // what app.inject's requests are addressed to
let database: Database;
let app: FastifyInstance;
let admin: { cookie: string; user: { id: string } };

const EXPECTED_CSP =
  "default-src 'self';script-src 'self';style-src 'self' 'unsafe-inline';img-src 'self' data: blob:;" +
  "font-src 'self' data:;connect-src 'self';worker-src 'self' blob:;object-src 'none';" +
  "frame-ancestors 'none';base-uri 'self';form-action 'self'";

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildServer({
    database,
    env: { WEB_DIST: '/nonexistent', TRUSTED_ORIGINS: ['https://web.example.org'] },
    logger,
  });
  admin = await createSignedInUser(app, 'admin');
});
afterAll(async () => {
  await app.close();
  await database.close();
});

/** A real mutation (admin): setting a viewer's role to what it already is changes nothing. */
let target = '';
const mutation = async (headers: Record<string, string>, payload?: string) => {
  if (!target) target = (await createSignedInUser(app, 'viewer')).user.id;
  return app.inject({
    method: 'POST',
    url: '/trpc/user.setRole',
    headers: { cookie: admin.cookie, ...headers },
    payload: payload ?? JSON.stringify({ userId: target, role: 'viewer' }),
  });
};

describe('security headers', () => {
  it('every answer carries helmet headers and the CSP the app runs under', async () => {
    for (const url of ['/', '/health', '/trpc/user.me', '/api/config', '/api/auth/get-session', '/nope']) {
      const response = await app.inject({ method: 'GET', url, headers: { accept: 'text/html' } });
      expect(response.headers['content-security-policy'], url).toBe(EXPECTED_CSP);
      expect(response.headers['x-content-type-options'], url).toBe('nosniff');
      expect(response.headers['x-frame-options'], url).toBe('SAMEORIGIN');
      expect(response.headers['referrer-policy'], url).toBe('no-referrer');
      expect(response.headers['cross-origin-opener-policy'], url).toBe('same-origin');
      expect(response.headers['strict-transport-security'], url).toMatch(/max-age=\d+/);
    }
  });

  it('adds the tile server to img-src only when TILE_URL is set', async () => {
    expect(cspDirectives(undefined).imgSrc).toEqual(["'self'", 'data:', 'blob:']);
    expect(cspDirectives('https://tile.openstreetmap.org/{z}/{x}/{y}.png').imgSrc).toEqual([
      "'self'",
      'data:',
      'blob:',
      'https://tile.openstreetmap.org',
    ]);
    expect(tileSource('https://{s}.tile.example.org/{z}/{x}/{y}.png')).toBe('https://*.tile.example.org');
    expect(tileSource('http://tiles.local:8080/{z}/{x}/{y}.png')).toBe('http://tiles.local:8080');
    expect(tileSource('https://a.{s}.example.org/{z}/{x}/{y}.png')).toBe('https:');

    const withTiles = await buildServer({
      database,
      env: { WEB_DIST: '/nonexistent', TILE_URL: 'https://{s}.tile.example.org/{z}/{x}/{y}.png' },
      logger,
    });
    try {
      const response = await withTiles.inject({ method: 'GET', url: '/api/config' });
      expect(response.headers['content-security-policy']).toContain(
        "img-src 'self' data: blob: https://*.tile.example.org;",
      );
      expect(response.headers['content-security-policy']).toContain("connect-src 'self';");
    } finally {
      await withTiles.close();
    }
  });
});

describe('CSRF: state-changing requests', () => {
  it('a same-origin JSON POST (and one without Origin, as curl sends) goes through', async () => {
    const sameOrigin = await mutation({ origin: ORIGIN, 'content-type': 'application/json' });
    expect(sameOrigin.statusCode).toBe(200);
    const noOrigin = await mutation({ 'content-type': 'application/json; charset=utf-8' });
    expect(noOrigin.statusCode).toBe(200);
    const trusted = await mutation({ origin: 'https://web.example.org', 'content-type': 'application/json' });
    expect(trusted.statusCode).toBe(200);
  });

  it('refuses a POST from another origin with 403, before anything runs', async () => {
    for (const origin of ['https://evil.example', 'null', 'http://localhost:8080', 'not a url']) {
      const response = await mutation({ origin, 'content-type': 'application/json' });
      expect(response.statusCode, origin).toBe(403);
      expect(response.json().message).toMatch(/Cross-origin/);
    }
    const fetchMetadata = await mutation({
      'sec-fetch-site': 'cross-site',
      'content-type': 'application/json',
    });
    expect(fetchMetadata.statusCode).toBe(403);
    // Nothing was changed: the only audit entry of the target is its creation.
    const entries = await database.db.query.auditEntries.findMany({
      where: (e, { and, eq }) => and(eq(e.entity, 'user'), eq(e.entityId, target), eq(e.action, 'update')),
    });
    expect(entries).toHaveLength(0);
  });

  it('refuses a cross-origin sign-in and sign-out too (the auth routes are under /api)', async () => {
    const { user } = await createSignedInUser(app, 'viewer');
    const signIn = await app.inject({
      method: 'POST',
      url: '/api/auth/sign-in/email',
      remoteAddress: nextClientAddress(),
      headers: { origin: 'https://evil.example' },
      payload: { email: user.email, password: TEST_PASSWORD },
    });
    expect(signIn.statusCode).toBe(403);
    expect(signIn.headers['set-cookie']).toBeUndefined();
    const signOut = await app.inject({
      method: 'POST',
      url: '/api/auth/sign-out',
      headers: { origin: 'https://evil.example', cookie: admin.cookie, 'content-type': 'application/json' },
      payload: '{}',
    });
    expect(signOut.statusCode).toBe(403);
    expect(
      (await app.inject({ method: 'GET', url: '/trpc/user.me', headers: { cookie: admin.cookie } })).json(),
    ).toMatchObject({ result: { data: { id: admin.user.id } } });
  });

  it('refuses a tRPC mutation sent as a form or as text (415): an HTML form cannot send JSON', async () => {
    const form = await mutation(
      { 'content-type': 'application/x-www-form-urlencoded' },
      `userId=${target}&role=viewer`,
    );
    expect(form.statusCode).toBe(415);
    const text = await mutation({ 'content-type': 'text/plain' });
    expect(text.statusCode).toBe(415);
    expect(text.json().message).toMatch(/application\/json/);
    const multipart = await mutation(
      { 'content-type': 'multipart/form-data; boundary=x' },
      '--x\r\nContent-Disposition: form-data; name="userId"\r\n\r\nabc\r\n--x--\r\n',
    );
    expect(multipart.statusCode).toBe(415);
    const none = await app.inject({
      method: 'POST',
      url: '/trpc/user.setRole',
      headers: { cookie: admin.cookie },
    });
    expect(none.statusCode).toBe(415);
  });

  it('refuses a form-encoded sign-in (415)', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/auth/sign-in/email',
      remoteAddress: nextClientAddress(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'email=a%40b.org&password=long+enough+password',
    });
    expect(response.statusCode).toBe(415);
    const text = await app.inject({
      method: 'POST',
      url: '/api/auth/sign-in/email',
      remoteAddress: nextClientAddress(),
      headers: { 'content-type': 'text/plain' },
      payload: JSON.stringify({ email: 'a@b.org', password: 'long enough password' }),
    });
    expect(text.statusCode).toBe(415);
  });

  it('never runs a mutation over GET', async () => {
    const input = encodeURIComponent(JSON.stringify({ userId: 'x', role: 'admin' }));
    const response = await app.inject({
      method: 'GET',
      url: `/trpc/user.setRole?input=${input}`,
      headers: { cookie: admin.cookie },
    });
    expect(response.statusCode).toBe(405);
  });
});

describe('request body limits', () => {
  it('refuses a JSON body over 1 MiB with 413', async () => {
    const big = JSON.stringify({ userId: 'x'.repeat(1024 * 1024 + 10), role: 'viewer' });
    const response = await mutation({ 'content-type': 'application/json', origin: ORIGIN }, big);
    expect(response.statusCode).toBe(413);
  });

  it('refuses a sign-in body over 16 KiB with 413', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/auth/sign-in/email',
      remoteAddress: nextClientAddress(),
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ email: 'a@b.org', password: 'p'.repeat(20_000) }),
    });
    expect(response.statusCode).toBe(413);
  });
});

describe('odd requests do not break the server', () => {
  it('answers malformed JSON, odd headers and unknown auth paths with 4xx, and keeps serving', async () => {
    const answers = await Promise.all([
      mutation({ 'content-type': 'application/json' }, '{"userId":'),
      app.inject({
        method: 'POST',
        url: '/api/auth/sign-in/email',
        remoteAddress: nextClientAddress(),
        headers: { 'content-type': 'application/json' },
        payload: '[1,2,',
      }),
      app.inject({
        method: 'POST',
        url: '/api/auth/sign-in/email',
        remoteAddress: nextClientAddress(),
        headers: { 'content-type': 'application/json' },
        payload: '"just a string"',
      }),
      app.inject({ method: 'GET', url: '/api/auth/sign-in/email' }),
      app.inject({ method: 'GET', url: '/api/auth/../../etc/passwd' }),
      app.inject({
        method: 'POST',
        url: '/api/auth/get-session',
        headers: { 'content-type': 'application/json' },
      }),
    ]);
    for (const answer of answers) {
      expect(answer.statusCode, answer.body).toBeGreaterThanOrEqual(400);
      expect(answer.statusCode, answer.body).toBeLessThan(500);
    }
    const emptyCookie = await app.inject({
      method: 'GET',
      url: '/trpc/user.me',
      headers: { cookie: 'better-auth.session_token=' },
    });
    expect(emptyCookie.json().result.data).toBeNull();
    expect((await app.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200);
  });
});
