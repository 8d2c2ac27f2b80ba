import { mkdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiServer, startApiServer } from './api-server.ts';
import { type Browser, launchBrowser } from './browser.ts';

const screenshots = fileURLToPath(new URL('./screenshots/', import.meta.url));
const databaseUrl = process.env.TEST_DATABASE_URL;
const target = databaseUrl ? 'postgres' : 'pglite';
/** The page updates after API calls on a machine shared with other builds: allow time. */
const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 30_000 });

const SEED_TITLE =
  'Fostering inclusive and sustainable industrial development in the New Silk Road Economic Belt';

/** The search the page's URL holds, as the router wrote it (JSON values, plain strings). */
function urlFilter(page: Page): Record<string, unknown> {
  const params = new URL(page.url()).searchParams;
  const value = (v: string): unknown => {
    try {
      return JSON.parse(v);
    } catch {
      return v; // plain strings are written as they are
    }
  };
  return Object.fromEntries([...params].map(([k, v]) => [k, value(v)]));
}

/** Rows shown once the table is settled (no skeletons, not showing the previous filter's rows). */
async function settledRows(page: Page) {
  await page.locator('table[aria-busy="false"]').waitFor({ timeout: 30_000 });
  return page.getByTestId('project-row');
}

/** The top of the page as a reader sees it first, and the whole page. */
async function screenshot(page: Page, language: string) {
  await mkdir(screenshots, { recursive: true });
  await page.setViewportSize({ width: 1280, height: 1500 });
  await page.waitForTimeout(300); // charts re-measure their width
  await page.screenshot({ path: `${screenshots}projects-${language}-${target}.png` });
  await page.screenshot({ path: `${screenshots}projects-${language}-full-${target}.png`, fullPage: true });
  await page.setViewportSize({ width: 1280, height: 800 });
}

/** `total` from the API for a filter, over plain HTTP as any client would ask. */
async function apiTotal(server: ApiServer, filter: Record<string, unknown>): Promise<number> {
  const input = encodeURIComponent(JSON.stringify({ filter, limit: 1 }));
  const response = await fetch(`${server.url}/trpc/project.list?input=${input}`);
  const body = (await response.json()) as { result: { data: { total: number } } };
  return body.result.data.total;
}

/** The ids of the first page of project.list for a sort, over plain HTTP. */
async function apiIds(server: ApiServer, sort: string, direction: string): Promise<string[]> {
  const input = encodeURIComponent(JSON.stringify({ filter: {}, sort, direction, limit: 50 }));
  const response = await fetch(`${server.url}/trpc/project.list?input=${input}`);
  const body = (await response.json()) as { result: { data: { rows: { id: number | string }[] } } };
  return body.result.data.rows.map((row) => String(row.id));
}

describe(`/projects served by the API (${target})`, () => {
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

  it('shows the projects, totals and filters, and takes screenshots (EN)', async () => {
    const page = await open('/projects');
    await page.getByRole('heading', { level: 2, name: 'Projects' }).waitFor();
    const rows = await settledRows(page);
    const total = await apiTotal(server, {});
    expect(total).toBeGreaterThan(0);
    await poll(() => page.getByTestId('result-count').textContent()).toBe(
      `${total.toLocaleString('en')} ${total === 1 ? 'project' : 'projects'}`,
    );
    expect(await rows.count()).toBe(Math.min(total, 50));
    await page.getByTestId('total-commitment').waitFor();
    for (const name of ['Committed', 'Disbursed', 'Pledged']) {
      await page.getByText(name, { exact: true }).first().waitFor();
    }
    await screenshot(page, 'en');
    await page.close();
  });

  it('filters by Tajikistan through the panel; the URL holds it, every row is Tajik, reload keeps it', async () => {
    const page = await open('/projects');
    await settledRows(page);
    await page.locator('section[aria-labelledby="filters-title"]:not([data-counts-stale])').waitFor();
    // Every tRPC call after the change, in the order the browser sent them and their answers ended.
    const events: { event: 'sent' | 'done'; procedures: string[] }[] = [];
    const proceduresOf = (url: string) => {
      const { pathname } = new URL(url);
      return pathname.startsWith('/trpc/') ? pathname.slice('/trpc/'.length).split(',') : undefined;
    };
    page.on('request', (request) => {
      const procedures = proceduresOf(request.url());
      if (procedures) events.push({ event: 'sent', procedures });
    });
    page.on('requestfinished', (request) => {
      const procedures = proceduresOf(request.url());
      if (procedures) events.push({ event: 'done', procedures });
    });
    const countries = page.getByRole('combobox', { name: 'Country' });
    await countries.click();
    await page.getByRole('option', { name: /Tajikistan/ }).click();
    await page.keyboard.press('Escape');

    await poll(() => urlFilter(page)).toEqual({ countries: ['TJ'] });
    const expected = await apiTotal(server, { countries: ['TJ'] });
    expect(expected).toBeGreaterThan(0);
    await expect.poll(async () => (await settledRows(page)).count()).toBe(Math.min(expected, 50));
    const tags = await page
      .getByTestId('project-row')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-countries') ?? ''));
    for (const codes of tags) expect(codes.split(' ')).toContain('TJ');

    // The table and the totals (which feed the charts too) were both asked for before either answered: no
    // waterfall (httpBatchStreamLink sends them in one request). The filter panel's counts are asked for
    // once both are in, so they do not compete with them for the server; then the options show them.
    const first = (event: 'sent' | 'done', procedure: string) =>
      events.findIndex((e) => e.event === event && e.procedures.includes(procedure));
    const firstAnswer = Math.min(
      ...events.flatMap((e, i) =>
        e.event === 'done' && e.procedures.some((p) => p !== 'user.me') ? [i] : [],
      ),
    );
    for (const procedure of ['project.list', 'stats.summary']) {
      expect(first('sent', procedure), procedure).toBeGreaterThanOrEqual(0);
      expect(first('sent', procedure), procedure).toBeLessThan(firstAnswer);
    }
    await poll(() => first('sent', 'project.facets')).toBeGreaterThan(first('done', 'stats.summary'));
    expect(first('sent', 'project.facets')).toBeGreaterThan(first('done', 'project.list'));
    await page.locator('section[aria-labelledby="filters-title"]:not([data-counts-stale])').waitFor();
    await countries.click();
    const tajik = page.getByRole('option', { name: /Tajikistan/ });
    await poll(() => tajik.textContent()).toMatch(new RegExp(`\\D${expected}$`));
    await page.keyboard.press('Escape');
    await poll(() => page.getByTestId('result-count').textContent()).toMatch(new RegExp(`^${expected} `));

    await page.reload();
    expect(urlFilter(page)).toEqual({ countries: ['TJ'] });
    await poll(async () => (await settledRows(page)).count()).toBe(Math.min(expected, 50));
    await poll(() => page.getByTestId('result-count').textContent()).toMatch(new RegExp(`^${expected} `));
    // The pill of the chosen country is in the (re-rendered) filter panel.
    await page.getByTestId('filter-countries').locator('..').getByText('Tajikistan').first().waitFor();

    // Back goes to the unfiltered list.
    await page.goBack();
    await poll(() => urlFilter(page)).toEqual({});
    const all = await apiTotal(server, {});
    await poll(() => page.getByTestId('result-count').textContent()).toMatch(
      new RegExp(`^${all.toLocaleString('en')} `),
    );
    await page.goForward();
    await poll(() => urlFilter(page)).toEqual({ countries: ['TJ'] });
    await page.close();
  });

  it('finds the seed project by a Thai word of its original title', async () => {
    const page = await open('/projects');
    await settledRows(page);
    await page.getByRole('searchbox', { name: 'Search' }).fill('อุตสาหกรรม');
    await poll(() => urlFilter(page)).toEqual({ q: 'อุตสาหกรรม' });
    await poll(async () => (await settledRows(page)).allTextContents()).toEqual(
      expect.arrayContaining([expect.stringContaining(SEED_TITLE)]),
    );
    expect(await apiTotal(server, { q: 'อุตสาหกรรม' })).toBeGreaterThanOrEqual(1);
    await page.close();
  });

  it('sorts by a column through the URL', async () => {
    const page = await open('/projects');
    await settledRows(page);
    await page.getByRole('button', { name: /^Quality/ }).click();
    await poll(() => urlFilter(page)).toEqual({ sort: 'quality', dir: 'desc' });
    expect(await page.locator('th[aria-sort="descending"]').textContent()).toMatch(/^Quality/);

    // A second click on a sorted column flips its direction, and the rows follow (not the cached rows of
    // the other direction: tRPC's infinite-query key leaves out `direction`).
    const shownIds = async () =>
      (await settledRows(page)).evaluateAll((r) => r.map((row) => row.getAttribute('data-id')));
    for (const [name, sort] of [
      [/^Committed/, 'committed'],
      [/^Title/, 'title'],
      [/^Start/, 'startYear'],
    ] as const) {
      const button = page.getByRole('button', { name });
      await button.click();
      await poll(() => urlFilter(page).sort ?? 'title').toBe(sort); // title: the default, left out
      const first = urlFilter(page).dir === 'desc' ? 'desc' : 'asc';
      await poll(shownIds).toEqual(await apiIds(server, sort, first));
      await button.click();
      const second = first === 'desc' ? 'asc' : 'desc';
      await poll(() => (urlFilter(page).dir ?? 'asc') === second).toBe(true);
      await poll(shownIds).toEqual(await apiIds(server, sort, second));
    }
    await page.close();
  });

  it('loads more rows, filters by years, shows the empty state and clears the filters', async () => {
    const page = await open('/projects');
    const rows = await settledRows(page);
    const total = await apiTotal(server, {});
    if (total > 50) {
      await page.getByTestId('load-more').click();
      await poll(() => rows.count()).toBe(Math.min(total, 100));
      const ids = await rows.evaluateAll((r) => r.map((row) => row.getAttribute('data-id')));
      expect(new Set(ids).size).toBe(ids.length); // the second page repeats nothing
    }

    await page.getByRole('textbox', { name: 'From year' }).fill('2015');
    await page.keyboard.press('Enter');
    await poll(() => urlFilter(page)).toEqual({ yearFrom: 2015 });
    const fromTotal = await apiTotal(server, { yearFrom: 2015 });
    await poll(() => page.getByTestId('result-count').textContent()).toMatch(
      new RegExp(`^${fromTotal.toLocaleString('en')} `),
    );

    await page.getByRole('searchbox', { name: 'Search' }).fill('zzqx no such project');
    await page.getByTestId('empty-state').waitFor();
    await page.getByTestId('empty-state').getByRole('button', { name: 'Clear filters' }).click();
    await poll(() => urlFilter(page)).toEqual({});
    await poll(() => page.getByTestId('result-count').textContent()).toMatch(
      new RegExp(`^${total.toLocaleString('en')} `),
    );
    expect(await page.getByRole('searchbox', { name: 'Search' }).inputValue()).toBe('');
    await page.close();
  });

  it('opens a project from the list, keeping the list in the project page URL', async () => {
    const page = await open(`/projects?countries=${encodeURIComponent('["TJ"]')}`);
    const rows = await settledRows(page);
    const first = rows.first();
    const id = await first.getAttribute('data-id');
    await first.getByRole('link').click();
    await poll(() => new URL(page.url()).pathname).toBe(`/projects/${id}`);
    expect(urlFilter(page)).toEqual({ countries: ['TJ'] });
    await page.close();
  });

  it('opens a URL with invalid parameters, drops them and says which', async () => {
    const page = await open(
      `/projects?countries=${encodeURIComponent('["XX","TJ"]')}&yearFrom=${encodeURIComponent('"abc"')}`,
    );
    const notice = page.getByTestId('filter-notice');
    await notice.waitFor();
    const text = (await notice.textContent()) ?? '';
    expect(text).toContain('countries = XX: unknown country code');
    expect(text).toContain('yearFrom = abc: not a year between 1950 and 2100');
    // The address no longer holds the bad values; the valid part still applies.
    await poll(() => urlFilter(page)).toEqual({ countries: ['TJ'] });
    const expected = await apiTotal(server, { countries: ['TJ'] });
    await poll(() => page.getByTestId('result-count').textContent()).toMatch(new RegExp(`^${expected} `));
    // The notice stays until closed or the filter changes.
    await notice.getByRole('button', { name: 'Close' }).click();
    await poll(() => notice.count()).toBe(0);
    await page.close();
  });

  it('switches to Russian: labels, numbers and <html lang>; the choice is remembered', async () => {
    const page = await open('/projects');
    await settledRows(page);
    await page.getByText('Русский', { exact: true }).click();
    await page.getByRole('heading', { level: 2, name: 'Проекты' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('ru');
    const nav = page.getByRole('navigation', { name: 'Основное меню' });
    expect(await nav.getByRole('link').allTextContents()).toEqual([
      'Обзор',
      'Проекты',
      'События',
      'Карта',
      'Страны',
      'Изменения',
    ]);
    expect(await page.locator('thead th').first().textContent()).toMatch(/^Название/);
    await page.getByText('Обязательства', { exact: true }).first().waitFor();
    await page.getByRole('combobox', { name: 'Страна' }).waitFor();
    await poll(() => page.getByTestId('result-count').textContent()).toMatch(/проект/);

    await page.reload();
    await page.getByRole('heading', { level: 2, name: 'Проекты' }).waitFor();
    await settledRows(page);
    await page.getByTestId('total-commitment').waitFor();
    await screenshot(page, 'ru');
    // At a 1280-px window the Russian table fits its container (no sideways scrolling).
    const fit = await page.evaluate(() => {
      const table = document.querySelector('table');
      let box = table?.parentElement ?? null;
      while (box && !/auto|scroll/.test(getComputedStyle(box).overflowX)) box = box.parentElement;
      return { table: table?.getBoundingClientRect().width, box: box?.clientWidth };
    });
    expect(fit.table).toBeLessThanOrEqual(fit.box ?? 0);

    await page.getByText('English', { exact: true }).click();
    await page.getByRole('heading', { level: 2, name: 'Projects' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await page.close();
  });

  it('works from the keyboard, with a visible focus', async () => {
    const page = await open('/projects');
    await settledRows(page);
    const status = page.getByRole('combobox', { name: 'Status' });
    await status.focus();
    await page.keyboard.type('Implem');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Escape');
    await poll(() => urlFilter(page)).toEqual({ statuses: [2] });

    // Tab from the last column header's neighbour onto a sort button: the focus ring shows.
    await page.getByRole('button', { name: /^Start/ }).focus();
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Tab');
    const outline = await page.evaluate(() => {
      const el = document.activeElement;
      return el ? getComputedStyle(el).outlineStyle : 'none';
    });
    expect(outline).not.toBe('none');
    await page.keyboard.press('Enter');
    await poll(() => urlFilter(page)).toEqual({ statuses: [2], sort: 'startYear', dir: 'desc' });
    await page.close();
  });

  it('has no serious or critical axe violations (EN and RU)', async () => {
    const axeSource = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
    for (const [language, code] of [
      ['English', 'en'],
      ['Русский', 'ru'],
    ] as const) {
      const page = await open('/projects?countries=%5B%22XX%22%5D');
      await settledRows(page);
      await page.getByText(language, { exact: true }).click();
      await page.waitForFunction((lang) => document.documentElement.lang === lang, code);
      await page.getByTestId('filter-notice').waitFor();
      await page.waitForTimeout(500); // transitions (button colours) settle
      // Under the app's CSP a script tag would be refused; evaluate the source instead.
      await page.evaluate(axeSource);
      const violations = await page.evaluate(async () => {
        const axe = (window as unknown as { axe: { run: () => Promise<AxeResults> } }).axe;
        type AxeResults = {
          violations: { id: string; impact: string | null; nodes: { target: string[] }[] }[];
        };
        const results = await axe.run();
        return results.violations.map((v) => ({
          id: v.id,
          impact: v.impact,
          nodes: v.nodes.map((n) => n.target.join(' ')),
        }));
      });
      const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      expect(serious, `${language}: ${JSON.stringify(serious, null, 1)}`).toEqual([]);
      await page.getByText('English', { exact: true }).click();
      await page.close();
    }
  });

  it('threw no errors in the page', () => {
    expect(pageErrors, server.output()).toEqual([]);
  });
});
