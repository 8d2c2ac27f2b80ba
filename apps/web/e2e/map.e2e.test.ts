import { mkdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { CHOROPLETH_COLORS, choroplethColor, choroplethScale, NO_DATA_COLOR } from '@srt/shared/choropleth';
import { FOCUS_COUNTRIES } from '@srt/shared/codes';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiServer, startApiServer } from './api-server.ts';
import { type Browser, launchBrowser } from './browser.ts';

const screenshots = fileURLToPath(new URL('./screenshots/', import.meta.url));
const databaseUrl = process.env.TEST_DATABASE_URL;
const target = databaseUrl ? 'postgres' : 'pglite';
const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 30_000 });

type Amount = { flow: string; priceBasis: string; usd: string | null };
type MapSummary = { countries: { country: string; projects: number }[] };

/** A tRPC query over plain HTTP, as any client would make it. */
async function query<T>(server: ApiServer, path: string, input: unknown): Promise<T> {
  const response = await fetch(
    `${server.url}/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`,
  );
  const body = (await response.json()) as { result: { data: T } };
  return body.result.data;
}

/** The fill of each country polygon, by its key. */
const countryFills = (page: Page) =>
  page.evaluate(() =>
    Object.fromEntries(
      [...document.querySelectorAll('path[data-choropleth-key]')].map((p) => [
        p.getAttribute('data-choropleth-key'),
        p.getAttribute('fill'),
      ]),
    ),
  );

/** The colours the map must show for a filter, computed from map.summary with the shared classes. */
async function expectedFills(server: ApiServer, filter: Record<string, unknown>) {
  const summary = await query<MapSummary>(server, 'map.summary', filter);
  const values: Record<string, number> = Object.fromEntries(
    summary.countries.map((c) => [c.country, c.projects]),
  );
  const scale = choroplethScale(FOCUS_COUNTRIES.map((c) => values[c]));
  return Object.fromEntries(FOCUS_COUNTRIES.map((c) => [c, choroplethColor(scale, values[c])]));
}

async function settled(page: Page) {
  await page.locator('path[data-choropleth-key]').first().waitFor({ timeout: 30_000 });
  await poll(() => page.getByTestId('map-status').textContent()).toMatch(/pinned site/);
  await page.waitForFunction(() => !document.querySelector('.leaflet-zoom-anim'));
}

describe(`/map served by the API (${target})`, () => {
  let server: ApiServer;
  let browser: Browser;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    server = await startApiServer({ databaseUrl });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function open(path: string): Promise<Page> {
    const page = await browser.context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    const response = await page.goto(`${server.url}${path}`);
    expect(response?.status()).toBe(200);
    return page;
  }

  it('draws the four countries filled with the choropleth colours, offline, and the pins', async () => {
    const page = await open('/map?level=%22country%22');
    const outside: string[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith(server.url) && !request.url().startsWith('data:'))
        outside.push(request.url());
    });
    await settled(page);
    const fills = await countryFills(page);
    expect(Object.keys(fills).sort()).toEqual([...FOCUS_COUNTRIES]);
    for (const fill of Object.values(fills)) expect(CHOROPLETH_COLORS).toContain(fill);
    expect(fills).toEqual(await expectedFills(server, {}));
    // Pins are clustered: markers with counts, and a legend explaining each kind of mark.
    expect(await page.locator('.leaflet-pins-pane .leaflet-marker-icon').count()).toBeGreaterThan(0);
    await page.getByTestId('map-legend').getByText('Exact site (pin)').waitFor();
    await page.getByTestId('choropleth-legend').getByText('Projects per country').waitFor();
    const drawn = await page.evaluate(() => performance.getEntriesByName('map:drawn').length);
    expect(drawn).toBeGreaterThan(0);
    await mkdir(screenshots, { recursive: true });
    await page.screenshot({ path: `${screenshots}map-countries-${target}.png`, fullPage: true });
    expect(outside).toEqual([]);
    await page.close();
  });

  it('shades regions by default and lists them in the table', async () => {
    const page = await open('/map');
    await settled(page);
    const regionKeys = await page.locator('path[data-choropleth-key*="."]').count();
    expect(regionKeys).toBeGreaterThan(90);
    const shaded = await page.evaluate(
      (noData) =>
        [...document.querySelectorAll('path[data-choropleth-key*="."]')].filter(
          (p) => p.getAttribute('fill') !== noData,
        ).length,
      NO_DATA_COLOR,
    );
    expect(shaded).toBeGreaterThan(0);
    expect(await page.getByTestId('map-table').locator('tbody tr').count()).toBe(shaded);
    await page.screenshot({ path: `${screenshots}map-regions-${target}.png` });
    await page.close();
  });

  it("clicking Uzbekistan shows the same totals as stats.summary with countries ['UZ']", async () => {
    const page = await open('/map?level=%22country%22');
    await settled(page);
    const uz = page.locator('path[data-choropleth-key="UZ"]');
    const box = await uz.boundingBox();
    if (!box) throw new Error('no Uzbekistan on the map');
    // Karakalpakstan, north-west of the country's box centre: no pins there in the demo data.
    await page.mouse.click(box.x + box.width * 0.3, box.y + box.height * 0.3);
    await poll(() => page.getByTestId('panel-title').textContent()).toBe('Uzbekistan');
    await page.getByTestId('panel-body').waitFor();

    const stats = await query<{ counts: { projects: number }; totals: Amount[] }>(server, 'stats.summary', {
      countries: ['UZ'],
    });
    await poll(() => page.getByTestId('panel-projects').textContent()).toBe(
      stats.counts.projects.toLocaleString('en'),
    );
    const shown = await page
      .getByTestId('panel-body')
      .locator('[data-basis]')
      .evaluateAll((nodes) =>
        nodes.map((n) => [
          n.getAttribute('data-flow'),
          n.getAttribute('data-basis'),
          n.getAttribute('data-usd'),
        ]),
      );
    const expected = stats.totals
      .filter((t) => ['commitment', 'disbursement', 'pledge'].includes(t.flow) && t.usd !== null)
      .map((t) => [t.flow, t.priceBasis, t.usd]);
    expect(shown.sort()).toEqual(expected.sort());
    expect(shown.length).toBeGreaterThan(0);
    expect(new URL(page.url()).searchParams.get('area')).toBe('UZ');
    // The link opens /projects with Uzbekistan.
    const href = await page.getByTestId('panel-projects-link').getAttribute('href');
    expect(decodeURIComponent(href ?? '')).toContain('countries=["UZ"]');
    await page.screenshot({ path: `${screenshots}map-uzbekistan-${target}.png`, fullPage: true });
    await page.close();
  });

  it('filtering by a sector changes the choropleth (as map.summary says)', async () => {
    const all = await expectedFills(server, {});
    let sector: string | null = null;
    for (const candidate of ['140', '210', '230', '320', '150', '120', '110']) {
      if (JSON.stringify(await expectedFills(server, { sectors: [candidate] })) !== JSON.stringify(all)) {
        sector = candidate;
        break;
      }
    }
    if (!sector) throw new Error('no sector changes the map in the demo data');
    const page = await open('/map?level=%22country%22');
    await settled(page);
    expect(await countryFills(page)).toEqual(all);
    await page.goto(`${server.url}/map?level=%22country%22&sectors=%5B%22${sector}%22%5D`);
    await settled(page);
    const filtered = await expectedFills(server, { sectors: [sector] });
    await poll(() => countryFills(page)).toEqual(filtered);
    expect(filtered).not.toEqual(all);
    await page.close();
  });

  it('lists data problems and country-level projects in the side panel, and the map as a table by keyboard', async () => {
    const page = await open('/map?level=%22country%22');
    await settled(page);
    const summary = await query<{
      countries: { country: string; problemLocations: number; countryLevelProjects: number }[];
    }>(server, 'map.summary', {});
    const withProblems = summary.countries.find((c) => c.problemLocations > 0) ?? summary.countries[0];
    if (!withProblems) throw new Error('no countries');
    const name = new Intl.DisplayNames(['en'], { type: 'region' }).of(withProblems.country) ?? '';
    const button = page.getByTestId('map-table').getByRole('button', { name, exact: true });
    await button.focus();
    await page.keyboard.press('Enter');
    await poll(() => page.getByTestId('panel-title').textContent()).toBe(name);
    await poll(() => page.getByTestId('panel-problems').locator('h4').textContent()).toMatch(
      new RegExp(`^${withProblems.problemLocations} data problems?$`),
    );
    await poll(() => page.getByTestId('panel-listed').locator('h4').textContent()).toMatch(
      new RegExp(`^${withProblems.countryLevelProjects} country-level projects?$`),
    );
    expect(await button.getAttribute('aria-pressed')).toBe('true');
    await page.close();
  });

  it('opens a popup with the project behind a pin', async () => {
    const page = await open('/map?level=%22country%22');
    await settled(page);
    for (
      let i = 0;
      i < 8 && (await page.locator('.leaflet-pins-pane path.leaflet-interactive').count()) === 0;
      i++
    ) {
      await page.locator('.leaflet-pins-pane .leaflet-marker-icon').first().click();
      await page.waitForFunction(() => !document.querySelector('.leaflet-zoom-anim'));
      await page.waitForTimeout(400);
    }
    await page.locator('.leaflet-pins-pane path.leaflet-interactive').first().click({ force: true });
    const popup = page.getByTestId('pin-popup');
    await popup.waitFor({ timeout: 30_000 });
    const link = popup.getByRole('link').first();
    expect(await link.getAttribute('href')).toMatch(/^\/projects\/[0-9a-f-]{36}/);
    expect(await popup.locator('script, iframe, img').count()).toBe(0);
    await page.waitForTimeout(400); // the popup fades in
    await page.screenshot({ path: `${screenshots}map-popup-${target}.png` });
    await page.close();
  });

  it('has no serious or critical axe violations (EN and RU)', async () => {
    const axeSource = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
    for (const [language, code] of [
      ['English', 'en'],
      ['Русский', 'ru'],
    ] as const) {
      const page = await open('/map?area=%22UZ%22&level=%22country%22');
      await settled(page);
      await page.getByText(language, { exact: true }).click();
      await page.waitForFunction((lang) => document.documentElement.lang === lang, code);
      await page.getByTestId('panel-body').waitFor();
      await page.waitForTimeout(500);
      await page.evaluate(axeSource);
      const violations = await page.evaluate(async () => {
        type AxeResults = {
          violations: { id: string; impact: string | null; nodes: { target: string[] }[] }[];
        };
        const axe = (window as unknown as { axe: { run: () => Promise<AxeResults> } }).axe;
        const results = await axe.run();
        return results.violations.map((v) => ({
          id: v.id,
          impact: v.impact,
          nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 5),
        }));
      });
      const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      expect(serious, `${language}: ${JSON.stringify(serious, null, 1)}`).toEqual([]);
      await page.getByText('English', { exact: true }).click();
      await page.close();
    }
  });

  it('fills the overview map slot with the country choropleth and the pins', async () => {
    const page = await open('/');
    const slot = page.getByTestId('overview-map');
    await slot.locator('path[data-choropleth-key="UZ"]').waitFor({ timeout: 30_000 });
    const fills = await countryFills(page);
    expect(fills).toEqual(await expectedFills(server, {}));
    await poll(() => slot.locator('.leaflet-pins-pane .leaflet-marker-icon').count()).toBeGreaterThan(0);
    await page.waitForFunction(() => !document.querySelector('.leaflet-zoom-anim'));
    await slot.screenshot({ path: `${screenshots}overview-map-${target}.png` });
    await page.close();
  });

  it('threw no errors in the page', () => {
    expect(pageErrors, server.output()).toEqual([]);
  });
});
