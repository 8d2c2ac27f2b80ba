import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { countryName } from '@srt/shared/codes';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiServer, startApiServer } from './api-server.ts';
import { type Browser, launchBrowser } from './browser.ts';

const screenshots = fileURLToPath(new URL('./screenshots/', import.meta.url));
const databaseUrl = process.env.TEST_DATABASE_URL;
const target = databaseUrl ? 'postgres' : 'pglite';
const CHART_FLOWS = ['pledge', 'commitment', 'disbursement'];
/** Data arrive from a freshly seeded database on a busy machine: give the page time. */
const WAIT = { timeout: 30_000 };

type Amount = { flow: string; usd: string | null };
type Summary = {
  counts: { projects: number; events: number };
  byYear: (Amount & { year: number | null })[];
  byCountry: (Amount & { country: string | null })[];
};

/** stats.summary over plain HTTP, as any client would ask. */
async function apiSummary(server: ApiServer, filter: Record<string, unknown> = {}): Promise<Summary> {
  const response = await fetch(
    `${server.url}/trpc/stats.summary?input=${encodeURIComponent(JSON.stringify(filter))}`,
  );
  const body = (await response.json()) as { result: { data: Summary } };
  return body.result.data;
}

const hasAmount = (amounts: Amount[]) => amounts.some((a) => CHART_FLOWS.includes(a.flow) && a.usd !== null);

/**
 * The drawn bars of a chart, once Recharts (a lazy chunk) has loaded and drawn them. Recharts 3 draws a
 * bar as `<path class="recharts-rectangle">` (not a `<rect>`) inside `.recharts-bar-rectangle`.
 */
async function bars(chart: Locator): Promise<Locator> {
  const rects = chart.locator('svg .recharts-bar-rectangle .recharts-rectangle');
  await rects.first().waitFor({ timeout: 30_000 });
  return rects;
}

/** A bar drawn in the `index`-th band (row) of a horizontal bar chart. */
async function barInBand(chart: Locator, index: number): Promise<Locator> {
  const rects = await bars(chart);
  const tick = chart.locator('.recharts-yAxis .recharts-cartesian-axis-tick').nth(index);
  const band = await tick.boundingBox();
  if (!band) throw new Error(`No tick ${index}`);
  const middle = band.y + band.height / 2;
  const count = await rects.count();
  for (let i = 0; i < count; i++) {
    const box = await rects.nth(i).boundingBox();
    if (box && box.width > 0 && Math.abs(box.y + box.height / 2 - middle) < 20) return rects.nth(i);
  }
  throw new Error(`No bar in band ${index}`);
}

describe(`funding charts and overview served by the API (${target})`, () => {
  let server: ApiServer;
  let browser: Browser;
  let summary: Summary;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    server = await startApiServer({ databaseUrl });
    browser = await launchBrowser();
    summary = await apiSummary(server);
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

  it('has funding in the demo data (else the chart checks below prove nothing)', () => {
    expect(hasAmount(summary.byYear)).toBe(true);
    expect(hasAmount(summary.byCountry)).toBe(true);
  });

  it('overview: key figures, funding by year with bars, the latest events; screenshot', async () => {
    const page = await open('/');
    await page.getByRole('heading', { level: 2, name: 'Overview' }).waitFor();
    const figures = page.getByTestId('key-figure');
    await expect.poll(() => figures.count(), WAIT).toBe(5);
    await expect
      .poll(() => figures.first().textContent(), WAIT)
      .toBe(`Projects${summary.counts.projects.toLocaleString('en')}`);
    for (const name of ['Committed', 'Disbursed', 'Pledged', 'Events'])
      await figures.filter({ hasText: name }).first().waitFor();

    const yearChart = page.getByTestId('chart-year');
    expect(await (await bars(yearChart)).count()).toBeGreaterThan(0);
    expect(await yearChart.getByRole('heading', { name: 'Funding by year' }).count()).toBe(1);

    const events = page.getByTestId('latest-events').getByRole('listitem');
    await events.first().waitFor();
    const shown = await events.count();
    expect(shown).toBeGreaterThanOrEqual(Math.min(5, summary.counts.events));
    expect(shown).toBeLessThanOrEqual(8);
    expect(await events.first().getByRole('link').getAttribute('href')).toMatch(/^\/events\/[0-9a-f-]{36}$/);

    await page.getByTestId('overview-map').waitFor();
    await mkdir(screenshots, { recursive: true });
    await page.screenshot({ path: `${screenshots}overview-${target}.png`, fullPage: true });
    await yearChart.screenshot({ path: `${screenshots}chart-year-${target}.png` });
    await page.close();
  });

  it('overview: "show as table" shows the same years as rows, with exact amounts', async () => {
    const page = await open('/');
    const yearChart = page.getByTestId('chart-year');
    await bars(yearChart);
    await yearChart.getByRole('button', { name: 'Show as table' }).click();
    const table = yearChart.getByRole('table', { name: 'Funding by year' });
    const years = summary.byYear.map((r) => r.year).filter((y): y is number => y !== null);
    const span = Math.max(...years) - Math.min(...years) + 1;
    const undated = summary.byYear.some((r) => r.year === null && CHART_FLOWS.includes(r.flow)) ? 1 : 0;
    await expect.poll(() => table.locator('tbody tr').count(), WAIT).toBe(span + undated);
    expect(await table.getByRole('columnheader', { name: 'Committed', exact: true }).count()).toBe(1);
    await yearChart.getByRole('button', { name: 'Show as chart' }).click();
    await bars(yearChart);
    await page.close();
  });

  it('overview: clicking a year bar puts that year in the URL', async () => {
    const page = await open('/');
    const rects = await bars(page.getByTestId('chart-year'));
    await rects.last().click();
    await expect.poll(() => new URL(page.url()).searchParams.get('yearFrom'), WAIT).toMatch(/^\d{4}$/);
    const url = new URL(page.url());
    expect(url.searchParams.get('yearTo')).toBe(url.searchParams.get('yearFrom'));
    await page.getByText('Filtered by 2 criteria.').waitFor();
    await page.close();
  });

  it('/projects: four charts with bars on the page filter; table view; a country bar adds the country', async () => {
    const page = await open('/projects');
    const section = page.getByTestId('funding-charts');
    await section.waitFor({ timeout: 30_000 });
    for (const dimension of ['year', 'country', 'sector', 'funder'])
      expect(
        await (await bars(section.getByTestId(`chart-${dimension}`))).count(),
        dimension,
      ).toBeGreaterThan(0);
    await section.scrollIntoViewIfNeeded();
    await section.screenshot({ path: `${screenshots}charts-projects-${target}.png` });

    const countryChart = section.getByTestId('chart-country');
    await countryChart.getByRole('button', { name: 'Show as table' }).click();
    const rows = countryChart.getByRole('table').locator('tbody tr');
    await expect.poll(() => rows.count(), WAIT).toBeGreaterThan(0);
    expect(await rows.count()).toBeLessThanOrEqual(11);
    await countryChart.screenshot({ path: `${screenshots}chart-country-table-${target}.png` });
    await countryChart.getByRole('button', { name: 'Show as chart' }).click();

    // A click on a country's name (not the first band) selects that country, not the first row.
    await bars(countryChart);
    const ticks = countryChart.locator('svg .recharts-yAxis-tick-labels .recharts-cartesian-axis-tick-label');
    expect(await ticks.count()).toBeGreaterThan(1);
    const tickIndex = 1;
    const tickName = (await ticks.nth(tickIndex).textContent()) ?? '';
    await ticks.nth(tickIndex).locator('text').click();
    await expect
      .poll(() => new URL(page.url()).searchParams.get('countries'), WAIT)
      .toMatch(/^\["[A-Z]{2}"\]$/);
    const tickCode = (JSON.parse(new URL(page.url()).searchParams.get('countries') ?? '[]') as string[])[0];
    expect(countryName(tickCode ?? ''), tickCode).toBe(tickName);
    await page.goto(`${server.url}/projects`);
    await section.getByTestId('chart-country').waitFor(WAIT);

    // The top country (the first band): click one of its bars.
    const top = await barInBand(countryChart, 0);
    await top.click();
    await expect
      .poll(() => new URL(page.url()).searchParams.get('countries'), WAIT)
      .toMatch(/^\["[A-Z]{2}"\]$/);
    const code = (JSON.parse(new URL(page.url()).searchParams.get('countries') ?? '[]') as string[])[0];
    const filtered = await apiSummary(server, { countries: [code] });
    await expect
      .poll(() => page.getByTestId('result-count').textContent(), WAIT)
      .toContain(filtered.counts.projects.toLocaleString('en'));
    await page.close();
  });

  it('raised no page errors', () => {
    expect(pageErrors, server.output()).toEqual([]);
  });
});
