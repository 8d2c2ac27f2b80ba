import { mkdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiServer, startApiServer } from './api-server.ts';
import { type Browser, launchBrowser } from './browser.ts';

const screenshots = fileURLToPath(new URL('./screenshots/', import.meta.url));
const databaseUrl = process.env.TEST_DATABASE_URL;
const target = databaseUrl ? 'postgres' : 'pglite';
const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 30_000 });

type Csv = { comments: string[]; rows: Record<string, string>[] };

function parseCsv(bytes: Buffer): Csv {
  expect([...bytes.subarray(0, 3)], 'UTF-8 BOM').toEqual([0xef, 0xbb, 0xbf]);
  const text = bytes.toString('utf8');
  const comments = text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .filter((l) => l.startsWith('#'));
  const rows = parse(text, { bom: true, comment: '#', comment_no_infix: true, columns: true }) as Record<
    string,
    string
  >[];
  return { comments, rows };
}

/** The rows of the "Data" sheet as objects keyed by the header row, and the "About" sheet's text. */
async function parseXlsx(bytes: Buffer): Promise<{ about: string[]; rows: Record<string, string>[] }> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(new Uint8Array(bytes).buffer);
  const data = workbook.getWorksheet('Data');
  const aboutSheet = workbook.getWorksheet('About');
  if (!data || !aboutSheet) throw new Error(`sheets: ${workbook.worksheets.map((s) => s.name).join(', ')}`);
  const text = (v: ExcelJS.CellValue): string => (v === null || v === undefined ? '' : String(v));
  const about: string[] = [];
  aboutSheet.eachRow((row) => {
    about.push((row.values as ExcelJS.CellValue[]).slice(1).map(text).join(' | '));
  });
  const header = (data.getRow(1).values as ExcelJS.CellValue[]).slice(1).map(text);
  const rows: Record<string, string>[] = [];
  data.eachRow((row, n) => {
    if (n === 1) return;
    const values = (row.values as ExcelJS.CellValue[]).slice(1);
    rows.push(Object.fromEntries(header.map((key, i) => [key, text(values[i])])));
  });
  return { about, rows };
}

describe(`export from /projects (${target})`, () => {
  let server: ApiServer;
  let browser: Browser;
  let page: Page;
  let previous: Page | undefined;
  const pageErrors: string[] = [];
  let shown = 0;
  let csvIds: string[] = [];
  let csvTitles: string[] = [];

  beforeAll(async () => {
    server = await startApiServer({ databaseUrl });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** A fresh tab on the Tajik projects (localStorage, hence the remembered choices, is shared). */
  async function openPage(): Promise<void> {
    await previous?.close();
    page = await browser.context.newPage();
    previous = page;
    page.on('pageerror', (error) => pageErrors.push(error.message));
    const response = await page.goto(`${server.url}/projects?countries=%5B%22TJ%22%5D`);
    expect(response?.status()).toBe(200);
    await page.locator('table[aria-busy="false"]').waitFor({ timeout: 30_000 });
    await page.getByTestId('total-commitment').locator('[data-usd]').waitFor({ timeout: 30_000 });
  }

  /** Opens the export menu and lets its transition end. */
  async function openMenu() {
    const menu = page.getByTestId('export-menu');
    await page.getByTestId('export-open').click();
    await menu.waitFor();
    await page.waitForTimeout(400);
    return menu;
  }

  async function closeMenu() {
    await page.keyboard.press('Escape');
    await page.getByTestId('export-menu').waitFor({ state: 'hidden' });
  }

  /** Opens the export menu, picks format and variant, and downloads through the link. */
  async function download(format: 'CSV' | 'XLSX'): Promise<{ bytes: Buffer; name: string; href: string }> {
    const menu = await openMenu();
    await menu.getByText(format, { exact: true }).click();
    await menu.getByRole('radio', { name: 'One row per project', exact: true }).check();
    const link = menu.getByTestId('export-download');
    await poll(() => link.textContent()).toBe(`Download ${format}`);
    const href = (await link.getAttribute('href')) ?? '';
    const [file] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), link.click()]);
    const path = await file.path();
    const bytes = await readFile(path);
    await closeMenu();
    return { bytes, name: file.suggestedFilename(), href };
  }

  it('the export link holds the filter and language; the CSV has as many rows as the page counts', async () => {
    await openPage();
    const count = page.getByTestId('result-count');
    await poll(() => count.textContent()).toMatch(/^\d[\d,]* projects?$/);
    shown = Number((await count.textContent())?.replace(/\D/g, ''));
    expect(shown).toBeGreaterThan(0);

    await openMenu();
    await mkdir(screenshots, { recursive: true });
    await page.screenshot({ path: `${screenshots}export-menu-en-${target}.png` });
    await closeMenu();

    const { bytes, name, href } = await download('CSV');
    const url = new URL(href, server.url);
    expect(url.pathname).toBe('/api/export');
    expect(url.searchParams.get('format')).toBe('csv');
    expect(url.searchParams.get('variant')).toBe('projects');
    expect(url.searchParams.get('lang')).toBe('en');
    expect(url.searchParams.has('columns')).toBe(false); // all columns: the server's default
    expect(JSON.parse(url.searchParams.get('filter') ?? '{}')).toEqual({ countries: ['TJ'] });
    expect(name).toMatch(/^silk-road-tracker_projects_TJ_\d{4}-\d{2}-\d{2}\.csv$/);

    const csv = parseCsv(bytes);
    expect(csv.rows.length).toBe(shown);
    expect(csv.comments).toContain('# Filter,Countries: Tajikistan');
    expect(csv.comments).toContain(`# Row count,${shown}`);
    expect(csv.comments.at(-1)).toBe(`# Rows written,${shown}`);
    for (const row of csv.rows) expect(row.countries?.split(/[;,| ]+/)).toContain('TJ');
    csvIds = csv.rows.map((r) => r.project_id ?? '');
    csvTitles = csv.rows.map((r) => r.title ?? '');
    expect(new Set(csvIds).size).toBe(shown);
  });

  it('the XLSX opens with exceljs and has the same rows; its About sheet states the filter', async () => {
    expect(csvIds.length).toBe(shown);
    // A second download from the same document counts as "multiple automatic downloads" to chromium.
    await openPage();
    const { bytes, name } = await download('XLSX');
    expect(name).toMatch(/^silk-road-tracker_projects_TJ_\d{4}-\d{2}-\d{2}\.xlsx$/);
    const xlsx = await parseXlsx(bytes);
    expect(xlsx.rows.length).toBe(shown);
    expect(xlsx.rows.map((r) => r.project_id)).toEqual(csvIds);
    expect(xlsx.rows.map((r) => r.title)).toEqual(csvTitles);
    expect(xlsx.about).toContain('Filter | Countries: Tajikistan');
  });

  it('remembers a column choice, sends only those columns, and in Russian asks for Russian headers', async () => {
    await openPage();
    const menu = await openMenu();
    await menu.getByText('CSV', { exact: true }).click();
    await menu.getByRole('button', { name: 'None', exact: true }).click();
    await menu.getByTestId('export-download').waitFor({ state: 'detached' });
    await menu.getByRole('checkbox', { name: 'Title', exact: true }).check();
    await menu.getByRole('checkbox', { name: /^Project id/ }).check();
    const link = menu.getByTestId('export-download');
    await poll(async () =>
      new URL((await link.getAttribute('href')) ?? '', server.url).searchParams.get('columns'),
    ).toBe('project_id,title');
    await closeMenu();

    await openPage();
    await page.getByText('Русский', { exact: true }).click();
    await page.waitForFunction(() => document.documentElement.lang === 'ru');
    await openMenu();
    const href = (await page.getByTestId('export-download').getAttribute('href')) ?? '';
    const url = new URL(href, server.url);
    expect(url.searchParams.get('columns')).toBe('project_id,title');
    expect(url.searchParams.get('lang')).toBe('ru');
    await page.screenshot({ path: `${screenshots}export-menu-ru-${target}.png` });
    const answer = await fetch(url);
    expect(answer.status).toBe(200);
    const csv = parseCsv(Buffer.from(await answer.arrayBuffer()));
    expect(csv.rows.length).toBe(shown);
    expect(Object.keys(csv.rows[0] ?? {})).toEqual(['project_id', 'title']);
    expect(csv.comments).toContain('# Фильтр,Страны: Таджикистан');
    await closeMenu();
    await page.getByText('English', { exact: true }).click();
    await page.evaluate(() => localStorage.removeItem('srt.export.columns'));
  });

  it('threw no errors in the page', () => {
    expect(pageErrors, server.output()).toEqual([]);
  });
});
