import { execFileSync } from 'node:child_process';
import { mkdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { CHOROPLETH_COLORS } from '@srt/shared/choropleth';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiServer, startApiServer } from './api-server.ts';
import { type Browser, launchBrowser } from './browser.ts';

const screenshots = fileURLToPath(new URL('./screenshots/', import.meta.url));
const databaseUrl = process.env.TEST_DATABASE_URL;
const target = databaseUrl ? 'postgres' : 'pglite';
const COUNTRIES = ['AZ', 'TJ', 'TM', 'UZ'] as const;
const NAMES = {
  en: { AZ: 'Azerbaijan', TJ: 'Tajikistan', TM: 'Turkmenistan', UZ: 'Uzbekistan' },
  ru: { AZ: 'Азербайджан', TJ: 'Таджикистан', TM: 'Туркменистан', UZ: 'Узбекистан' },
} as const;
/** Admin-1 shapes per country in the shipped Natural Earth file. */
const REGIONS = { AZ: 78, TJ: 5, TM: 5, UZ: 14 } as const;

type Language = 'en' | 'ru';
type Violation = { id: string; impact: string | null; nodes: string[] };

describe(`country briefs (${target})`, () => {
  let server: ApiServer;
  let browser: Browser;
  let axeSource: string;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    server = await startApiServer({ databaseUrl });
    browser = await launchBrowser();
    axeSource = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
    await mkdir(screenshots, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** A procedure's result over plain HTTP, as any client would read it. */
  async function query<T>(path: string, input: unknown): Promise<T> {
    const response = await fetch(
      `${server.url}/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`,
    );
    const body = (await response.json()) as { result: { data: T } };
    return body.result.data;
  }

  async function openBrief(path: string, language: Language = 'en'): Promise<Page> {
    const page = await browser.context.newPage();
    page.on('pageerror', (error) => pageErrors.push(`${path}: ${error.message}`));
    await page.addInitScript((lang) => localStorage.setItem('srt.language', lang), language);
    await page.goto(`${server.url}${path}`);
    await page.locator('[data-testid="brief"][data-ready="true"]').waitFor({ timeout: 30_000 });
    await page.locator('[data-testid="brief-map"] path.leaflet-interactive').first().waitFor();
    // The year chart is drawn (Recharts loads lazily), or says it has no amounts.
    await page.waitForFunction(() => {
      const chart = document.querySelector('[data-testid="chart-year"]');
      return chart && (chart.querySelector('.recharts-surface') || !chart.querySelector('button'));
    });
    // Leaflet opens on its bounds without animating; make sure no zoom animation is left.
    await page.waitForFunction(() => !document.querySelector('.leaflet-zoom-anim'));
    return page;
  }

  /** Prints the page as Chromium's "Save as PDF" does, and counts the pages with poppler's pdfinfo. */
  async function pdfPages(page: Page, name: string): Promise<number> {
    const path = `${screenshots}${name}.pdf`;
    await page.pdf({ path, format: 'A4', printBackground: true });
    const info = execFileSync('pdfinfo', [path], { encoding: 'utf8' });
    return Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]);
  }

  async function axeViolations(page: Page): Promise<Violation[]> {
    // Under the app's CSP a script tag would be refused; evaluate the source instead.
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
        nodes: v.nodes.map((n) => n.target.join(' ')),
      }));
    });
    return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  }

  for (const country of COUNTRIES) {
    it(`${country}: key figures, a filled region map, one A4 page, no serious axe violations`, async () => {
      const page = await openBrief(`/countries/${country}`);
      // Printed at once, without print emulation first (as "Save as PDF" does): one A4 page, without the
      // app shell. Print rules that relied on :has() were not re-evaluated then (4 pages, nav over the title).
      expect(await pdfPages(page, `brief-${country}-en-plain-${target}`)).toBe(1);
      expect(await page.getByRole('heading', { level: 2, name: NAMES.en[country] }).isVisible()).toBe(true);

      // The figures are stats.summary's for the country.
      const summary = await query<{
        counts: { projects: number };
        totals: { flow: string; priceBasis: string; usd: string | null }[];
      }>('stats.summary', { countries: [country] });
      expect(await page.getByTestId('brief-projects').textContent()).toBe(
        new Intl.NumberFormat('en').format(summary.counts.projects),
      );
      const committed = summary.totals.find((t) => t.flow === 'commitment' && t.priceBasis === 'nominal');
      if (committed?.usd) {
        expect(await page.getByTestId('brief-commitment').getAttribute('title')).toBe(
          new Intl.NumberFormat('en', {
            style: 'currency',
            currency: 'USD',
            maximumFractionDigits: 0,
          }).format(committed.usd as Intl.StringNumericLiteral),
        );
      }
      expect(await page.getByTestId('brief-figure').count()).toBe(4);

      // Every region of the country is drawn; those with projects in a class colour of the palette,
      // matching map.summary's regions.
      const paths = page.locator('[data-testid="brief-map"] path.leaflet-interactive');
      expect(await paths.count()).toBe(REGIONS[country]);
      const fills = await paths.evaluateAll((elements) =>
        elements.map((e) => ({
          key: e.getAttribute('data-choropleth-key'),
          fill: e.getAttribute('fill'),
          name: e.getAttribute('aria-label'),
        })),
      );
      const map = await query<{ regions: { region: string; country: string; projects: number }[] }>(
        'map.summary',
        { countries: [country] },
      );
      const located = new Set(
        map.regions.filter((r) => r.country === country && r.projects > 0).map((r) => r.region),
      );
      const filled = fills.filter((f) => (CHOROPLETH_COLORS as readonly string[]).includes(f.fill ?? ''));
      expect(located.size).toBeGreaterThan(0);
      expect(new Set(filled.map((f) => f.key))).toEqual(located);
      for (const f of fills) expect(f.name, String(f.key)).toBeTruthy();
      expect(await page.getByTestId('choropleth-legend').locator('li').count()).toBeGreaterThan(1);

      // Top tables, events and sources are there.
      expect(await page.getByTestId('brief-top-sector').locator('tbody tr').count()).toBeGreaterThan(0);
      expect(await page.getByTestId('brief-sources').locator('li').count()).toBeGreaterThan(0);
      expect(await page.getByTestId('brief-as-of').textContent()).toMatch(/Data as of \d{1,2} \w+ \d{4}/);

      await page.screenshot({ path: `${screenshots}brief-${country}-en-${target}.png`, fullPage: true });
      expect(await axeViolations(page)).toEqual([]);

      // Print: the app shell is hidden, and the brief is exactly one A4 page (also printed straight away,
      // without print emulation: see the start of this test).
      await page.emulateMedia({ media: 'print' });
      const shown = await page.evaluate(() =>
        [...document.querySelectorAll('header, footer, nav')]
          .filter((e) => !e.closest('[data-testid="brief"]') && e.checkVisibility())
          .map((e) => e.tagName),
      );
      expect(shown).toEqual([]);
      expect(await page.getByTestId('brief-print').isVisible()).toBe(false);
      expect(await pdfPages(page, `brief-${country}-en-${target}`)).toBe(1);
      await page.close();
    });
  }

  for (const country of COUNTRIES) {
    it(`${country} in Russian: one A4 page, no serious axe violations`, async () => {
      const page = await openBrief(`/countries/${country}`, 'ru');
      expect(await page.getByRole('heading', { level: 2, name: NAMES.ru[country] }).isVisible()).toBe(true);
      expect(await page.getByTestId('brief-as-of').textContent()).toMatch(/^Данные на /);
      expect(await page.getByRole('button', { name: 'Печать / сохранить в PDF' }).isVisible()).toBe(true);
      expect(await axeViolations(page)).toEqual([]);
      await page.screenshot({ path: `${screenshots}brief-${country}-ru-${target}.png`, fullPage: true });
      expect(await pdfPages(page, `brief-${country}-ru-${target}`)).toBe(1);
      await page.close();
    });
  }

  it('renders a printed brief as an image (pdftoppm) to look at', () => {
    const pdf = `${screenshots}brief-UZ-en-${target}.pdf`;
    execFileSync('pdftoppm', [
      '-png',
      '-r',
      '60',
      '-singlefile',
      pdf,
      `${screenshots}brief-UZ-en-${target}-pdf`,
    ]);
  });

  it('takes the URL filter, with the country fixed by the path', async () => {
    const page = await openBrief('/countries/UZ?initiatives=%5B%22unido%22%5D&countries=%5B%22TJ%22%5D');
    const summary = await query<{ counts: { projects: number } }>('stats.summary', {
      countries: ['UZ'],
      initiatives: ['unido'],
    });
    expect(await page.getByTestId('brief-projects').textContent()).toBe(
      new Intl.NumberFormat('en').format(summary.counts.projects),
    );
    expect(await page.getByTestId('brief-filter').textContent()).toMatch(/^Filter: .*UNIDO/);
    expect(await page.getByRole('heading', { level: 2 }).textContent()).toBe('Uzbekistan');
    // The links to the other briefs keep the filter.
    const link = page.getByRole('link', { name: 'Tajikistan' });
    expect(decodeURIComponent((await link.getAttribute('href')) ?? '')).toContain('initiatives=["unido"]');
    await page.close();
  });

  it('shows a not-found state for a country without a brief, and accepts a lower-case code', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${server.url}/countries/KZ`);
    await page.getByTestId('brief-not-found').waitFor();
    expect(await page.getByRole('heading', { level: 2 }).textContent()).toBe('No brief for “KZ”');
    expect(await page.getByTestId('brief-links').getByRole('link').count()).toBe(4);
    await page.goto(`${server.url}/countries/tj`);
    await page.locator('[data-testid="brief"]').waitFor();
    expect(new URL(page.url()).pathname).toBe('/countries/TJ');
    await page.goto(`${server.url}/countries`);
    await page.getByRole('heading', { level: 2, name: 'Country briefs' }).waitFor();
    expect(await page.getByTestId('brief-links').getByRole('link').allTextContents()).toEqual([
      'Azerbaijan',
      'Tajikistan',
      'Turkmenistan',
      'Uzbekistan',
    ]);
    await page.close();
  });

  it('threw no errors in the page', () => {
    expect(pageErrors, server.output()).toEqual([]);
  });
});
