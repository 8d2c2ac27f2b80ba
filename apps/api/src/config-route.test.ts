import { createTestDatabase } from '@srt/db/testing';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from './server.ts';

const database = await createTestDatabase();
afterAll(() => database.close());

const serve = (tileUrl?: string) =>
  buildServer({
    database,
    env: { WEB_DIST: '/nonexistent', TILE_URL: tileUrl },
    logger: pino({ level: 'silent' }),
  });

describe('GET /api/config', () => {
  let offline: Awaited<ReturnType<typeof serve>>;
  let online: Awaited<ReturnType<typeof serve>>;
  beforeAll(async () => {
    offline = await serve();
    online = await serve('https://tiles.example.org/{z}/{x}/{y}.png');
  });
  afterAll(async () => {
    await offline.close();
    await online.close();
  });

  it('tells the web app there is no tile layer when TILE_URL is unset (the map stays offline)', async () => {
    const response = await offline.inject({ method: 'GET', url: '/api/config' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ tileUrl: null });
  });

  it('passes TILE_URL on', async () => {
    const response = await online.inject({ method: 'GET', url: '/api/config' });
    expect(response.json()).toEqual({ tileUrl: 'https://tiles.example.org/{z}/{x}/{y}.png' });
  });
});
