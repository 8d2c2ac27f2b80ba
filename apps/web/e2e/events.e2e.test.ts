import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiServer, startApiServer } from './api-server.ts';
import { type Browser, launchBrowser } from './browser.ts';

const screenshots = fileURLToPath(new URL('./screenshots/', import.meta.url));
const databaseUrl = process.env.TEST_DATABASE_URL;
const target = databaseUrl ? 'postgres' : 'pglite';
const FORUM = "Belt and Road forum on UNIDO's anniversary";
const FAIR = 'Opening of the 6th China (Shanghai) International Technology Fair';
const SEED_TITLE =
  'Fostering inclusive and sustainable industrial development in the New Silk Road Economic Belt';

/** The timeline item whose title is `title`. */
const item = (page: Page, title: string): Locator =>
  page.getByTestId('event-item').filter({ has: page.getByRole('link', { name: title, exact: true }) });

/** Titles of the items shown once the list has settled. */
async function shownTitles(page: Page): Promise<string[]> {
  await page.locator('[data-testid="event-timeline"][aria-busy="false"]').waitFor({ timeout: 30_000 });
  return page.getByTestId('event-title').allTextContents();
}

describe(`/events served by the API (${target})`, () => {
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

  it('lists the founding events of 20 and 21 April 2018 with their dates, as precisely as known', async () => {
    const page = await open('/events');
    await page.getByRole('heading', { level: 2, name: 'Events' }).waitFor();
    const titles = await shownTitles(page);
    expect(titles).toEqual(expect.arrayContaining([FORUM, FAIR]));
    // Newest first: the fair (21 April) before the forum (20 April).
    expect(titles.indexOf(FAIR)).toBeLessThan(titles.indexOf(FORUM));

    const founding = [
      { title: FORUM, text: '20 April 2018', datetime: '2018-04-20', type: 'Forum' },
      { title: FAIR, text: '21 April 2018', datetime: '2018-04-21', type: 'Conference' },
    ];
    for (const { title, text, datetime, type } of founding) {
      const row = item(page, title);
      expect(await row.getByTestId('event-date').textContent()).toBe(text);
      expect(await row.locator('time').getAttribute('datetime')).toBe(datetime);
      expect(await row.textContent()).toContain(type);
      expect(await row.textContent()).toContain('Shanghai, China');
    }
    // The forum is linked to the seed project; the fair is not.
    await item(page, FORUM).getByRole('link', { name: SEED_TITLE }).waitFor();
    expect(await item(page, FAIR).textContent()).toContain('Not linked to any project');

    // Events known only to the month read "April 2018", not "1 April 2018".
    const visit = item(page, 'Visit to the new UNIDO ITPO Shanghai');
    expect(await visit.getByTestId('event-date').textContent()).toBe('April 2018');
    expect(await visit.locator('time').getAttribute('datetime')).toBe('2018-04');
    expect(await visit.textContent()).toContain('day not known');
    expect(await page.locator('[data-testid="event-timeline"] time').allTextContents()).not.toContain(
      '1 April 2018',
    );
    // One group: April 2018.
    await page.getByRole('heading', { level: 4, name: 'April 2018' }).waitFor();

    await mkdir(screenshots, { recursive: true });
    await page.screenshot({ path: `${screenshots}events-${target}.png`, fullPage: true });
    await page.close();
  });

  it('filters by type and text in the URL', async () => {
    const page = await open(`/events?types=${encodeURIComponent('["forum"]')}`);
    const forums = await shownTitles(page);
    expect(forums).toEqual(expect.arrayContaining([FORUM, 'BRIDGE for Cities event']));
    expect(forums).not.toContain(FAIR);
    expect(await page.locator('[data-testid="event-item"]:not([data-type="forum"])').count()).toBe(0);

    await page.getByTestId('filter-q').fill('BRIDGE');
    await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe('BRIDGE');
    await expect.poll(() => shownTitles(page), { timeout: 30_000 }).toEqual(['BRIDGE for Cities event']);
    await page.close();
  });

  it('opens a URL with invalid parameters, drops them and says which', async () => {
    const page = await open(
      `/events?types=${encodeURIComponent('["party","visit"]')}&from=2018-13-45&countries=${encodeURIComponent('["XX"]')}`,
    );
    const notice = page.getByTestId('filter-notice');
    await notice.waitFor({ timeout: 30_000 });
    const text = (await notice.textContent()) ?? '';
    expect(text).toContain('types = party');
    expect(text).toContain('from = 2018-13-45');
    expect(text).toContain('countries = XX: unknown country code');
    // The valid part still applies.
    expect(await shownTitles(page)).toEqual(['Visit to the new UNIDO ITPO Shanghai']);
    await page.close();
  });

  it('opens an event page: date, place, description, project, organisations with roles, sources', async () => {
    const page = await open('/events');
    await shownTitles(page);
    await item(page, FORUM).getByRole('link', { name: FORUM, exact: true }).click();
    await page.getByRole('heading', { level: 2, name: FORUM }).waitFor({ timeout: 30_000 });
    expect(new URL(page.url()).pathname).toMatch(/^\/events\/[0-9a-f-]{36}$/);
    expect(await page.getByTestId('event-date').textContent()).toBe('20 April 2018');
    expect(await page.getByTestId('event-place').textContent()).toBe('Shanghai, China');
    expect(await page.getByTestId('event-description').textContent()).toContain('CCPIT');
    await page.getByTestId('event-projects').getByRole('link', { name: SEED_TITLE }).waitFor();
    const organizations = (await page.getByTestId('event-organizations').textContent()) ?? '';
    expect(organizations).toContain('China Council for the Promotion of International Trade (CCPIT)');
    expect(organizations).toContain('co-organiser');
    const source = page.getByTestId('source').first().getByRole('link');
    expect(await source.getAttribute('rel')).toBe('noopener noreferrer');
    expect(await page.getByTestId('source').first().textContent()).toContain('in Thai');
    await page.screenshot({ path: `${screenshots}event-${target}.png`, fullPage: true });

    // From the event to its project and back to the events of that project.
    await page.getByTestId('event-projects').getByRole('link', { name: SEED_TITLE }).click();
    await page.getByRole('heading', { level: 2, name: SEED_TITLE }).waitFor({ timeout: 30_000 });
    await page.getByRole('link', { name: 'All events of this project' }).click();
    await expect.poll(() => shownTitles(page), { timeout: 30_000 }).toEqual([FORUM]);
    await page.close();
  });

  it('shows a month-precision event as "April 2018" on its page too', async () => {
    const page = await open('/events');
    await shownTitles(page);
    await page.getByRole('link', { name: 'BRIDGE for Cities event', exact: true }).click();
    await page
      .getByRole('heading', { level: 2, name: 'BRIDGE for Cities event' })
      .waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('event-date').textContent()).toBe('April 2018');
    await page.close();
  });

  it('shows "not found" for a missing event', async () => {
    const page = await open('/events/00000000-0000-4000-8000-000000000000');
    await page.getByTestId('event-not-found').waitFor({ timeout: 30_000 });
    await page.close();
  });

  it('threw no errors in the page', () => {
    expect(pageErrors, server.output()).toEqual([]);
  });
});
