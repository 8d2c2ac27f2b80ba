import { mkdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiServer, startApiServer } from './api-server.ts';
import { demoAccount, loginAs, mutate, sessionCookie } from './auth-helpers.ts';
import { type Browser, launchBrowser } from './browser.ts';

const screenshots = fileURLToPath(new URL('./screenshots/', import.meta.url));
const databaseUrl = process.env.TEST_DATABASE_URL;
const target = databaseUrl ? 'postgres' : 'pglite';
const poll = expect.poll;

/** A query procedure over plain HTTP (public reads), optionally as a signed-in user. */
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

type Editable = {
  id: string;
  version: number;
  values: {
    title: string;
    description: string | null;
    status: number | null;
    countries: { country: string; percentage: number | null }[];
    locations: {
      name: string;
      country: string;
      precision: string;
      lat: number | null;
      lon: number | null;
      admin1Code: string | null;
    }[];
    sources: { sourceId: string; quote: string | null }[];
  };
};

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** The input labelled `text` (a required field's label ends in " *"; a Select's list shares its label). */
const byLabel = (page: Page, text: string) =>
  page.getByLabel(new RegExp(`^${escapeRegExp(text)}( \\*)?$`)).and(page.locator('input, textarea'));

/** Picks an option of a Mantine Select (its dropdown lives in a portal), typing to narrow a long list. */
async function choose(page: Page, label: string, option: string | RegExp, typed?: string) {
  const input = byLabel(page, label);
  await input.click();
  if (typed) await input.fill(typed);
  await page.getByRole('option', { name: option }).first().click();
}

/** The picker's map is drawn (shapes in place) and still. */
async function locationMapSettled(page: Page) {
  await page.waitForFunction(
    () =>
      [...document.querySelectorAll('[data-testid="location-map"] svg path')].some(
        (path) => path.getBoundingClientRect().width > 50,
      ),
    undefined,
    { timeout: 30_000 },
  );
  await page.waitForFunction(() => !document.querySelector('.leaflet-zoom-anim'));
}

/** axe-core's serious and critical violations on the page (injected by evaluate: the CSP refuses a script tag). */
async function seriousViolations(page: Page, axeSource: string): Promise<string[]> {
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    type Result = { violations: { id: string; impact: string | null; nodes: { target: string[] }[] }[] };
    const { axe } = window as unknown as { axe: { run: () => Promise<Result> } };
    const { violations } = await axe.run();
    return violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}

/** Drops every draft kept in this browser. */
const forgetDrafts = (page: Page) =>
  page.evaluate(() => {
    for (const key of Object.keys(localStorage))
      if (key.startsWith('srt.draft.')) localStorage.removeItem(key);
  });

const numberIn = async (page: Page, label: string) => Number(await byLabel(page, label).inputValue());

describe(`project form served by the API (${target})`, () => {
  let server: ApiServer;
  let editor: Browser;
  let admin: Browser;
  let source: { id: string; title: string };
  let axeSource: string;
  const pageErrors: string[] = [];
  const stamp = Date.now().toString(36);

  beforeAll(async () => {
    await mkdir(screenshots, { recursive: true });
    server = await startApiServer({ databaseUrl });
    editor = await launchBrowser();
    admin = await launchBrowser();
    const found = await query<{ rows: { id: string; title: string }[] }>(server, 'source.list', {
      q: 'UNIDO',
    });
    const first = found.rows[0];
    if (!first) throw new Error('No UNIDO source in the demo data');
    source = first;
    axeSource = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  });

  afterAll(async () => {
    await editor?.close();
    await admin?.close();
    await server?.stop();
    expect(pageErrors).toEqual([]);
  });

  /** A new page at `path`, in English and without drafts left by an earlier test. */
  async function open(browser: Browser, path: string): Promise<Page> {
    const page = await browser.context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(`${server.url}/health`);
    await page.evaluate(() => {
      for (const key of Object.keys(localStorage))
        if (key.startsWith('srt.draft.')) localStorage.removeItem(key);
      localStorage.setItem('srt.language', 'en');
    });
    await page.goto(`${server.url}${path}`);
    return page;
  }

  it('signs the editor in on /login; /projects then offers "New project"', async () => {
    const account = demoAccount('editor');
    const page = await open(editor, '/login?redirect=%2Fprojects');
    await byLabel(page, 'Email').fill(account.email);
    await byLabel(page, 'Password').fill(account.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.waitForURL(/\/projects$/, { timeout: 30_000 });
    await page.getByTestId('new-project').waitFor({ timeout: 30_000 });
    await page.close();
  });

  it('creates a project with a source and a location picked on the map; it shows in /projects and on /map', async () => {
    const title = `Samarkand industrial park ${stamp}`;
    const page = await open(editor, '/projects');
    await page.getByTestId('new-project').click();
    await page.waitForURL(/\/projects\/new$/);
    await byLabel(page, 'Title').fill(title);
    await byLabel(page, 'Original title').fill('Самаркандский индустриальный парк');
    await choose(page, 'Language of the original title', /Russian/, 'Russ');
    await choose(page, 'Status', 'Implementation');

    await page.getByRole('button', { name: 'Add country' }).click();
    await choose(page, 'Country 1', 'Uzbekistan', 'Uzbek');
    // The share is named by its country.
    await byLabel(page, 'Share of Uzbekistan').fill('100');
    await poll(() => page.getByTestId('countries-total').textContent()).toBe('Total 100 %');

    await page.getByRole('button', { name: 'Add sector' }).click();
    await choose(page, 'Sector 1', /^32130 /, '32130');

    // Cite the demo data's UNIDO source.
    const search = byLabel(page, 'Cite an existing source');
    await search.click();
    await search.fill('UNIDO');
    await page.getByRole('option', { name: source.title }).first().click();
    await poll(() => page.getByTestId('cited-source').count()).toBe(1);

    // A location: a point typed in Dushanbe is outside Uzbekistan and says so …
    await page.getByRole('button', { name: 'Add location' }).click();
    await byLabel(page, 'Place name').fill('Industrial park site');
    expect(await byLabel(page, 'Country').inputValue()).toBe('Uzbekistan');
    await locationMapSettled(page);
    await byLabel(page, 'Latitude').fill('38.56');
    await byLabel(page, 'Longitude').fill('68.78');
    await poll(() => page.getByTestId('location-outside').textContent()).toContain('it is in Tajikistan');

    // … then a click on the map (the middle of Uzbekistan) places it there, and its region follows.
    const map = page.locator('[data-testid="location-map"] .leaflet-container');
    const box = await map.boundingBox();
    if (!box) throw new Error('no map box');
    await map.click({ position: { x: box.width / 2, y: box.height / 2 } });
    await poll(() => page.getByTestId('location-outside').count()).toBe(0);
    const lat = await numberIn(page, 'Latitude');
    const lon = await numberIn(page, 'Longitude');
    expect(lat).toBeGreaterThan(37);
    expect(lat).toBeLessThan(46);
    expect(lon).toBeGreaterThan(55);
    expect(lon).toBeLessThan(74);
    const region = await page.getByTestId('location-region').inputValue();
    expect(region).not.toBe('');

    // Dragging the marker moves the point (and keeps a region).
    const marker = page.locator('[data-testid="location-map"] .leaflet-marker-icon');
    const at = await marker.boundingBox();
    if (!at) throw new Error('no marker');
    await page.mouse.move(at.x + at.width / 2, at.y + at.height / 2);
    await page.mouse.down();
    await page.mouse.move(at.x + at.width / 2 + 30, at.y + at.height / 2 + 20, { steps: 8 });
    await page.mouse.up();
    await poll(() => numberIn(page, 'Longitude')).toBeGreaterThan(lon);
    expect(await numberIn(page, 'Latitude')).toBeLessThan(lat);
    expect(await page.getByTestId('location-region').inputValue()).not.toBe('');
    await page.waitForFunction(() => !document.querySelector('.leaflet-zoom-anim'));
    await page
      .getByTestId('locations-section')
      .screenshot({ path: `${screenshots}project-form-location-${target}.png` });
    const placed = { lat: await numberIn(page, 'Latitude'), lon: await numberIn(page, 'Longitude') };

    await page.getByTestId('save').click();
    await page.waitForURL(/\/projects\/[0-9a-f-]{36}/, { timeout: 30_000 });
    await page.getByRole('heading', { level: 2, name: title }).waitFor({ timeout: 30_000 });
    const id = page.url().match(/\/projects\/([0-9a-f-]{36})/)?.[1] ?? '';
    await page.screenshot({ path: `${screenshots}project-form-saved-${target}.png`, fullPage: true });

    // Stored as typed: the point, its region, the source.
    const cookie = await sessionCookie(server.url, 'editor');
    const stored = await query<Editable>(server, 'project.forEdit', { id }, cookie);
    expect(stored.version).toBe(1);
    expect(stored.values.locations).toEqual([
      expect.objectContaining({ name: 'Industrial park site', country: 'UZ', precision: 'exact', ...placed }),
    ]);
    expect(stored.values.locations[0]?.admin1Code).toMatch(/^UZ\./);
    expect(stored.values.sources.map((s) => s.sourceId)).toEqual([source.id]);

    // In the list …
    await page.goto(`${server.url}/projects?q=${encodeURIComponent(JSON.stringify(stamp))}`);
    await page.getByRole('link', { name: title }).waitFor({ timeout: 30_000 });

    // … and on the map, as one pin.
    await page.goto(`${server.url}/map?q=${encodeURIComponent(JSON.stringify(stamp))}`);
    await poll(() => page.getByTestId('map-status').textContent(), { timeout: 30_000 }).toBe('1 pinned site');
    await page
      .locator('.leaflet-pins-pane .leaflet-marker-icon, .leaflet-pins-pane path.leaflet-interactive')
      .first()
      .waitFor({ timeout: 30_000 });
    await page.waitForFunction(() => !document.querySelector('.leaflet-zoom-anim'));
    const mapBox = page.locator('.leaflet-container').first();
    await mapBox.scrollIntoViewIfNeeded();
    await mapBox.screenshot({ path: `${screenshots}project-form-on-map-${target}.png` });
    await page.close();
  }, 180_000);

  it('shows field errors next to their fields, in English and in Russian', async () => {
    const page = await open(editor, '/projects/new');
    await page.getByRole('button', { name: 'Add country' }).click();
    await choose(page, 'Country 1', 'Uzbekistan', 'Uzbek');
    await byLabel(page, 'Share of Uzbekistan').fill('60');
    await page.getByRole('button', { name: 'Add country' }).click();
    await choose(page, 'Country 2', 'Tajikistan', 'Tajik');
    await byLabel(page, 'Share of Tajikistan').fill('30');
    await poll(() => page.getByTestId('countries-total').textContent()).toBe('Total 90 % — must be 100');
    // A point outside its country, not confirmed.
    await page.getByRole('button', { name: 'Add location' }).click();
    await byLabel(page, 'Place name').fill('Border site');
    await byLabel(page, 'Latitude').fill('38.56');
    await byLabel(page, 'Longitude').fill('68.78');
    await page.getByTestId('location-outside').waitFor();

    await page.getByTestId('save').click();
    // The wrong sum is said once: the running total becomes the list's error.
    const countriesError = page.getByTestId('countries-total');
    await poll(() => countriesError.getAttribute('role')).toBe('alert');
    expect(await countriesError.textContent()).toBe('Total 90 % — must be 100');
    expect(await page.getByTestId('countries-error').count()).toBe(0);
    expect(await page.getByText('Country percentages must add up to 100').count()).toBe(0);
    // The title's own message, tied to the input (aria-describedby) and right below it.
    const titleInput = byLabel(page, 'Title');
    await poll(() => titleInput.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await titleInput.getAttribute('aria-describedby')) ?? '';
    const titleError = page.locator(
      describedBy
        .split(' ')
        .map((id) => `[id="${id}"]`)
        .join(', '),
    );
    expect(await titleError.textContent()).toBe('Required');
    const inputBox = await titleInput.boundingBox();
    const titleErrorBox = await titleError.boundingBox();
    if (!inputBox || !titleErrorBox) throw new Error('no title boxes');
    expect(titleErrorBox.y - (inputBox.y + inputBox.height)).toBeLessThan(20);
    expect(titleErrorBox.y).toBeGreaterThan(inputBox.y);
    await page.getByText('The point lies outside the chosen country: confirm it or move it').waitFor();
    await page.getByTestId('sources-field').getByText('Cite at least one source').waitFor();
    expect(await byLabel(page, 'Country 1').getAttribute('aria-invalid')).not.toBe('true');

    // "Next to the field": the list's error sits inside the countries section, right under the rows.
    const section = await page.getByTestId('countries-section').boundingBox();
    const errorBox = await countriesError.boundingBox();
    const lastRow = await page.getByTestId('countries-row').last().boundingBox();
    if (!section || !errorBox || !lastRow) throw new Error('no boxes');
    expect(errorBox.y).toBeGreaterThan(lastRow.y);
    expect(errorBox.y - (lastRow.y + lastRow.height)).toBeLessThan(60);
    expect(errorBox.y + errorBox.height).toBeLessThanOrEqual(section.y + section.height);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: `${screenshots}project-form-errors-en-${target}.png`, fullPage: true });
    expect(await seriousViolations(page, axeSource)).toEqual([]);

    // The same errors in Russian, without losing what was typed.
    await page.getByRole('button', { name: 'Русский' }).click();
    await poll(() => countriesError.textContent()).toBe('Итого 90 % — должно быть 100');
    await page
      .getByText('Точка лежит за пределами выбранной страны: подтвердите её или переместите')
      .waitFor();
    await page.getByTestId('sources-field').getByText('Укажите хотя бы один источник').waitFor();
    expect(await titleError.textContent()).toBe('Обязательное поле');
    expect(await page.getByTestId('countries-total').textContent()).toBe('Итого 90 % — должно быть 100');
    expect(await byLabel(page, 'Доля: Таджикистан').inputValue()).toBe('30 %');
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: `${screenshots}project-form-errors-ru-${target}.png`, fullPage: true });
    expect(await seriousViolations(page, axeSource)).toEqual([]);

    // Fixing the share clears the list's error as it is typed (after the first save, errors follow input).
    await byLabel(page, 'Доля: Таджикистан').fill('40');
    await poll(() => countriesError.textContent()).toBe('Итого 100 %');
    expect(await countriesError.getAttribute('role')).toBeNull();
    await page.getByRole('button', { name: 'English' }).click();
    await forgetDrafts(page);
    await page.close();
  }, 120_000);

  it('puts an error only the server finds on its field: a country listed twice', async () => {
    const page = await open(editor, '/projects/new');
    await byLabel(page, 'Title').fill(`Listed twice ${stamp}`);
    for (const n of [1, 2]) {
      await page.getByRole('button', { name: 'Add country' }).click();
      await choose(page, `Country ${n}`, 'Uzbekistan', 'Uzbek');
      await byLabel(page, 'Share of Uzbekistan')
        .nth(n - 1)
        .fill('50');
    }
    const search = byLabel(page, 'Cite an existing source');
    await search.click();
    await search.fill('UNIDO');
    await page.getByRole('option', { name: source.title }).first().click();
    await page.getByTestId('save').click();

    // The schema accepts it; the server refuses it and names the field, where the form shows it.
    const second = byLabel(page, 'Country 2');
    await poll(() => second.getAttribute('aria-invalid'), { timeout: 30_000 }).toBe('true');
    const describedBy = (await second.getAttribute('aria-describedby')) ?? '';
    const message = page.locator(
      describedBy
        .split(' ')
        .map((id) => `[id="${id}"]`)
        .join(', '),
    );
    expect(await message.textContent()).toBe('Listed twice');
    expect(await byLabel(page, 'Country 1').getAttribute('aria-invalid')).not.toBe('true');
    expect(await page.getByTestId('form-alert').count()).toBe(0);
    expect(page.url()).toMatch(/\/projects\/new$/);
    await page.getByRole('button', { name: 'Русский' }).click();
    await poll(() => message.textContent()).toBe('Указано дважды');
    await page.getByRole('button', { name: 'English' }).click();
    await page.close();
  }, 120_000);

  it('keeps typed input through a reload (draft), and asks before leaving unsaved changes', async () => {
    const page = await open(editor, '/projects/new');
    const title = byLabel(page, 'Title');
    await title.fill(`Draft project ${stamp}`);
    await byLabel(page, 'Description').fill('Typed, not saved yet');
    await page.waitForFunction(
      (text) =>
        Object.keys(localStorage).some(
          (key) => key.endsWith('.project:new') && (localStorage.getItem(key)?.includes(text) ?? false),
        ),
      `Draft project ${stamp}`,
    );
    // Kept under the signed-in user's id: the next person at this browser does not get it.
    const me = await query<{ id: string }>(
      server,
      'user.me',
      null,
      await sessionCookie(server.url, 'editor'),
    );
    const keys = await page.evaluate(() =>
      Object.keys(localStorage).filter((k) => k.startsWith('srt.draft.')),
    );
    expect(keys).toEqual([`srt.draft.${me.id}.project:new`]);

    // Reloading asks first (beforeunload) …
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.type());
      void dialog.accept();
    });
    await page.reload();
    expect(dialogs).toEqual(['beforeunload']);
    // … and the input comes back from the draft.
    const notice = page.getByTestId('draft-notice');
    await notice.waitFor({ timeout: 30_000 });
    expect(await title.inputValue()).toBe('');
    await page.screenshot({ path: `${screenshots}project-form-draft-${target}.png` });
    await notice.getByRole('button', { name: 'Restore draft' }).click();
    expect(await title.inputValue()).toBe(`Draft project ${stamp}`);
    expect(await byLabel(page, 'Description').inputValue()).toBe('Typed, not saved yet');

    // Leaving inside the app asks too; staying keeps the form.
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Projects', exact: true })
      .click();
    const leave = page.getByRole('dialog', { name: 'Leave without saving?' });
    await leave.waitFor();
    await leave.getByRole('button', { name: 'Stay on the form' }).click();
    await poll(() => leave.count()).toBe(0);
    expect(page.url()).toMatch(/\/projects\/new$/);
    expect(await title.inputValue()).toBe(`Draft project ${stamp}`);

    // Discarding forgets it.
    await forgetDrafts(page);
    await page.close();
  }, 120_000);

  it('resolves a conflict between two people field by field and saves against the new version', async () => {
    const cookie = await sessionCookie(server.url, 'editor');
    const original = `Conflict project ${stamp}`;
    const created = await mutate<{ id: string; version: number }>(server.url, cookie, 'project.create', {
      title: original,
      description: 'First description',
      status: 2,
      countries: [{ country: 'TJ', percentage: 100 }],
      sources: [{ sourceId: source.id }],
    });
    const editPath = `/projects/${created.id}/edit`;

    const mine = await open(editor, editPath);
    const adminPage = await open(admin, '/');
    await loginAs(adminPage, server.url, 'admin');
    await adminPage.goto(`${server.url}${editPath}`);
    for (const page of [mine, adminPage]) {
      await poll(() => byLabel(page, 'Title').inputValue(), { timeout: 30_000 }).toBe(original);
    }

    // The admin saves first: a new title and description.
    await byLabel(adminPage, 'Title').fill(`${original} (admin)`);
    await byLabel(adminPage, 'Description').fill('Description by the admin');
    await adminPage.getByTestId('save').click();
    await adminPage.waitForURL(new RegExp(`/projects/${created.id}$`), { timeout: 30_000 });

    // The editor, still on version 1, changes the title and the status.
    await byLabel(mine, 'Title').fill(`${original} (editor)`);
    await choose(mine, 'Status', 'Closed');
    await mine.getByTestId('save').click();
    const dialog = mine.getByRole('dialog', { name: 'Someone else saved this record' });
    await dialog.waitFor({ timeout: 30_000 });
    const row = (field: string) => dialog.locator(`tr[data-field="${field}"]`);
    // Only the fields that differ, each with both values as text.
    expect(await dialog.locator('tbody tr').count()).toBe(3);
    expect(await row('title').textContent()).toContain(`${original} (editor)`);
    expect(await row('title').textContent()).toContain(`${original} (admin)`);
    expect(await row('description').textContent()).toContain('First description');
    expect(await row('description').textContent()).toContain('Description by the admin');
    expect(await row('status').textContent()).toContain('Closed');
    expect(await row('status').textContent()).toContain('Implementation');
    // Defaults: mine where only I changed, theirs where only they did; both changed the title → mine.
    expect(await dialog.getByRole('radio', { name: 'Title: Keep yours' }).isChecked()).toBe(true);
    expect(await dialog.getByRole('radio', { name: 'Description: Take theirs' }).isChecked()).toBe(true);
    expect(await dialog.getByRole('radio', { name: 'Status: Keep yours' }).isChecked()).toBe(true);
    expect(await seriousViolations(mine, axeSource)).toEqual([]);
    // The editor takes the admin's title after all.
    await dialog.getByRole('radio', { name: 'Title: Take theirs' }).check();
    await mine.screenshot({
      path: `${screenshots}project-form-conflict-${target}.png`,
      animations: 'disabled',
    });
    await dialog.getByRole('button', { name: 'Save my choices' }).click();

    await mine.waitForURL(new RegExp(`/projects/${created.id}$`), { timeout: 30_000 });
    await mine.getByRole('heading', { level: 2, name: `${original} (admin)` }).waitFor({ timeout: 30_000 });
    const stored = await query<Editable>(server, 'project.forEdit', { id: created.id }, cookie);
    expect(stored.version).toBe(3);
    expect(stored.values.title).toBe(`${original} (admin)`);
    expect(stored.values.description).toBe('Description by the admin');
    expect(stored.values.status).toBe(4);
    await mine.close();
    await adminPage.close();
  }, 180_000);

  it('keeps a latitude beyond 90 as typed and says what is wrong next to it', async () => {
    const page = await open(editor, '/projects/new');
    await page.getByRole('button', { name: 'Add location' }).click();
    await byLabel(page, 'Place name').fill('Far north');
    const latitude = byLabel(page, 'Latitude');
    await latitude.fill('91');
    await byLabel(page, 'Longitude').fill('-181');
    await byLabel(page, 'Place name').click(); // blur: Mantine used to clamp here
    expect(await latitude.inputValue()).toBe('91');
    expect(await byLabel(page, 'Longitude').inputValue()).toBe('-181');
    const describedBy = (await latitude.getAttribute('aria-describedby')) ?? '';
    const message = page.locator(
      describedBy
        .split(' ')
        .map((id) => `[id="${id}"]`)
        .join(', '),
    );
    await poll(() => message.textContent()).toBe('Must be at most 90');
    await page.getByText('Must be at least -180').waitFor();
    await page.getByRole('button', { name: 'Русский' }).click();
    await poll(() => message.textContent()).toBe('Не больше 90');
    await page.getByRole('button', { name: 'English' }).click();
    await forgetDrafts(page);
    await page.close();
  }, 120_000);

  it('deletes a project after a confirmation naming it, and restores it from its page', async () => {
    const cookie = await sessionCookie(server.url, 'editor');
    const title = `Project to delete ${stamp}`;
    const created = await mutate<{ id: string; version: number }>(server.url, cookie, 'project.create', {
      title,
      countries: [{ country: 'KZ', percentage: 100 }],
      sources: [{ sourceId: source.id }],
    });
    const inList = async () =>
      (
        await query<{ rows: { id: string }[] }>(server, 'project.list', {
          filter: { q: title },
          limit: 10,
        })
      ).rows.some((r) => r.id === created.id);
    expect(await inList()).toBe(true);

    const page = await open(editor, `/projects/${created.id}`);
    await page.getByRole('heading', { level: 2, name: title }).waitFor({ timeout: 30_000 });
    const footer = page.locator('[role="status"][data-state="ok"]');
    const countIn = async () =>
      Number(((await footer.textContent()) ?? '').match(/([\d,]+) projects?/)?.[1]?.replace(/,/g, ''));
    await poll(countIn, { timeout: 30_000 }).toBeGreaterThan(0);
    const before = await countIn();

    // Someone changes it while the page is open: the first delete is refused and says so.
    const shown = await query<Editable>(server, 'project.forEdit', { id: created.id }, cookie);
    await mutate(server.url, cookie, 'project.update', {
      id: created.id,
      version: shown.version,
      values: { ...shown.values, description: 'Changed meanwhile' },
    });
    await page.getByTestId('delete-project').click();
    const dialog = page.getByRole('dialog', { name: `Delete “${title}”?` });
    await dialog.waitFor();
    await dialog.getByTestId('confirm-delete').click();
    await poll(() => dialog.getByTestId('delete-failure').textContent(), { timeout: 30_000 }).toContain(
      'Someone changed this record since you opened it',
    );
    expect(await inList()).toBe(true);
    await page.screenshot({
      path: `${screenshots}project-delete-confirm-${target}.png`,
      animations: 'disabled',
    });
    await dialog.getByTestId('confirm-delete').click();
    await page.waitForURL(/\/projects$/, { timeout: 30_000 });
    await poll(() => page.getByTestId('page-notice').textContent()).toContain(`“${title}” was deleted.`);
    expect(await inList()).toBe(false);
    // The footer's count follows at once.
    await poll(countIn, { timeout: 30_000 }).toBe(before - 1);

    // Its page: not found for readers; for an editor, who deleted it and when, and "Restore".
    await page.goto(`${server.url}/projects/${created.id}`);
    const banner = page.getByTestId('deleted-banner');
    await banner.waitFor({ timeout: 30_000 });
    await poll(() => banner.textContent(), { timeout: 30_000 }).toMatch(
      /This record was deleted on .+ by Demo/,
    );
    await page.screenshot({ path: `${screenshots}project-deleted-page-${target}.png`, fullPage: true });
    // The edit page of the deleted project shows the same banner.
    await page.goto(`${server.url}/projects/${created.id}/edit`);
    await page.getByTestId('deleted-banner').waitFor({ timeout: 30_000 });
    await page.goto(`${server.url}/projects/${created.id}`);
    await page.getByTestId('restore-record').click();
    await page.getByRole('heading', { level: 2, name: title }).waitFor({ timeout: 30_000 });
    expect(await inList()).toBe(true);
    await poll(countIn, { timeout: 30_000 }).toBe(before);
    await page.close();
  }, 180_000);

  it("restores a draft typed against an older version without undoing the other person's title", async () => {
    const cookie = await sessionCookie(server.url, 'editor');
    const adminCookie = await sessionCookie(server.url, 'admin');
    const original = `Draft merge ${stamp}`;
    const created = await mutate<{ id: string; version: number }>(server.url, cookie, 'project.create', {
      title: original,
      description: 'First description',
      countries: [{ country: 'TJ', percentage: 100 }],
      sources: [{ sourceId: source.id }],
    });
    const editPath = `/projects/${created.id}/edit`;

    // The editor changes only the description and leaves (the draft stays).
    let page = await open(editor, editPath);
    await poll(() => byLabel(page, 'Title').inputValue(), { timeout: 30_000 }).toBe(original);
    await byLabel(page, 'Description').fill('My description');
    await page.waitForFunction(() =>
      Object.keys(localStorage).some(
        (key) =>
          key.startsWith('srt.draft.') && (localStorage.getItem(key)?.includes('My description') ?? false),
      ),
    );
    await page.close();

    // Meanwhile the admin renames it.
    const current = await query<Editable>(server, 'project.forEdit', { id: created.id }, adminCookie);
    await mutate(server.url, adminCookie, 'project.update', {
      id: created.id,
      version: current.version,
      values: { ...current.values, title: `${original} (renamed)` },
    });

    // The editor comes back and restores the draft: the new title stays, the description is theirs.
    page = await editor.context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(`${server.url}${editPath}`);
    const notice = page.getByTestId('draft-notice');
    await notice.waitFor({ timeout: 30_000 });
    await notice.getByRole('button', { name: 'Restore draft' }).click();
    await page.getByTestId('draft-merged').waitFor();
    expect(await page.getByTestId('draft-merged').textContent()).toContain(
      'This record has changed since your draft',
    );
    expect(await byLabel(page, 'Title').inputValue()).toBe(`${original} (renamed)`);
    expect(await byLabel(page, 'Description').inputValue()).toBe('My description');
    await page.getByTestId('save').click();
    await page.waitForURL(new RegExp(`/projects/${created.id}$`), { timeout: 30_000 });
    const stored = await query<Editable>(server, 'project.forEdit', { id: created.id }, cookie);
    expect(stored.version).toBe(3);
    expect(stored.values.title).toBe(`${original} (renamed)`);
    expect(stored.values.description).toBe('My description');
    await page.close();
  }, 180_000);

  it('asks before signing out of a form with unsaved changes', async () => {
    const page = await open(admin, '/projects/new');
    await byLabel(page, 'Title').waitFor({ timeout: 30_000 });
    await byLabel(page, 'Title').fill(`Unsaved at sign-out ${stamp}`);
    const answers = [false, true];
    const asked: string[] = [];
    page.on('dialog', (dialog) => {
      asked.push(dialog.type());
      void (answers.shift() ? dialog.accept() : dialog.dismiss());
    });
    const signOut = page.getByRole('button', { name: 'Sign out' }).first();
    await signOut.click();
    await poll(() => asked.length).toBe(1);
    expect(asked).toEqual(['confirm']);
    expect(await page.getByTestId('account-user').first().isVisible()).toBe(true);
    await signOut.click();
    await page.getByTestId('needs-editor').waitFor({ timeout: 30_000 });
    expect(asked).toEqual(['confirm', 'confirm']);
    await forgetDrafts(page);
    await page.close();
  }, 120_000);
});
