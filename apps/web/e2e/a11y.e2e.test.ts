import { mkdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiServer, startApiServer } from './api-server.ts';
import { type Browser, launchBrowser } from './browser.ts';

/**
 * axe-core on every main page, in English and in Russian: no serious or critical violations.
 * Injected with `page.evaluate(source)`: under the app's CSP a script tag would be refused.
 */

const screenshots = fileURLToPath(new URL('./screenshots/', import.meta.url));
const databaseUrl = process.env.TEST_DATABASE_URL;
const target = databaseUrl ? 'postgres' : 'pglite';
const SEED_TITLE =
  'Fostering inclusive and sustainable industrial development in the New Silk Road Economic Belt';

type Violation = { id: string; impact: string | null; help: string; nodes: string[] };

async function query<T>(server: ApiServer, path: string, input: unknown): Promise<T> {
  const response = await fetch(
    `${server.url}/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`,
  );
  const body = (await response.json()) as { result: { data: T } };
  return body.result.data;
}

describe(`axe on every page (${target})`, () => {
  let server: ApiServer;
  let browser: Browser;
  let axeSource: string;
  const pages: Record<string, string> = {
    overview: '/',
    projects: '/projects',
    events: '/events',
    map: '/map',
    brief: '/countries/UZ',
  };
  const pageErrors: string[] = [];

  beforeAll(async () => {
    server = await startApiServer({ databaseUrl });
    browser = await launchBrowser();
    axeSource = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
    const found = await query<{ rows: { id: string; title: string }[] }>(server, 'project.list', {
      filter: { q: 'New Silk Road' },
    });
    const seed = found.rows.find((r) => r.title === SEED_TITLE);
    if (!seed) throw new Error('The seed project is not in project.list q="New Silk Road"');
    pages.project = `/projects/${seed.id}`;
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** Opens a path in a language (remembered choice set before the app starts) and lets it settle. */
  async function open(path: string, language: 'en' | 'ru'): Promise<Page> {
    const page = await browser.context.newPage();
    page.on('pageerror', (error) => pageErrors.push(`${path}: ${error.message}`));
    await page.addInitScript((lng) => localStorage.setItem('srt.language', lng), language);
    const response = await page.goto(`${server.url}${path}`);
    expect(response?.status()).toBe(200);
    await page.waitForFunction((lng) => document.documentElement.lang === lng, language);
    await page.waitForLoadState('networkidle');
    await expect.poll(() => page.locator('.leaflet-zoom-anim').count(), { timeout: 30_000 }).toBe(0);
    await expect
      .poll(() => page.locator('.mantine-Skeleton-root[data-visible="true"]').count(), { timeout: 30_000 })
      .toBe(0);
    await page.waitForTimeout(600); // transitions (colours, chart animations) end
    return page;
  }

  async function violations(page: Page): Promise<Violation[]> {
    await page.evaluate(axeSource);
    const all = await page.evaluate(async () => {
      type AxeResults = {
        violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[];
      };
      const axe = (window as unknown as { axe: { run: () => Promise<AxeResults> } }).axe;
      const results = await axe.run();
      return results.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.map((n) => n.target.join(' ')),
      }));
    });
    return all.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  }

  for (const language of ['en', 'ru'] as const) {
    it.each(['overview', 'projects', 'project', 'events', 'event', 'map', 'brief'])(
      `%s in ${language}: no serious or critical violations`,
      async (name) => {
        let path = pages[name];
        if (name === 'event') {
          // The first event of the timeline.
          const list = await open('/events', language);
          const href = await list.locator('a[href^="/events/"]').first().getAttribute('href');
          await list.close();
          path = href?.split('?')[0];
        }
        if (!path) throw new Error(`no path for ${name}`);
        const page = await open(path, language);
        const found = await violations(page);
        await mkdir(screenshots, { recursive: true });
        await page.screenshot({ path: `${screenshots}a11y-${name}-${language}-${target}.png` });
        await page.close();
        expect(found, `${path} (${language}): ${JSON.stringify(found, null, 1)}`).toEqual([]);
      },
    );
  }

  it('threw no errors in the pages', () => {
    expect(pageErrors, server.output()).toEqual([]);
  });
});
