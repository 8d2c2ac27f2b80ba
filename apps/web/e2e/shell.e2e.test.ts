import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiServer, startApiServer } from './api-server.ts';
import { type Browser, launchBrowser } from './browser.ts';

const screenshots = fileURLToPath(new URL('./screenshots/', import.meta.url));
const databaseUrl = process.env.TEST_DATABASE_URL;
const target = databaseUrl ? 'postgres' : 'pglite';

describe(`app shell served by the API (${target})`, () => {
  let server: ApiServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startApiServer({ databaseUrl });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('loads the built app with title, navigation and API health', async () => {
    const page = await browser.context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));

    const response = await page.goto(`${server.url}/`);
    expect(response?.status()).toBe(200);
    expect(await page.title()).toBe('Silk Road Tracker');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Silk Road Tracker');

    const nav = page.getByRole('navigation', { name: 'Main' });
    expect(await nav.getByRole('link').allTextContents()).toEqual([
      'Overview',
      'Projects',
      'Events',
      'Map',
      'Country briefs',
      'Changes',
    ]);

    const status = page.locator('footer [role="status"][data-state="ok"]');
    await status.waitFor({ timeout: 30_000 });
    expect(await status.getAttribute('data-db')).toBe(server.db);
    await expect
      .poll(() => status.textContent(), { timeout: 30_000 })
      .toMatch(
        target === 'postgres' ? /^API ok · PostgreSQL .*\d+ projects?$/ : /^API ok · PGlite .*\d+ projects?$/,
      );

    await mkdir(screenshots, { recursive: true });
    await page.screenshot({ path: `${screenshots}shell-${target}.png`, fullPage: true });
    expect(pageErrors, server.output()).toEqual([]);
    await page.close();
  });

  it('serves the app for a deep link (SPA fallback)', async () => {
    const page = await browser.context.newPage();
    const response = await page.goto(`${server.url}/projects`);
    expect(response?.status()).toBe(200);
    await page.getByRole('link', { name: 'Projects', exact: true }).waitFor();
    expect(await page.getByRole('link', { name: 'Projects', exact: true }).getAttribute('aria-current')).toBe(
      'page',
    );
    await page.close();
  });
});
