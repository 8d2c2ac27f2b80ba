/**
 * How fast /projects follows a filter change (`pnpm --filter @srt/web bench:filter`; heavy, not part of
 * the tests). Issue 4, item 10: after a filter change, table, totals and charts update with parallel
 * requests (no waterfall) in ≤ 1.5× the slowest single API call.
 *
 * Needs the built app (`pnpm build`) and a PostgreSQL database with the synthetic corpus, e.g.
 *   createdb synth100k && DATABASE_URL=postgres://…/synth100k pnpm db:synth --projects 100000
 * then `BENCH_DATABASE_URL=postgres://…/synth100k pnpm --filter @srt/web bench:filter [--runs 3]`.
 *
 * Each run opens /projects in a fresh page, waits until everything has settled (table, totals, charts
 * and the filter panel's counts), picks Country → Tajikistan and times, in the page, from the click on
 * the option until — in one animation frame — the table shows only Tajik rows, the totals show the new
 * count and every chart card is no longer busy. The requests come from Resource Timing. Once the filter
 * panel's counts have settled too, each call the update waited for (`project.list`, `stats.summary`) is
 * made alone with the same input, and `project.facets` as well, for comparison. Prints a Markdown report
 * (docs/performance.md, "Explorer").
 */
import { loadavg } from 'node:os';
import type { Page } from 'playwright-core';
import { startApiServer } from './api-server.ts';
import { launchBrowser } from './browser.ts';

const databaseUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://app:app@127.0.0.1:5432/synth100k';
const runsArg = process.argv.indexOf('--runs');
const runs = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 3;
const log = (line = '') => process.stdout.write(`${line}\n`);

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};

type Request = { procedures: string[]; inputs: unknown[]; start: number; end: number };
type Run = {
  updated: number;
  countsUpdated: number;
  requests: Request[];
  alone: Record<string, number>;
  load: number;
};

const settled = (page: Page) =>
  page.waitForFunction(
    () =>
      document.querySelector('table[aria-busy="false"]') !== null &&
      document.querySelector('section[aria-labelledby="totals-title"][aria-busy="false"]') !== null &&
      document.querySelectorAll('[data-testid^="chart-"][aria-busy="false"]').length >= 4 &&
      document.querySelector('section[aria-labelledby="filters-title"]:not([data-counts-stale])') !== null,
    undefined,
    { timeout: 180_000 },
  );

async function timeAlone(base: string, procedure: string, input: unknown): Promise<number> {
  const started = performance.now();
  const response = await fetch(
    `${base}/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify(input))}`,
  );
  await response.arrayBuffer();
  if (!response.ok) throw new Error(`${procedure} answered ${response.status}`);
  return performance.now() - started;
}

async function oneRun(page: Page, base: string): Promise<Run> {
  await page.goto(`${base}/projects`);
  await settled(page);
  await page.waitForTimeout(1000);
  const before = await page.getByTestId('result-count').textContent();
  await page.getByRole('combobox', { name: 'Country' }).click();
  const option = page.getByRole('option', { name: /Tajikistan/ });
  await option.waitFor();
  // A string, not a function: tsx would add its `__name` helper to a function, which the page lacks.
  await page.evaluate(`(() => {
    const oldCount = ${JSON.stringify(before)};
    const w = window;
    performance.clearResourceTimings();
    document.addEventListener('click', () => { if (w.__t0 === undefined) w.__t0 = performance.now(); }, true);
    const check = () => {
      const rows = [...document.querySelectorAll('[data-testid="project-row"]')];
      const table = document.querySelector('table[aria-busy="false"]') !== null && rows.length > 0 &&
        rows.every((r) => (r.getAttribute('data-countries') || '').split(' ').includes('TJ'));
      const count = document.querySelector('[data-testid="result-count"]')?.textContent;
      const totals = document.querySelector('section[aria-labelledby="totals-title"]')?.getAttribute('aria-busy') === 'false' &&
        count !== oldCount;
      const charts = [...document.querySelectorAll('[data-testid^="chart-"][aria-busy]')];
      const chartsDone = charts.length > 0 && charts.every((c) => c.getAttribute('aria-busy') === 'false');
      const counts = document.querySelector('section[aria-labelledby="filters-title"]:not([data-counts-stale])') !== null;
      if (w.__t0 !== undefined && table && totals && chartsDone && w.__done === undefined) w.__done = performance.now();
      if (w.__done !== undefined && counts) { w.__counts = performance.now(); return; }
      requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  })()`);
  await option.click();
  await page.waitForFunction(
    () => (window as unknown as { __counts?: number }).__counts !== undefined,
    undefined,
    {
      timeout: 180_000,
    },
  );
  const measured = await page.evaluate(() => {
    const w = window as unknown as { __t0: number; __done: number; __counts: number };
    const requests = performance
      .getEntriesByType('resource')
      .filter((e) => e.name.includes('/trpc/'))
      .map((e) => {
        const r = e as PerformanceResourceTiming;
        return { url: r.name, start: r.startTime - w.__t0, end: r.responseEnd - w.__t0 };
      });
    return { updated: w.__done - w.__t0, countsUpdated: w.__counts - w.__t0, requests };
  });
  const requests: Request[] = measured.requests.map((r) => {
    const url = new URL(r.url);
    const procedures = url.pathname.slice('/trpc/'.length).split(',');
    const input = JSON.parse(url.searchParams.get('input') ?? '{}') as Record<string, unknown>;
    const inputs = procedures.map((_, i) => (procedures.length > 1 ? input[String(i)] : input));
    return { procedures, inputs, start: r.start, end: r.end };
  });
  const load = loadavg()[0] ?? 0;
  const alone: Record<string, number> = {};
  for (const request of requests) {
    for (const [i, procedure] of request.procedures.entries()) {
      alone[procedure] = await timeAlone(base, procedure, request.inputs[i]);
    }
  }
  return { ...measured, requests, alone, load };
}

const server = await startApiServer({
  databaseUrl,
  shareDatabase: true,
  env: { DEMO_DATA: 'false', LOG_LEVEL: 'warn' },
});
const browser = await launchBrowser();
const results: Run[] = [];
try {
  const page = await browser.context.newPage();
  for (let i = 0; i < runs; i++) {
    const run = await oneRun(page, server.url);
    results.push(run);
    log(`run ${i + 1}: ${JSON.stringify(run)}`);
  }
} finally {
  await browser.close();
  await server.stop();
}

const round = (n: number | undefined) => (n === undefined ? '—' : Math.round(n).toLocaleString('en'));
log();
log(`Database: ${new URL(databaseUrl).pathname.slice(1)}; filter change: Country → Tajikistan.`);
log();
log(
  '| run | click → table, totals, charts updated | requests after the click (start → end) | `project.list` alone | `stats.summary` alone | slowest of those alone | ratio | click → filter counts updated | `project.facets` alone | load |',
);
log('| --: | --: | --- | --: | --: | --: | --: | --: | --: | --: |');
const ratios: number[] = [];
for (const [i, run] of results.entries()) {
  const slowest = Math.max(run.alone['project.list'] ?? 0, run.alone['stats.summary'] ?? 0);
  const ratio = run.updated / slowest;
  ratios.push(ratio);
  const requests = run.requests
    .map((r) => `${r.procedures.join(', ')}: ${round(r.start)} → ${round(r.end)} ms`)
    .join('; ');
  log(
    `| ${i + 1} | ${round(run.updated)} ms | ${requests} | ${round(run.alone['project.list'])} ms | ${round(run.alone['stats.summary'])} ms | ${round(slowest)} ms | ${ratio.toFixed(2)}× | ${round(run.countsUpdated)} ms | ${round(run.alone['project.facets'])} ms | ${run.load.toFixed(1)} |`,
  );
}
log();
log(`Median ratio: ${median(ratios).toFixed(2)}× (goal ≤ 1.5×).`);
