import { mkdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiServer, startApiServer } from './api-server.ts';
import { loginAs, mutate, sessionCookie } from './auth-helpers.ts';
import { type Browser, launchBrowser } from './browser.ts';

const screenshots = fileURLToPath(new URL('./screenshots/', import.meta.url));
const databaseUrl = process.env.TEST_DATABASE_URL;
const target = databaseUrl ? 'postgres' : 'pglite';
const SEED_TITLE =
  'Fostering inclusive and sustainable industrial development in the New Silk Road Economic Belt';
const FORUM = "Belt and Road forum on UNIDO's anniversary";
/** An amount a float would round: it must arrive, be stored and be shown exactly. */
const AMOUNT = '1234567890.12';

/** A query procedure over plain HTTP (public reads). */
async function query<T>(server: ApiServer, path: string, input: unknown, cookie?: string): Promise<T> {
  const response = await fetch(
    `${server.url}/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`,
    cookie ? { headers: { cookie } } : {},
  );
  const body = (await response.json()) as { result?: { data: T }; error?: unknown };
  if (!body.result) throw new Error(`${path} answered ${response.status}: ${JSON.stringify(body.error)}`);
  return body.result.data;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The input labelled `label` (a required one's label ends in " *"); first in the page, before the option
 * list of a select, which its label names too.
 */
const field = (scope: Page | Locator, label: string) =>
  scope.getByLabel(new RegExp(`^${escapeRegExp(label)}( \\*)?$`)).first();

/** Picks an option of a Mantine Select (its dropdown lives in a portal), typing to narrow the list first. */
async function choose(page: Page, label: string, option: string | RegExp, typed?: string) {
  const input = field(page, label);
  await input.click();
  if (typed !== undefined) await input.fill(typed);
  await page.getByRole('option', { name: option }).first().click();
}

/** The saved record's page has replaced the form (the save navigated there). */
async function leftForm(page: Page, path: RegExp) {
  await page.waitForURL((url) => path.test(url.pathname), { timeout: 30_000 });
}

describe(`event and funding forms served by the API (${target})`, () => {
  let server: ApiServer;
  let browser: Browser;
  let seedId: string;
  let rate2018: { amountUsd: string | null; rate: string | null; source: string | null };
  let eventPath = '';
  const pageErrors: string[] = [];
  const stamp = Date.now().toString(36);
  const eventTitle = `Signing of the industrial park agreement ${stamp}`;
  const sourceTitle = `Industrial park agreement signed in Tashkent ${stamp}`;
  const funderName = `Silk Road Industrial Fund ${stamp}`;

  beforeAll(async () => {
    await mkdir(screenshots, { recursive: true });
    server = await startApiServer({ databaseUrl });
    browser = await launchBrowser();
    const found = await query<{ rows: { id: string; title: string }[] }>(server, 'project.list', {
      filter: { q: 'New Silk Road' },
    });
    const seed = found.rows.find((r) => r.title === SEED_TITLE);
    if (!seed) throw new Error('The seed project is not in project.list q="New Silk Road"');
    seedId = seed.id;
    rate2018 = await query(server, 'rate.convert', {
      amount: AMOUNT,
      currency: 'CNY',
      valueDate: '2018-04-20',
    });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function open(path: string): Promise<Page> {
    const page = await browser.context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    // In English, whatever an earlier test chose (the choice is kept in the context's localStorage).
    await page.addInitScript(() => localStorage.setItem('srt.language', 'en'));
    const response = await page.goto(`${server.url}${path}`);
    expect(response?.status()).toBe(200);
    return page;
  }

  it('creates an event linked to the founding project, citing a source added inline', async () => {
    const page = await open('/events');
    await loginAs(page, server.url, 'editor');
    await page.getByTestId('new-event').click();
    await page.getByRole('heading', { level: 2, name: 'New event' }).waitFor();

    await choose(page, 'Type', 'Signing');
    await field(page, 'Title').fill(eventTitle);
    await field(page, 'Original title').fill('Подписание соглашения об индустриальном парке');
    await choose(page, 'Language of the original title', /^Russian/, 'Rus');
    // Known to the month only: the date input becomes a month picker and the day is dropped.
    await field(page, 'Date').fill('2018-04-22');
    await field(page, 'Date').press('Tab');
    await page.getByText('Month', { exact: true }).click();
    expect(await page.getByRole('radio', { name: 'Month' }).isChecked()).toBe(true);
    expect(await field(page, 'Date').textContent()).toBe('April 2018');
    await field(page, 'Place').fill('Tashkent');
    await choose(page, 'Country', 'Uzbekistan (UZ)', 'Uzbek');
    await choose(page, 'Linked projects', SEED_TITLE, 'New Silk Road');
    await choose(
      page,
      'Organisations taking part',
      /^United Nations Industrial Development Organization/,
      'UNIDO',
    );

    // Saving without a source is refused next to the sources, in words.
    await page.getByRole('button', { name: 'Create event' }).click();
    await page.getByTestId('sources-field').getByText('Cite at least one source').waitFor();

    await page.getByRole('button', { name: '+ Add new source' }).click();
    const modal = page.getByRole('dialog', { name: 'New source' });
    await field(modal, 'Web address').fill('javascript:alert(1)');
    await field(modal, 'Title').fill(sourceTitle);
    await modal.getByRole('button', { name: 'Add and cite' }).click();
    await modal.getByText('Enter an http(s) address').waitFor();
    await field(modal, 'Web address').fill('https://example.org/news/park-agreement');
    await field(modal, 'Publisher').fill('Example News');
    await field(modal, 'Published').fill('2018-04-23');
    await field(modal, 'Published').press('Tab');
    await modal.screenshot({ path: `${screenshots}event-form-new-source.png` });
    await modal.getByRole('button', { name: 'Add and cite' }).click();
    await modal.waitFor({ state: 'detached' });
    const cited = page.getByTestId('cited-source');
    await cited.getByRole('link', { name: sourceTitle }).waitFor();
    await cited.getByLabel('Quote (optional)').fill('The agreement on the industrial park was signed.');
    await page.screenshot({ path: `${screenshots}event-form.png`, fullPage: true });

    await page.getByRole('button', { name: 'Create event' }).click();
    await leftForm(page, /^\/events\/[0-9a-f-]{36}$/);
    eventPath = new URL(page.url()).pathname;
    await page.getByTestId('event-title').filter({ hasText: eventTitle }).waitFor();
    expect(await page.getByTestId('event-date').textContent()).toBe('April 2018');
    expect(await page.getByTestId('event-place').textContent()).toBe('Tashkent, Uzbekistan');
    await page.getByTestId('event-projects').getByRole('link', { name: SEED_TITLE }).waitFor();
    await page.getByTestId('event-organizations').getByText(/UNIDO/).first().waitFor();
    await page.getByTestId('source-list').getByRole('link', { name: sourceTitle }).waitFor();
    await page.getByTestId('edit-event').waitFor();
    await page.screenshot({ path: `${screenshots}event-form-saved.png`, fullPage: true });

    // The seed project's page lists it among its events.
    await page.goto(`${server.url}/projects/${seedId}`);
    await page.getByText(eventTitle).first().waitFor();
    await page.close();
  });

  it('adds a pledge of 1234567890.12 CNY with the USD value, rate and source shown before saving', async () => {
    expect(rate2018.amountUsd).not.toBeNull();
    expect(rate2018.source).toMatch(/IMF/);
    const page = await open(`/projects/${seedId}`);
    await loginAs(page, server.url, 'editor');
    await page.getByTestId('add-funding').click();
    await page.getByRole('heading', { level: 2, name: 'Add funding' }).waitFor();
    await page.getByTestId('funding-project').filter({ hasText: SEED_TITLE }).waitFor();

    await choose(page, 'Flow', 'Pledged');
    await choose(page, 'Instrument', 'Grant');
    // A funder that is not in the database yet: created from the picker.
    await field(page, 'Funder').fill(funderName);
    await page.getByText('Nothing found').waitFor();
    await field(page, 'Funder').press('Escape');
    await page.getByRole('button', { name: 'Create new organisation for Funder' }).click();
    const orgModal = page.getByRole('dialog', { name: 'New organisation' });
    expect(await field(orgModal, 'Name').inputValue()).toBe(funderName);
    await field(orgModal, 'Acronym').fill('SRIF');
    await choose(page, 'Country', 'China (CN)', 'China');
    await orgModal.getByRole('button', { name: 'Create organisation' }).click();
    await orgModal.waitFor({ state: 'detached' });
    expect(await field(page, 'Funder').inputValue()).toBe(`${funderName} (SRIF)`);
    await choose(page, 'Recipient', /^United Nations Industrial Development Organization/, 'UNIDO');

    // A negative amount: the field says so, in words, next to it.
    const amount = field(page, 'Amount');
    await amount.fill('-5');
    await choose(page, 'Currency', /^CNY/, 'CNY');
    await page.getByRole('button', { name: 'Add funding' }).click();
    await page.getByText('The amount must not be negative').waitFor();
    const describedBy = (await amount.getAttribute('aria-describedby')) ?? '';
    const errorText = await page.evaluate(
      (ids) =>
        ids
          .split(' ')
          .map((id) => document.getElementById(id)?.textContent ?? '')
          .join(' '),
      describedBy,
    );
    expect(errorText).toContain('The amount must not be negative');
    expect(await amount.getAttribute('aria-invalid')).toBe('true');
    await page.screenshot({ path: `${screenshots}funding-form-field-error.png`, fullPage: true });

    // A year the rate table does not have: "no rate", never a number.
    await amount.fill(AMOUNT);
    await field(page, 'Value date').fill('1995-06-30');
    await field(page, 'Value date').press('Tab');
    const preview = page.getByTestId('usd-preview');
    await preview.getByTestId('no-rate').waitFor();
    expect(await preview.textContent()).toContain('no CNY rate for 1995');
    expect(await preview.getByTestId('usd-preview-amount').count()).toBe(0);
    await preview.screenshot({ path: `${screenshots}funding-form-no-rate.png` });

    // 2018 has one: the USD value with the rate and its source.
    await field(page, 'Value date').fill('2018-04-20');
    await field(page, 'Value date').press('Tab');
    await preview.getByTestId('usd-preview-amount').waitFor();
    const usd = new Intl.NumberFormat('en', { style: 'currency', currency: 'USD' }).format(
      rate2018.amountUsd as Intl.StringNumericLiteral,
    );
    expect(await preview.getByTestId('usd-preview-amount').textContent()).toBe(usd);
    expect(await preview.getByTestId('usd-preview-rate').textContent()).toBe(
      'at 6.615957 CNY per US dollar (annual average 2018)',
    );
    expect(await preview.getByTestId('usd-preview-source').textContent()).toBe(
      `Rate source: ${rate2018.source}`,
    );
    // The amount as the user reads it, while the field keeps the exact decimal string.
    await page.getByText('CN¥1,234,567,890.12').waitFor();
    expect(await amount.inputValue()).toBe(AMOUNT);

    await choose(page, 'Pledged or announced at (event)', FORUM, 'anniversary');
    const search = field(page, 'Cite an existing source');
    await search.click();
    await search.fill(sourceTitle.slice(0, 30));
    await page.getByRole('option', { name: sourceTitle }).click();
    await page.getByTestId('cited-source').getByRole('link', { name: sourceTitle }).waitFor();
    await page.screenshot({ path: `${screenshots}funding-form.png`, fullPage: true });

    await page.getByRole('button', { name: 'Add funding' }).click();
    await leftForm(page, new RegExp(`^/projects/${seedId}$`));
    const row = page.getByTestId('funding-row').filter({ has: page.getByText(funderName, { exact: true }) });
    await row.waitFor();
    expect(await row.textContent()).toContain('1,234,567,890.12');
    expect(await row.textContent()).toContain('Pledged');
    // The table shows whole dollars (rounded), the preview cents.
    const wholeUsd = new Intl.NumberFormat('en', {
      style: 'currency',
      currency: 'USD',
      maximumFractionDigits: 0,
    }).format(rate2018.amountUsd as Intl.StringNumericLiteral);
    expect(await row.textContent()).toContain(wholeUsd);
    await row.getByTestId('edit-funding').waitFor();
    await page
      .locator('[data-section="funding"]')
      .screenshot({ path: `${screenshots}funding-form-saved.png` });

    // Stored exactly, with the rate and its source, pledged at the forum.
    const detail = await query<{
      funding: {
        id: string;
        amount: string;
        currency: string;
        usdRate: string | null;
        rateSource: string | null;
        funderName: string | null;
      }[];
    }>(server, 'project.byId', { id: seedId });
    const saved = detail.funding.find((f) => f.funderName === funderName);
    expect(saved?.amount).toBe(AMOUNT);
    expect(saved?.currency).toBe('CNY');
    expect(saved?.usdRate).toBe(rate2018.rate);
    expect(saved?.rateSource).toBe(rate2018.source);

    // Its edit form opens with the exact amount and the preview again.
    await row.getByTestId('edit-funding').click();
    await page.getByRole('heading', { level: 2, name: 'Edit funding' }).waitFor();
    expect(await field(page, 'Amount').inputValue()).toBe(AMOUNT);
    await page.getByTestId('usd-preview').getByTestId('usd-preview-amount').waitFor();
    expect(await field(page, 'Pledged or announced at (event)').inputValue()).toBe(FORUM);
    await page.close();
  });

  it('edits the event in Russian: the stored values, field errors in Russian, no serious axe violations', async () => {
    expect(eventPath).not.toBe('');
    const axeSource = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
    const page = await browser.context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.addInitScript(() => localStorage.setItem('srt.language', 'ru'));
    await page.goto(`${server.url}${eventPath}`);
    await loginAs(page, server.url, 'editor');
    await page.getByTestId('edit-event').filter({ hasText: 'Изменить' }).click();
    await page.getByRole('heading', { level: 2, name: 'Изменить событие' }).waitFor();
    expect(await field(page, 'Название').inputValue()).toBe(eventTitle);
    expect(await page.getByRole('radio', { name: 'Месяц' }).isChecked()).toBe(true);
    expect(await field(page, 'Дата').textContent()).toBe('апрель 2018');
    await page.getByTestId('cited-source').getByRole('link', { name: sourceTitle }).waitFor();
    expect(await page.getByTestId('cited-source').getByLabel('Цитата (необязательно)').inputValue()).toBe(
      'The agreement on the industrial park was signed.',
    );

    await field(page, 'Название').fill('');
    await page.getByRole('button', { name: 'Сохранить' }).click();
    await page.getByText('Обязательное поле').first().waitFor();
    expect(await field(page, 'Название').getAttribute('aria-invalid')).toBe('true');
    await page.screenshot({ path: `${screenshots}event-form-edit-ru.png`, fullPage: true });

    const serious = async () => {
      // Not on a hovered button: the pointer rests off the form while axe reads the colours.
      await page.mouse.move(0, 0);
      await page.evaluate(axeSource);
      return page.evaluate(async () => {
        type Result = {
          violations: {
            id: string;
            impact: string | null;
            nodes: { target: string[]; failureSummary?: string }[];
          }[];
        };
        const axe = (window as unknown as { axe: { run: () => Promise<Result> } }).axe;
        const { violations } = await axe.run();
        return violations
          .filter((v) => v.impact === 'serious' || v.impact === 'critical')
          .map(
            (v) => `${v.id}: ${v.nodes.map((n) => `${n.target.join(' ')} (${n.failureSummary})`).join(', ')}`,
          );
      });
    };
    expect(await serious()).toEqual([]);

    // The funding form in Russian, with its "no rate".
    await page.goto(`${server.url}/funding/new?projectId=${seedId}`);
    await page.getByRole('heading', { level: 2, name: 'Добавить финансирование' }).waitFor();
    await field(page, 'Сумма').fill('1 234 567 890,12');
    await field(page, 'Сумма').press('Tab');
    expect(await field(page, 'Сумма').inputValue()).toBe(AMOUNT);
    await choose(page, 'Валюта', /^CNY/, 'CNY');
    await page.getByTestId('no-rate').filter({ hasText: 'Нет курса' }).waitFor();
    expect(await page.getByTestId('usd-preview').textContent()).toContain('Без даты суммы');
    await page.getByText(/^1\s234\s567\s890,12\sCN¥$/).waitFor();
    await page.screenshot({ path: `${screenshots}funding-form-ru.png`, fullPage: true });
    expect(await serious()).toEqual([]);
    await page.close();
  });

  it('offers the existing source when a new one has its web address', async () => {
    const page = await open('/events/new');
    await loginAs(page, server.url, 'editor');
    await page.getByRole('heading', { level: 2, name: 'New event' }).waitFor();
    await page.getByRole('button', { name: '+ Add new source' }).click();
    const modal = page.getByRole('dialog', { name: 'New source' });
    await field(modal, 'Web address').fill('https://example.org/news/park-agreement/');
    await field(modal, 'Title').fill('The same agreement again');
    await modal.getByRole('button', { name: 'Add and cite' }).click();
    await modal.getByText(`A source with this web address already exists: ${sourceTitle}`).waitFor();
    await modal.getByTestId('source-exists').waitFor();
    await modal.screenshot({ path: `${screenshots}source-duplicate.png` });
    await modal.getByTestId('cite-existing-source').click();
    await modal.waitFor({ state: 'detached' });
    await page.getByTestId('cited-source').getByRole('link', { name: sourceTitle }).waitFor();
    const sources = await query<{ rows: { title: string }[] }>(server, 'source.list', {
      q: 'park-agreement',
    });
    expect(sources.rows.map((r) => r.title)).toEqual([sourceTitle]);
    await page.close();
  });

  it('deletes the pledge and the event after a confirmation, and restores both', async () => {
    expect(eventPath).not.toBe('');
    const detail = await query<{ funding: { id: string; funderName: string | null }[] }>(
      server,
      'project.byId',
      { id: seedId },
    );
    const pledge = detail.funding.find((f) => f.funderName === funderName);
    if (!pledge) throw new Error('The pledge is not on the seed project');

    // The funding row, from its edit form: back on the project page without it.
    const page = await open(`/funding/${pledge.id}/edit`);
    await loginAs(page, server.url, 'editor');
    await page.getByRole('heading', { level: 2, name: 'Edit funding' }).waitFor();
    await page.getByTestId('delete-funding').click();
    const fundingDialog = page.getByRole('dialog', { name: /^Delete “Pledged CN¥1,234,567,890\.12”\?$/ });
    await fundingDialog.getByRole('button', { name: 'Keep it' }).click();
    await fundingDialog.waitFor({ state: 'detached' });
    await page.getByTestId('delete-funding').click();
    await page.getByTestId('confirm-delete').click();
    await leftForm(page, new RegExp(`^/projects/${seedId}$`));
    await page.getByTestId('funding-row').first().waitFor();
    await page
      .getByTestId('funding-row')
      .filter({ has: page.getByText(funderName, { exact: true }) })
      .waitFor({ state: 'detached' });
    // Its edit page says it is deleted and restores it.
    await page.goto(`${server.url}/funding/${pledge.id}/edit`);
    await page.getByTestId('deleted-banner').waitFor();
    await page
      .getByTestId('deleted-banner')
      .getByText(/ by Demo editor\.$/)
      .waitFor();
    await page.screenshot({ path: `${screenshots}funding-deleted.png`, fullPage: true });
    await page.getByTestId('restore-record').click();
    await page.getByTestId('delete-funding').waitFor();
    expect(
      (await query<typeof detail>(server, 'project.byId', { id: seedId })).funding.map((f) => f.id),
    ).toContain(pledge.id);

    // The event, from its page: the events list says it was deleted.
    await page.goto(`${server.url}${eventPath}`);
    await page.getByTestId('delete-event').click();
    await page.getByRole('dialog', { name: `Delete “${eventTitle}”?` }).waitFor();
    await page.getByTestId('confirm-delete').click();
    await page.waitForURL((url) => url.pathname === '/events');
    expect(await page.getByTestId('page-notice').textContent()).toBe(`“${eventTitle}” was deleted.`);
    // Its page tells an editor it is deleted, with Restore and its history.
    await page.goto(`${server.url}${eventPath}`);
    await page.getByTestId('event-deleted').waitFor();
    await page.getByTestId('event-deleted').getByTestId('history-link').waitFor();
    await page.screenshot({ path: `${screenshots}event-deleted.png`, fullPage: true });
    await page.getByTestId('restore-record').click();
    await page.getByTestId('event-title').filter({ hasText: eventTitle }).waitFor();
    await page.close();

    // To a reader a deleted event is simply not there.
    const editor = await sessionCookie(server.url, 'editor');
    const eventId = eventPath.split('/').at(-1);
    const stored = await query<{ version: number }>(server, 'event.forEdit', { id: eventId }, editor);
    await mutate(server.url, editor, 'event.delete', { id: eventId, version: stored.version });
    const reader = await browser.context.newPage();
    await reader.context().clearCookies();
    await reader.goto(`${server.url}${eventPath}`);
    await reader.getByTestId('event-not-found').waitFor();
    expect(await reader.getByTestId('restore-record').count()).toBe(0);
    await reader.close();
  });

  it('threw no page errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
