import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiServer, startApiServer } from './api-server.ts';
import { type Browser, launchBrowser } from './browser.ts';

const screenshots = fileURLToPath(new URL('./screenshots/', import.meta.url));
const databaseUrl = process.env.TEST_DATABASE_URL;
const target = databaseUrl ? 'postgres' : 'pglite';
const SEED_TITLE =
  'Fostering inclusive and sustainable industrial development in the New Silk Road Economic Belt';
const SEED_SOURCE =
  'https://www.unido.org/news/unido-director-general-strengthens-partnership-belt-and-road-initiative-innovation-and-investment-inclusive-and-sustainable-industrial-development';
const NO_SUCH_ID = '00000000-0000-4000-8000-000000000000';

/** A query procedure over plain HTTP, as any client would call it. */
async function query<T>(server: ApiServer, path: string, input: unknown): Promise<T> {
  const response = await fetch(
    `${server.url}/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`,
  );
  const body = (await response.json()) as { result: { data: T } };
  return body.result.data;
}

type ListRow = { id: string; title: string };
type Detail = {
  id: string;
  quality: { score: number; missing: string[] };
  locations: { precision: string; problem: string | null; lat: number | null; lon: number | null }[];
};

/** The map is drawn and still (Leaflet adds `leaflet-zoom-anim` while it animates). */
async function mapSettled(page: Page) {
  await page.locator('[data-testid="project-map"] .leaflet-container').waitFor({ timeout: 30_000 });
  await expect.poll(() => page.locator('.leaflet-zoom-anim').count()).toBe(0);
}

describe(`/projects/$id served by the API (${target})`, () => {
  let server: ApiServer;
  let browser: Browser;
  let seedId: string;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    server = await startApiServer({ databaseUrl });
    browser = await launchBrowser();
    const found = await query<{ rows: ListRow[] }>(server, 'project.list', {
      filter: { q: 'New Silk Road' },
    });
    const seed = found.rows.find((r) => r.title === SEED_TITLE);
    if (!seed) throw new Error(`The seed project is not in project.list q="New Silk Road"`);
    seedId = seed.id;
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

  it('shows the seed project: header, initiatives with basis, countries, sources, quality, map', async () => {
    const page = await open(`/projects/${seedId}`);
    const title = page.getByRole('heading', { level: 2, name: SEED_TITLE });
    await title.waitFor({ timeout: 30_000 });

    // Original title in Thai, labelled with its language.
    const original = page.getByTestId('original-title');
    expect(await original.textContent()).toContain('Original title (Thai)');
    expect(await original.locator('[lang="th"]').textContent()).toContain('อุตสาหกรรม');
    expect(await page.getByTestId('status').textContent()).toBe('Status not stated');

    // Both initiatives, each on an official basis, with the note and the source that says so.
    const initiatives = page.getByTestId('initiative');
    expect(await initiatives.count()).toBe(2);
    for (const [code, name] of [
      ['bri', 'Belt and Road Initiative'],
      ['unido', 'UNIDO'],
    ]) {
      const item = page.locator(`[data-testid="initiative"][data-initiative="${code}"]`);
      expect(await item.getAttribute('data-basis')).toBe('official');
      const text = (await item.textContent()) ?? '';
      expect(text).toContain(name);
      expect(text).toContain('Official label');
      expect(await item.getByRole('link').getAttribute('href')).toBe(SEED_SOURCE);
    }

    // Countries (no shares stated) and the sector.
    expect(
      await page
        .getByTestId('countries')
        .locator('tr')
        .evaluateAll((rows) => rows.map((r) => r.dataset.country)),
    ).toEqual(['AZ', 'TJ', 'TM', 'UZ']);
    expect(await page.getByTestId('countries').textContent()).toContain('share not stated');
    expect(await page.getByTestId('sectors').textContent()).toContain('Industrial development');

    // The source: a link that opens in a new tab without handing over this page.
    const sourceLink = page.getByTestId('source').first().getByRole('link');
    expect(await sourceLink.getAttribute('href')).toBe(SEED_SOURCE);
    expect(await sourceLink.getAttribute('target')).toBe('_blank');
    expect(await sourceLink.getAttribute('rel')).toBe('noopener noreferrer');
    expect(await page.getByTestId('source').first().textContent()).toContain('21 April 2018');

    // Quality: the page lists exactly what the API says is missing, in words.
    const detail = await query<Detail>(server, 'project.byId', { id: seedId });
    expect(detail.quality.missing.length).toBeGreaterThan(0);
    expect(await page.getByTestId('quality-score').textContent()).toBe(`${detail.quality.score} / 100`);
    const missing = page.getByTestId('quality-missing').locator('[data-check]');
    expect(await missing.evaluateAll((items) => items.map((i) => i.getAttribute('data-check')))).toEqual(
      detail.quality.missing,
    );
    for (const text of await missing.allTextContents()) expect(text).not.toMatch(/quality\.|checks\./);
    expect(await page.getByTestId('quality-missing').textContent()).toContain('A status');

    // Key figures: no funding recorded, each flow on its own.
    expect(await page.getByTestId('key-figure').count()).toBe(3);
    expect(await page.locator('[data-testid="key-figure"][data-flow="pledge"]').textContent()).toContain(
      'None recorded',
    );

    // The events timeline links the forum of 20 April 2018.
    const forum = page.getByTestId('project-events').getByRole('link', {
      name: "Belt and Road forum on UNIDO's anniversary",
    });
    await forum.waitFor();
    expect(await page.getByTestId('project-events').locator('time').first().getAttribute('datetime')).toBe(
      '2018-04-20',
    );

    // Country-level locations are listed, not pinned; the map shows the four outlines and no pin.
    expect(await page.getByTestId('locations-countries').locator('li').count()).toBe(4);
    await mapSettled(page);
    expect(await page.locator('[data-testid="project-map"] path.leaflet-interactive').count()).toBe(0);
    expect(
      await page.locator('[data-testid="project-map"] .leaflet-overlay-pane path').count(),
    ).toBeGreaterThan(0);

    await mkdir(screenshots, { recursive: true });
    await page.screenshot({ path: `${screenshots}project-${target}.png`, fullPage: true });
    await page.close();
  });

  it('pins exact and near locations only', async () => {
    const list = await query<{ rows: ListRow[] }>(server, 'project.list', {
      sort: 'quality',
      direction: 'desc',
      limit: 100,
    });
    let found: Detail | undefined;
    for (const row of list.rows) {
      const detail = await query<Detail>(server, 'project.byId', { id: row.id });
      if (detail.locations.some((l) => !l.problem && (l.precision === 'exact' || l.precision === 'near'))) {
        found = detail;
        break;
      }
    }
    if (!found) throw new Error('No project with an exact or near location among the 100 of best quality');
    const pins = found.locations.filter(
      (l) =>
        !l.problem && (l.precision === 'exact' || l.precision === 'near') && l.lat !== null && l.lon !== null,
    );
    const page = await open(`/projects/${found.id}`);
    await mapSettled(page);
    await expect
      .poll(() => page.locator('[data-testid="project-map"] path.leaflet-interactive').count())
      .toBe(pins.length);
    expect(await page.getByTestId('locations-pins').locator('li').count()).toBe(pins.length);
    await page.screenshot({ path: `${screenshots}project-pins-${target}.png`, fullPage: true });
    await page.close();
  });

  it('steps to the next project within the filter the page was opened with', async () => {
    const filter = { countries: ['TJ'] };
    const list = await query<{ rows: ListRow[]; total: number }>(server, 'project.list', {
      filter,
      limit: 3,
    });
    const [first, second] = list.rows;
    if (!first || !second) throw new Error('Fewer than two Tajik projects');
    const page = await open(`/projects/${first.id}?countries=${encodeURIComponent('["TJ"]')}`);
    await page.getByRole('heading', { level: 2, name: first.title }).waitFor({ timeout: 30_000 });
    await expect
      .poll(() => page.getByTestId('position').textContent())
      .toBe(`1 of ${list.total.toLocaleString('en')} in the list`);
    await page.getByTestId('next').click();
    await page.getByRole('heading', { level: 2, name: second.title }).waitFor({ timeout: 30_000 });
    const url = new URL(page.url());
    expect(url.pathname).toBe(`/projects/${second.id}`);
    expect(JSON.parse(url.searchParams.get('countries') ?? 'null')).toEqual(['TJ']);
    await expect.poll(() => page.getByTestId('position').textContent()).toMatch(/^2 of /);
    await page.getByTestId('previous').waitFor();
    // Back to the list keeps the filter.
    await page.getByRole('link', { name: /Back to the list/ }).click();
    await page.getByRole('heading', { level: 2, name: 'Projects' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/projects');
    expect(JSON.parse(new URL(page.url()).searchParams.get('countries') ?? 'null')).toEqual(['TJ']);
    await page.close();
  });

  it('shows "not found" for a missing project and for an id that cannot be one', async () => {
    for (const id of [NO_SUCH_ID, 'not-a-project']) {
      const page = await open(`/projects/${id}`);
      await page.getByTestId('project-not-found').waitFor({ timeout: 30_000 });
      await page.getByRole('heading', { level: 2, name: 'Project not found' }).waitFor();
      await page.close();
    }
  });

  it('reads in Russian', async () => {
    const page = await open(`/projects/${seedId}`);
    await page.getByRole('heading', { level: 2, name: SEED_TITLE }).waitFor({ timeout: 30_000 });
    await page.getByText('Русский', { exact: true }).click();
    await page.getByRole('heading', { level: 3, name: 'Качество данных' }).waitFor();
    expect(await page.getByTestId('original-title').textContent()).toContain('тайский');
    expect(await page.getByTestId('quality-missing').textContent()).toContain('Статус');
    await page.getByText('English', { exact: true }).click();
    await page.getByRole('heading', { level: 3, name: 'Data quality' }).waitFor();
    await page.close();
  });

  it('threw no errors in the page', () => {
    expect(pageErrors, server.output()).toEqual([]);
  });
});
