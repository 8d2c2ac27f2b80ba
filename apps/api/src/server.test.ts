import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDb } from '@srt/db/client';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from './server.ts';
import { createTestApi, type TestApi } from './test/harness.ts';

const logger = pino({ level: 'silent' });
let api: TestApi;
let app: FastifyInstance;
let dist: string;

beforeAll(async () => {
  api = await createTestApi();
  dist = await mkdtemp(join(tmpdir(), 'srt-web-dist-'));
  await mkdir(join(dist, 'assets'));
  await writeFile(
    join(dist, 'index.html'),
    '<!doctype html><title>Silk Road Tracker</title><div id="root"></div>',
  );
  await writeFile(join(dist, 'assets', 'index-abc123.js'), 'console.info("app")');
  app = await buildServer({ database: api.database, env: { WEB_DIST: dist }, logger });
});
afterAll(async () => {
  await app.close();
  await api.database.close();
  await rm(dist, { recursive: true, force: true });
});

const trpcGet = (path: string, input?: unknown) =>
  app.inject({
    method: 'GET',
    url: `/trpc/${path}${input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`}`,
  });

type ErrorBody = {
  error: {
    message: string;
    data: { httpStatus: number; code: string; fields: Record<string, string[]> | null };
  };
};

describe('GET /health', () => {
  it('answers ok with the database kind and version', async () => {
    const response = await app.inject({ method: 'GET', url: '/health' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      ok: true,
      db: api.database.kind,
      version: expect.stringMatching(/^\d+(\.\d+)?/),
    });
  });
});

describe('tRPC over HTTP', () => {
  it('serves GET /trpc/project.list?input=<url-encoded JSON> as plain JSON', async () => {
    const response = await trpcGet('project.list', { filter: { countries: ['UZ'] }, limit: 200 });
    expect(response.statusCode).toBe(200);
    const body = response.json() as {
      result: { data: { rows: { id: string; committedUsd: string | null }[]; total: number } };
    };
    expect(body.result.data.rows.map((r) => r.id)).toContain(api.fixtures.project.railway);
    expect(body.result.data.total).toBe(body.result.data.rows.length);
  });

  it('takes no input at all for the defaults', async () => {
    const response = await trpcGet('stats.summary');
    expect(response.statusCode).toBe(200);
  });

  it('answers malformed JSON in ?input= with a 400 naming the input', async () => {
    for (const raw of ['%7Bbad', '%7B%22limit%22%3A', 'undefined', '%5B1%2C']) {
      const response = await app.inject({ method: 'GET', url: `/trpc/project.list?input=${raw}` });
      expect(response.statusCode, raw).toBe(400);
      const { error } = response.json() as ErrorBody;
      expect(error.data.code).toBe('BAD_REQUEST');
      expect(error.data.fields?.input?.[0]).toMatch(/^Malformed JSON/);
      expect(error.message).toContain('input:');
    }
  });

  it('answers malformed JSON in a batch with a 400 for each call', async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/trpc/project.list,event.list?batch=1&input=%7Bbad',
    });
    expect(response.statusCode).toBe(400);
    const body = response.json() as ErrorBody[];
    expect(body).toHaveLength(2);
    for (const item of body) expect(item.error.data.fields?.input).toBeDefined();
  });

  it('answers bad values with a 400 that names each field and why', async () => {
    const response = await trpcGet('project.list', {
      filter: { countries: ['XX'], q: 'x'.repeat(10_000) },
      limit: 10_000,
    });
    expect(response.statusCode).toBe(400);
    const { error } = response.json() as ErrorBody;
    expect(error.data.fields).toEqual({
      'filter.countries.0': ['Unknown country code (ISO 3166-1 alpha-2 expected)'],
      'filter.q': ['Search text is limited to 200 characters'],
      limit: ['At most 200 rows per page'],
    });
    expect(error.message).toContain('filter.countries.0: Unknown country code');
    expect(error.message).toContain('limit: At most 200 rows per page');
  });

  it('answers wrong types, forged cursors and unstorable text with 400s', async () => {
    const cases: [string, unknown, string][] = [
      ['project.list', 'just a string', 'input'],
      ['project.list', { limit: '50' }, 'limit'],
      ['project.list', { filter: { statuses: ['active'] } }, 'filter.statuses.0'],
      ['project.list', { cursor: 'bm90IGEgY3Vyc29y' }, 'cursor'],
      ['project.list', { filter: { q: 'nul\u0000byte' } }, 'input'],
      ['event.list', { dateFrom: 'yesterday' }, 'dateFrom'],
      ['funding.list', { flows: ['gift'] }, 'flows.0'],
      ['organization.list', { role: 'funder' }, 'role'],
      ['source.list', { kinds: 'news' }, 'kinds'],
      ['stats.summary', { countries: ['XX'] }, 'countries.0'],
      ['project.byId', { id: 42 }, 'id'],
      ['event.byId', null, 'input'],
    ];
    for (const [path, input, field] of cases) {
      const response = await trpcGet(path, input);
      expect(response.statusCode, `${path} ${JSON.stringify(input)}`).toBe(400);
      const { error } = response.json() as ErrorBody;
      expect(Object.keys(error.data.fields ?? { input: [] }), path).toContain(field);
    }
  });

  it('answers unknown records, procedures and methods with 4xx', async () => {
    expect((await trpcGet('project.byId', { id: '00000000-0000-4000-8000-000000000000' })).statusCode).toBe(
      404,
    );
    expect((await trpcGet('project.nothing')).statusCode).toBe(404);
    const post = await app.inject({ method: 'POST', url: '/trpc/project.list', payload: {} });
    expect(post.statusCode).toBe(405);
  });
});

describe('the web app', () => {
  it('serves index.html at / and for client-side routes, revalidated', async () => {
    for (const url of ['/', '/projects/123', '/countries/UZ?print=1']) {
      const response = await app.inject({ method: 'GET', url, headers: { accept: 'text/html,*/*' } });
      expect(response.statusCode, url).toBe(200);
      expect(response.headers['content-type']).toContain('text/html');
      expect(response.headers['cache-control']).toBe('no-cache');
      expect(response.body).toContain('<div id="root">');
    }
  });

  it('caches hashed assets for good', async () => {
    const response = await app.inject({ method: 'GET', url: '/assets/index-abc123.js' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('does not answer API paths, missing files or non-HTML requests with the app', async () => {
    const html = { accept: 'text/html' };
    expect((await app.inject({ method: 'GET', url: '/trpc/nothing', headers: html })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: '/api/auth/nothing', headers: html })).statusCode).toBe(
      404,
    );
    expect((await app.inject({ method: 'GET', url: '/assets/missing.js' })).statusCode).toBe(404);
    const json = await app.inject({
      method: 'GET',
      url: '/projects/123',
      headers: { accept: 'application/json' },
    });
    expect(json.statusCode).toBe(404);
    expect(json.headers['content-type']).toContain('application/json');
    const post = await app.inject({ method: 'POST', url: '/projects/123', headers: html });
    expect(post.statusCode).toBe(404);
  });

  it('says how to build it when it is not built', async () => {
    const bare = await buildServer({
      database: api.database,
      env: { WEB_DIST: join(dist, 'missing') },
      logger,
    });
    try {
      const page = await bare.inject({ method: 'GET', url: '/', headers: { accept: 'text/html' } });
      expect(page.statusCode).toBe(200);
      expect(page.headers['content-type']).toContain('text/plain');
      expect(page.body).toContain('pnpm build');
      expect((await bare.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200);
    } finally {
      await bare.close();
    }
  });
});

describe('when the database is gone', () => {
  it('reports 503 on /health and a 500 without details on procedures, and keeps running', async () => {
    // Its own PGlite even when the suite runs on PostgreSQL, so closing it touches no other test's data.
    const broken = await createDb('memory://');
    await broken.migrate();
    const server = await buildServer({ database: broken, env: { WEB_DIST: dist }, logger });
    try {
      await broken.close();
      const health = await server.inject({ method: 'GET', url: '/health' });
      expect(health.statusCode).toBe(503);
      expect(health.json()).toMatchObject({ ok: false });
      const list = await server.inject({ method: 'GET', url: '/trpc/project.list' });
      expect(list.statusCode).toBe(500);
      const { error } = list.json() as ErrorBody;
      expect(error.message).toBe('Internal server error');
      expect(error.data).not.toHaveProperty('stack');
      expect(
        (await server.inject({ method: 'GET', url: '/', headers: { accept: 'text/html' } })).statusCode,
      ).toBe(200);
    } finally {
      await server.close();
    }
  });
});
