import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { sectorName } from '@srt/shared/codes';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiServer, startApiServer } from './api-server.ts';
import { loginAs, logout, mutate, sessionCookie } from './auth-helpers.ts';
import { type Browser, launchBrowser } from './browser.ts';

const screenshots = fileURLToPath(new URL('./screenshots/', import.meta.url));
const databaseUrl = process.env.TEST_DATABASE_URL;
const target = databaseUrl ? 'postgres' : 'pglite';
const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 30_000 });

const BEFORE = 'Angren industrial zone';
const AFTER = 'Angren industrial zone, phase 2';

type Saved = { id: string; version: number };

async function query<T>(server: ApiServer, path: string, input: unknown, cookie?: string): Promise<T> {
  const response = await fetch(
    `${server.url}/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`,
    {
      headers: cookie ? { cookie } : {},
    },
  );
  const body = (await response.json()) as { result?: { data: T }; error?: unknown };
  if (!body.result) throw new Error(`${path} answered ${response.status}: ${JSON.stringify(body.error)}`);
  return body.result.data;
}

/** The text of one field's row of a change table: [field, before, after]. */
async function changeRow(page: Page, entry: number, field: string): Promise<string[]> {
  const row = page
    .getByTestId('history-entry')
    .nth(entry)
    .locator(`[data-testid="change"][data-field="${field}"]`);
  await row.waitFor({ timeout: 30_000 });
  return [
    (await row.locator('th').textContent()) ?? '',
    (await row.getByTestId('before').textContent()) ?? '',
    (await row.getByTestId('after').textContent()) ?? '',
  ];
}

describe(`history, recent changes and exchange rates (${target})`, () => {
  let server: ApiServer;
  let browser: Browser;
  const pageErrors: string[] = [];
  let projectId = '';
  let fundingId = '';

  beforeAll(async () => {
    await mkdir(screenshots, { recursive: true });
    server = await startApiServer({ databaseUrl });
    browser = await launchBrowser();

    // Changes made through the API as the demo editor would make them in the forms.
    const editor = await sessionCookie(server.url, 'editor');
    const source = await mutate<Saved>(server.url, editor, 'source.create', {
      title: 'Decree on the Angren special industrial zone',
      kind: 'official',
      language: 'ru',
    });
    const created = await mutate<Saved>(server.url, editor, 'project.create', {
      title: BEFORE,
      countries: [{ country: 'UZ', percentage: 100 }],
      locations: [{ name: 'Angren', country: 'UZ', precision: 'near', lat: 41.0, lon: 70.1 }],
      sources: [{ sourceId: source.id }],
    });
    projectId = created.id;
    const edit = await query<{ values: Record<string, unknown> }>(
      server,
      'project.forEdit',
      { id: projectId },
      editor,
    );
    await mutate<Saved>(server.url, editor, 'project.update', {
      id: projectId,
      version: 1,
      values: {
        ...edit.values,
        title: AFTER,
        status: 2,
        sectors: [{ sector: '32130' }],
        locations: [{ name: 'Angren', country: 'UZ', precision: 'exact', lat: 41.0167, lon: 70.1436 }],
      },
    });
    const funding = await mutate<Saved>(server.url, editor, 'funding.create', {
      projectId,
      flow: 'commitment',
      amount: '1234567890.12',
      currency: 'EUR',
      valueDate: '2020-05-25',
      sources: [{ sourceId: source.id }],
    });
    fundingId = funding.id;
    const fundingEdit = await query<{ values: Record<string, unknown> }>(
      server,
      'funding.forEdit',
      { id: fundingId },
      editor,
    );
    await mutate<Saved>(server.url, editor, 'funding.update', {
      id: fundingId,
      version: 1,
      values: { ...fundingEdit.values, amount: '1234567890.50' },
    });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function open(path: string, language: 'en' | 'ru' = 'en'): Promise<Page> {
    const page = await browser.context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.addInitScript((lng) => localStorage.setItem('srt.language', lng), language);
    const response = await page.goto(`${server.url}${path}`);
    expect(response?.status()).toBe(200);
    return page;
  }

  it('lists recent changes newest first, with titles, what changed and who; filters live in the URL', async () => {
    const page = await open('/changes');
    await page.getByRole('heading', { level: 2, name: 'Recent changes' }).waitFor();
    const rows = page.getByTestId('change-row');
    await rows.first().waitFor({ timeout: 30_000 });
    const row = (entity: string, action: string) =>
      page.locator(`[data-testid="change-row"][data-entity="${entity}"][data-action="${action}"]`);
    const fundingUpdate = row('funding', 'update');
    expect(await fundingUpdate.getByTestId('change-record').textContent()).toBe(
      'Committed €1,234,567,890.50',
    );
    expect(await fundingUpdate.getByTestId('change-fields').textContent()).toBe('Amount');
    expect(await fundingUpdate.getByTestId('actor').textContent()).toBe('Demo editor');
    const projectUpdate = row('project', 'update').filter({ hasText: AFTER });
    expect(await projectUpdate.getByTestId('change-fields').textContent()).toBe(
      'Title, Status, Sectors, Locations',
    );
    expect(await projectUpdate.textContent()).toContain('Changed');
    expect(await page.getByRole('link', { name: 'Changes', exact: true }).getAttribute('aria-current')).toBe(
      'page',
    );

    // Only the editor's changes: a click on their name puts them in the URL; the feed says whose they are.
    await fundingUpdate.getByTestId('actor').click();
    await poll(() => new URL(page.url()).searchParams.get('actor')).toBeTruthy();
    const actor = new URL(page.url()).searchParams.get('actor') ?? '';
    await poll(() => page.getByTestId('filter-actor').textContent()).toContain('Only changes by Demo editor');
    const theirs = await query<{ rows: unknown[] }>(server, 'audit.changes', { actor, limit: 200 });
    expect(theirs.rows.length).toBeGreaterThanOrEqual(5);
    await poll(() => rows.count()).toBe(theirs.rows.length);
    expect(await rows.getByTestId('actor').count()).toBe(0); // their name is no longer a filter button

    // Record type and days: exchange rates loaded by the demo data, today.
    await page.getByTestId('clear-filters').click();
    // Accounts are not among the record types a visitor can filter by.
    expect(
      await page
        .getByTestId('filter-entity')
        .locator('option')
        .evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value)),
    ).not.toContain('user');
    await page.getByTestId('filter-entity').selectOption('rate');
    await poll(() => new URL(page.url()).searchParams.get('entity')).toBe('rate');
    await poll(async () => (await rows.first().getByTestId('change-record').textContent()) ?? '').toMatch(
      /^[A-Z]{3} \d{4}$/,
    );
    expect(await rows.first().getByTestId('actor').textContent()).toBe('Demo data load');
    expect(await rows.count()).toBe(50);
    await page.getByTestId('changes-more').click();
    await poll(() => rows.count()).toBe(100);
    // The forms' date field: typed as YYYY-MM-DD whatever the browser's locale.
    await page.getByTestId('filter-from').fill('2001-01-01');
    await page.getByTestId('filter-from').press('Tab');
    await page.getByTestId('filter-to').fill('2001-01-31');
    await page.getByTestId('filter-to').press('Tab');
    expect(await page.getByTestId('filter-from').inputValue()).toBe('2001-01-01');
    await page.getByTestId('changes-empty').waitFor();
    expect(new URL(page.url()).searchParams.get('to')).toBe('2001-01-31');
    await page.getByTestId('clear-filters').click();
    await rows.first().waitFor();
    await page.screenshot({ path: `${screenshots}changes-${target}.png`, fullPage: false });
    await page.close();
  });

  it('shows a project’s history field by field, reached from the project page', async () => {
    const page = await open(`/projects/${projectId}`);
    await page.getByRole('heading', { level: 2, name: AFTER }).waitFor({ timeout: 30_000 });
    await page.getByTestId('history-link').click();
    await page.getByTestId('history-entries').waitFor({ timeout: 30_000 });
    expect(new URL(page.url()).pathname).toBe(`/projects/${projectId}/history`);
    expect(await page.getByTestId('history-record-title').textContent()).toBe(AFTER);
    expect(await page.getByTestId('entry-action').allTextContents()).toEqual(['Changed', 'Created']);
    expect(await page.getByTestId('entry-actor').first().textContent()).toBe('by Demo editor');

    expect(await changeRow(page, 0, 'title')).toEqual(['Title', BEFORE, AFTER]);
    expect(await changeRow(page, 0, 'status')).toEqual(['Status', 'not set', 'Implementation']);
    expect((await changeRow(page, 0, 'sectors'))[2]).toBe(`Added: ${sectorName('32130', 'en')} (32130)`);
    const [, movedFrom, movedTo] = await changeRow(page, 0, 'locations');
    expect(movedFrom).toBe('Angren (Uzbekistan) · Near (≤ 25 km) · 41, 70.1');
    expect(movedTo).toContain('Changed: Angren (Uzbekistan) · Exact · 41.0167, 70.1436');
    expect(movedTo).toContain('Latitude: 41 → 41.0167');
    // The creation lists what was set, the cited source by its title.
    const [, , cited] = await changeRow(page, 1, 'sources');
    expect(cited).toBe('Added: Decree on the Angren special industrial zone');
    await page.screenshot({ path: `${screenshots}history-project-${target}.png`, fullPage: true });
    await page.close();
  });

  it('shows a funding row’s amounts exactly, in its currency, and reads in Russian', async () => {
    const page = await open(`/funding/${fundingId}/history`);
    await page.getByTestId('history-entries').waitFor({ timeout: 30_000 });
    expect(await changeRow(page, 0, 'amount')).toEqual(['Amount', '€1,234,567,890.12', '€1,234,567,890.50']);
    expect(await page.getByTestId('history-record-title').textContent()).toBe('Committed €1,234,567,890.50');
    await page.screenshot({ path: `${screenshots}history-funding-${target}.png`, fullPage: true });
    await page.close();

    const ru = await open(`/projects/${projectId}/history`, 'ru');
    await ru.getByTestId('history-entries').waitFor({ timeout: 30_000 });
    expect(await ru.getByRole('columnheader').allTextContents()).toEqual(
      expect.arrayContaining(['Поле', 'Было', 'Стало']),
    );
    expect(await changeRow(ru, 0, 'status')).toEqual(['Статус', 'не указано', 'Реализация']);
    expect(await ru.getByTestId('entry-action').allTextContents()).toEqual(['Изменено', 'Создано']);
    await ru.screenshot({ path: `${screenshots}history-project-ru-${target}.png`, fullPage: true });
    await ru.close();
  });

  it('lists a change of the exchange rate a funding row uses in the row’s history, and restores a deleted row', async () => {
    const admin = await sessionCookie(server.url, 'admin');
    const [eur] = (
      await query<{ rows: { perUsd: string; version: number }[] }>(server, 'rate.list', {
        currency: 'EUR',
        year: 2020,
      })
    ).rows;
    if (!eur) throw new Error('No EUR 2020 rate in the demo data');
    await mutate(server.url, admin, 'rate.upsert', {
      currency: 'EUR',
      year: 2020,
      perUsd: '0.9',
      source: 'Corrected from the ECB annual average',
      version: eur.version,
    });
    const page = await open(`/funding/${fundingId}/history`);
    const rateEntry = page.locator('[data-testid="history-entry"][data-action="rate"]');
    await rateEntry.waitFor({ timeout: 30_000 });
    const before = new Intl.NumberFormat('en', { maximumFractionDigits: 20 }).format(
      eur.perUsd as Intl.StringNumericLiteral,
    );
    expect(await rateEntry.getByTestId('rate-change').textContent()).toBe(
      `Exchange rate EUR 2020 changed: ${before} → 0.9 per USD; USD value re-computed.`,
    );
    expect(await rateEntry.getByTestId('entry-actor').textContent()).toBe('by Demo admin');
    // Newest first: the rate change is above the row's own changes.
    expect(await page.getByTestId('history-entry').first().getAttribute('data-action')).toBe('rate');
    await page.screenshot({ path: `${screenshots}history-funding-rate-${target}.png`, fullPage: true });

    // Deleted, the row's history says so; an editor restores it from there.
    const editor = await sessionCookie(server.url, 'editor');
    const stored = await query<{ version: number }>(server, 'funding.forEdit', { id: fundingId }, editor);
    await mutate(server.url, editor, 'funding.delete', { id: fundingId, version: stored.version });
    await page.reload();
    await page.getByTestId('deleted-banner').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('restore-record').count()).toBe(0);
    await loginAs(page, server.url, 'editor');
    await page.goto(`${server.url}/funding/${fundingId}/history`);
    await page.getByTestId('restore-record').click();
    await page.getByTestId('deleted-banner').waitFor({ state: 'detached', timeout: 30_000 });
    await page.locator('[data-testid="history-entry"][data-action="restore"]').waitFor();
    const after = await query<{ deleted: boolean }>(server, 'funding.forEdit', { id: fundingId }, editor);
    expect(after.deleted).toBe(false);
    await logout(page, server.url);
    await page.close();
  });

  it('lets only admins edit rates: gaps show "no rate", the source is required, a conflict can be re-applied', async () => {
    const anonymous = await open('/admin/rates?currency=TMT');
    await anonymous.getByTestId('needs-admin').waitFor({ timeout: 30_000 });
    await anonymous.close();

    const page = await open('/');
    await loginAs(page, server.url, 'admin');
    // Without a currency: one line per currency (not every year of every currency); a line opens its years.
    await page.goto(`${server.url}/admin/rates`);
    const tmt = page.locator('[data-testid="rate-currency"][data-currency="TMT"]');
    await tmt.waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('rate-row').count()).toBe(0);
    expect(Number(await tmt.locator('td').nth(2).textContent())).toBeGreaterThan(0);
    await page.screenshot({ path: `${screenshots}rates-overview-${target}.png`, fullPage: false });
    await tmt.getByTestId('rate-currency-open').click();
    await page.waitForURL((url) => url.searchParams.get('currency') === 'TMT');
    const table = page.getByTestId('rates-TMT');
    await table.waitFor({ timeout: 30_000 });
    const year = (y: number) => table.locator(`[data-testid="rate-row"][data-year="${y}"]`);
    expect(await year(2005).getByTestId('no-rate').textContent()).toBe('no rate');
    expect(await year(2020).getByTestId('no-rate').textContent()).toBe('no rate');
    expect(await year(2014).textContent()).toContain('2.85');

    // A field error: the source is required.
    await year(2014).getByTestId('rate-edit').click();
    const form = page.getByRole('dialog');
    await form.getByTestId('rate-source').fill('');
    await form.getByTestId('rate-save').click();
    await form.getByText('Name the source of the rate').waitFor();

    // Someone else changes the rate meanwhile: saving shows their value; the admin re-applies theirs.
    const admin = await sessionCookie(server.url, 'admin');
    await mutate(server.url, admin, 'rate.upsert', {
      currency: 'TMT',
      year: 2014,
      perUsd: '3.4',
      source: 'Changed meanwhile',
      version: 1,
    });
    await form.getByTestId('rate-per-usd').fill('3,5');
    await form.getByTestId('rate-source').fill('Central Bank of Turkmenistan, annual average');
    await form.getByTestId('rate-save').click();
    const conflict = form.getByTestId('rate-conflict');
    await conflict.waitFor();
    expect(await conflict.textContent()).toContain(
      'Now: 3.4 per US dollar, source “Changed meanwhile” (version 2)',
    );
    await page.screenshot({ path: `${screenshots}rates-conflict-${target}.png` });
    await form.getByTestId('rate-apply-mine').click();
    await page.getByTestId('rates-message').waitFor();
    expect(await page.getByTestId('rates-message').textContent()).toMatch(
      /^Saved the TMT rate for 2014: \d+ funding rows? re-computed\.$/,
    );
    await poll(() => year(2014).textContent()).toContain('3.5');
    expect(await year(2014).textContent()).toContain('Central Bank of Turkmenistan');

    const rates = await query<{ rows: { perUsd: string; version: number; source: string }[] }>(
      server,
      'rate.list',
      {
        currency: 'TMT',
        year: 2014,
      },
    );
    expect(rates.rows).toEqual([expect.objectContaining({ perUsd: '3.5', version: 3 })]);
    await page.screenshot({ path: `${screenshots}rates-${target}.png`, fullPage: false });
    await page.close();
    expect(pageErrors).toEqual([]);
  });
});
