/**
 * The map's speed at 100 000 points (`pnpm --filter @srt/web bench:map`; heavy, not part of the tests).
 *
 * Needs a PostgreSQL database holding ≥ 100 000 drawable pins, e.g. a synthetic corpus:
 *   createdb synth_map && DATABASE_URL=postgres://…/synth_map pnpm db:synth --projects 113000
 * then `BENCH_DATABASE_URL=postgres://…/synth_map pnpm --filter @srt/web bench:map`.
 *
 * It builds the app and a benchmark page, starts the API on that database, and measures in chromium:
 * 1. the payload of `map.points` (JSON bytes, and gzip as a compressing proxy would send it);
 * 2. the real /map page: data arrived → clusters drawn (performance marks of ClusterLayer), and the
 *    re-clustering of every pan and zoom made with the mouse;
 * 3. the benchmark page (e2e/map-bench/): the app's clustering (supercluster + createClusterDrawer) and plain
 *    leaflet.markercluster 1.5.3 on the same points, map size and 20 views, in the same browser run.
 * Prints a Markdown report (docs/performance.md, "Map").
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { EncodedPoints } from '@srt/shared/map-points';
import type { Page } from 'playwright-core';
import { build } from 'vite';
import { startApiServer } from './api-server.ts';
import { launchBrowser } from './browser.ts';
import type { BenchResult, Variant } from './map-bench/page.ts';

const webDir = fileURLToPath(new URL('../', import.meta.url));
const benchDir = fileURLToPath(new URL('./map-bench/', import.meta.url));
const databaseUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://app:app@127.0.0.1:5432/synth_map';
const BENCH_ORIGIN = 'http://bench.invalid';
const log = (line = '') => process.stdout.write(`${line}\n`);

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};
const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
};
const ms = (n: number) => `${n.toFixed(n < 10 ? 1 : 0)} ms`;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

async function measureApp(page: Page, url: string) {
  await page.goto(url);
  await page.waitForFunction(() => performance.getEntriesByName('map:drawn').length > 0, null, {
    timeout: 120_000,
  });
  const drawn = await page.evaluate(() => {
    const data = performance.getEntriesByName('map:data')[0];
    const drawnEntry = performance.getEntriesByName('map:drawn')[0];
    const index = performance.getEntriesByName('map:index')[0];
    const first = performance.getEntriesByName('map:recluster')[0];
    return {
      dataToDrawn: drawnEntry && data ? drawnEntry.startTime + drawnEntry.duration - data.startTime : -1,
      index: index?.duration ?? -1,
      firstDraw: first?.duration ?? -1,
    };
  });
  const map = page.locator('[data-testid="officials-map"] .leaflet-container');
  const box = await map.boundingBox();
  if (!box) throw new Error('no map on the page');
  const centre = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  const count = () => page.evaluate(() => performance.getEntriesByName('map:recluster').length);
  const settle = async (before: number) => {
    await page.waitForFunction((n) => performance.getEntriesByName('map:recluster').length > n, before, {
      timeout: 30_000,
    });
    await page.waitForFunction(() => !document.querySelector('.leaflet-zoom-anim'));
    await page.waitForTimeout(150);
  };
  // Zoom in on Tashkent's side of the map, pan about, zoom out: every move re-clusters.
  const moves: (() => Promise<void>)[] = [];
  // Zoom in where the pins are: on the biggest cluster in view.
  const biggestCluster = () =>
    page.evaluate(() => {
      let best: { x: number; y: number; n: number } | null = null;
      for (const el of document.querySelectorAll('.leaflet-pins-pane .leaflet-marker-icon')) {
        const text = el.textContent ?? '';
        const n = text.endsWith('k') ? Number.parseFloat(text) * 1000 : Number(text);
        const r = el.getBoundingClientRect();
        if (!best || n > best.n) best = { x: r.x + r.width / 2, y: r.y + r.height / 2, n };
      }
      return best;
    });
  for (let i = 0; i < 4; i++)
    moves.push(async () => {
      const target = (await biggestCluster()) ?? centre;
      await page.mouse.move(target.x, target.y);
      await page.mouse.wheel(0, -240);
    });
  for (const [dx, dy] of [
    [-300, 0],
    [0, 200],
    [300, 0],
    [0, -200],
    [-200, -150],
    [250, 120],
  ] as const)
    moves.push(async () => {
      await page.mouse.move(centre.x, centre.y);
      await page.mouse.down();
      await page.mouse.move(centre.x + dx, centre.y + dy, { steps: 8 });
      await page.mouse.up();
    });
  for (let i = 0; i < 4; i++)
    moves.push(async () => {
      await page.mouse.move(centre.x, centre.y);
      await page.mouse.wheel(0, 240);
    });
  const skip = await count();
  for (const move of moves) {
    const before = await count();
    await move();
    await settle(before);
  }
  const entries = await page.evaluate(
    (n) =>
      performance
        .getEntriesByName('map:recluster')
        .slice(n)
        .map((e) => {
          const detail = (e as PerformanceMeasure).detail as { marks?: number; clusterMs?: number } | null;
          return { duration: e.duration, marks: detail?.marks ?? 0, clusterMs: detail?.clusterMs ?? 0 };
        }),
    skip,
  );
  log(
    `/map moves (ms / marks shown): ${entries.map((e) => `${e.duration.toFixed(1)}/${e.marks}`).join(' ')}`,
  );
  const recluster = entries.map((e) => e.duration);
  const clustering = entries.map((e) => e.clusterMs);
  return { ...drawn, recluster, clustering };
}

async function main() {
  log(`Building the app and the benchmark page…`);
  await build({ root: webDir, configFile: join(webDir, 'vite.config.ts'), logLevel: 'warn' });
  const benchOut = await mkdtemp(join(tmpdir(), 'srt-map-bench-'));
  await build({
    root: benchDir,
    configFile: false,
    logLevel: 'warn',
    build: { outDir: benchOut, emptyOutDir: true, target: 'es2022' },
  });

  log(`Starting the API on ${databaseUrl.replace(/\/\/[^@/]*@/, '//')}…`);
  const server = await startApiServer({ databaseUrl, shareDatabase: true });
  const browser = await launchBrowser();
  try {
    const loadBefore = loadavg()[0] ?? 0;
    const started = performance.now();
    const response = await fetch(`${server.url}/trpc/map.points`);
    const text = await response.text();
    const fetchMs = performance.now() - started;
    const encoded = (JSON.parse(text) as { result: { data: EncodedPoints } }).result.data;
    const points = encoded.precision.length;
    const gzip = gzipSync(text).length;
    log(
      `map.points: ${points.toLocaleString('en')} points, ${text.length.toLocaleString('en')} B JSON, ${gzip.toLocaleString('en')} B gzip, ${ms(fetchMs)} (server query + transfer, warm-up)`,
    );

    const page = await browser.context.newPage();
    page.setDefaultTimeout(120_000);
    const app = await measureApp(page, `${server.url}/map?level=%22country%22`);
    await page.close();

    const benchPage = await browser.context.newPage();
    benchPage.setDefaultTimeout(300_000);
    await benchPage.route(`${BENCH_ORIGIN}/**`, async (route) => {
      const path = new URL(route.request().url()).pathname;
      try {
        const body = await readFile(join(benchOut, path === '/' ? 'index.html' : path));
        await route.fulfill({
          body,
          contentType: CONTENT_TYPES[extname(path)] ?? 'application/octet-stream',
        });
      } catch {
        await route.fulfill({ status: 404, body: '' });
      }
    });
    await benchPage.goto(`${BENCH_ORIGIN}/index.html`);
    await benchPage.waitForFunction(() => typeof window.runMapBench === 'function');
    const run = (variant: Variant) =>
      benchPage.evaluate(([v, e]) => window.runMapBench(v, e), [variant, encoded] as const);
    const results: BenchResult[] = [];
    for (const variant of ['supercluster', 'markercluster', 'supercluster'] as const) {
      log(`bench page: ${variant}…`);
      results.push(await run(variant));
    }
    await benchPage.close();

    const [superFirst, marker, superSecond] = results;
    if (!superFirst || !marker || !superSecond) throw new Error('missing results');
    // The better of the two supercluster runs (before and after markercluster): warm and cold JIT alike.
    const sc = superSecond.initial < superFirst.initial ? superSecond : superFirst;
    log();
    log(
      `Load average (1 min) of this 2-core machine: ${loadBefore.toFixed(1)} before, ${(loadavg()[0] ?? 0).toFixed(1)} after.`,
    );
    log();
    log(`| measure (${points.toLocaleString('en')} points, chromium, 1200×800 map) | value |`);
    log('|---|---|');
    log(
      `| map.points payload | ${(text.length / 1e6).toFixed(2)} MB JSON, ${(gzip / 1e6).toFixed(2)} MB gzip |`,
    );
    log(
      `| /map: data arrived → clusters drawn and painted | ${ms(app.dataToDrawn)} (index ${ms(app.index)}, first draw ${ms(app.firstDraw)}) |`,
    );
    log(
      `| /map: per pan/zoom, clustering (index query) (${app.clustering.length} mouse moves) | median ${ms(median(app.clustering))}, max ${ms(Math.max(...app.clustering))} |`,
    );
    log(
      `| /map: per pan/zoom, clustering + redrawing the marks | median ${ms(median(app.recluster))}, p95 ${ms(percentile(app.recluster, 95))}, max ${ms(Math.max(...app.recluster))} |`,
    );
    log(
      `| bench page, supercluster: per view change, clustering (index query) | median ${ms(median(sc.clusterMs))}, max ${ms(Math.max(...sc.clusterMs))} |`,
    );
    log(`| bench page, supercluster (app code): points → painted | ${ms(sc.initial)} |`);
    log(`| bench page, leaflet.markercluster 1.5.3: points → painted | ${ms(marker.initial)} |`);
    for (const [name, r] of [
      ['supercluster', sc],
      ['markercluster', marker],
    ] as const) {
      log(
        `| bench page, ${name}: per view change, re-clustered and drawn (20 views) | median ${ms(median(r.views))}, p95 ${ms(percentile(r.views, 95))}, max ${ms(Math.max(...r.views))} |`,
      );
      log(
        `| bench page, ${name}: per view change, until the next frame is painted | median ${ms(median(r.painted))}, max ${ms(Math.max(...r.painted))} |`,
      );
    }
    log(
      `| ratio, first draw (markercluster ÷ supercluster) | ${(marker.initial / sc.initial).toFixed(1)}× |`,
    );
    const total = (r: { initial: number; views: number[] }) => r.initial + r.views.reduce((a, b) => a + b, 0);
    log(`| ratio, first draw + 20 views | ${(total(marker) / total(sc)).toFixed(1)}× |`);
    log(`| ratio, median view change | ${(median(marker.views) / median(sc.views)).toFixed(1)}× |`);
  } finally {
    await browser.close();
    await server.stop();
    await rm(benchOut, { recursive: true, force: true });
  }
}

await main();
