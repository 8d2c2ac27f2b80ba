import { mkdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { Role } from '@srt/shared/auth';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiServer, startApiServer } from './api-server.ts';
import { DEMO_ACCOUNTS, demoAccount, loginAs, logout, mutate, sessionCookie } from './auth-helpers.ts';
import { type Browser, launchBrowser } from './browser.ts';

const screenshots = fileURLToPath(new URL('./screenshots/', import.meta.url));
const databaseUrl = process.env.TEST_DATABASE_URL;
const target = databaseUrl ? 'postgres' : 'pglite';
const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 30_000 });

/** The title every text field of the prepared records carries: it must stay text everywhere. */
const XSS = '<img src=x onerror=alert(1)>';
/** A title a spreadsheet would run as a formula if the export did not neutralise it. */
const FORMULA = '=HYPERLINK("https://evil.example/onerror","click")';
/** Finds both prepared projects (and nothing of the demo data). */
const Q = `q=${encodeURIComponent(JSON.stringify('onerror'))}`;
const ROLE_LABEL: Record<Role, string> = { viewer: 'viewer', editor: 'editor', admin: 'admin' };

type Saved = { id: string; version: number };

/** A query procedure over plain HTTP with an optional session cookie. */
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

/** What the page must never show to a viewer: links to forms, the import and admin pages, write buttons. */
const EDIT_LINKS =
  'a[href$="/edit"], a[href*="/edit?"], a[href$="/new"], a[href*="/new?"], a[href^="/import"], a[href^="/admin"]';
const EDIT_NAMES = /^(new project|new event|edit|add funding|delete|restore|import|save|admin)$/i;

async function editControls(page: Page): Promise<string[]> {
  const links = await page
    .locator(EDIT_LINKS)
    .evaluateAll((els) => els.map((e) => e.outerHTML.slice(0, 120)));
  const named = [
    ...(await page.getByRole('button', { name: EDIT_NAMES }).all()),
    ...(await page.getByRole('link', { name: EDIT_NAMES }).all()),
  ];
  const texts = await Promise.all(named.map((l) => l.evaluate((e) => e.outerHTML.slice(0, 120))));
  return [...links, ...texts];
}

/** The sign-in form's fields, found by their accessible names (the labels; the asterisk is aria-hidden). */
const emailInput = (page: Page) => page.getByRole('textbox', { name: 'Email', exact: true });
const passwordInput = (page: Page) => page.locator('input[type="password"][name="password"]');

/** Header items cut off or overlapping their neighbours (the title may shorten itself with an ellipsis). */
const headerOverflow = (page: Page) =>
  page.evaluate(() => {
    const header = document.querySelector('header');
    if (!header) return ['no header'];
    const items = [...header.querySelectorAll('nav a, [role="group"] > *, [role="group"] button')]
      .map((e) => ({ text: e.textContent ?? '', box: e.getBoundingClientRect() }))
      .filter((i) => i.box.width > 1)
      .sort((a, b) => a.box.left - b.box.left);
    const problems: string[] = [];
    items.forEach((item, i) => {
      if (item.box.right > window.innerWidth) problems.push(`${item.text} ends at ${item.box.right}`);
      const next = items[i + 1];
      if (next && next.box.left < item.box.right - 0.5 && next.box.top < item.box.bottom)
        problems.push(
          `${item.text} overlaps ${next.text} by ${Math.round(item.box.right - next.box.left)} px`,
        );
    });
    return problems;
  });

/** Elements made from the XSS text, had it been parsed as HTML. */
const injected = (page: Page) =>
  page.evaluate(() => document.querySelectorAll('img[src="x"], [onerror]').length);

describe(`accounts, roles and inert text (${target})`, () => {
  let server: ApiServer;
  let browser: Browser;
  const pageErrors: string[] = [];
  const dialogs: string[] = [];
  const cspMessages: string[] = [];
  let xssProjectId = '';
  let xssEventId = '';

  beforeAll(async () => {
    await mkdir(screenshots, { recursive: true });
    // This file signs in more often than the default 10 per minute allows.
    server = await startApiServer({ databaseUrl, env: { SIGN_IN_LIMIT: '40' } });
    browser = await launchBrowser();

    // Records whose every text field is markup, made through the API as the demo editor would.
    const cookie = await sessionCookie(server.url, 'editor');
    const org = await mutate<Saved>(server.url, cookie, 'organization.create', { name: XSS, acronym: XSS });
    const source = await mutate<Saved>(server.url, cookie, 'source.create', {
      title: XSS,
      publisher: XSS,
      url: 'https://example.org/xss',
      kind: 'news',
      language: 'en',
    });
    const sources = [{ sourceId: source.id, quote: XSS }];
    const project = await mutate<Saved>(server.url, cookie, 'project.create', {
      title: XSS,
      description: XSS,
      status: 2,
      plannedStart: '2021-01-01',
      countries: [{ country: 'UZ' }],
      participants: [{ organizationId: org.id, role: 1 }],
      // An exact point in the Kyzylkum, far from the demo data's pins: one pin, one project.
      locations: [{ name: XSS, country: 'UZ', precision: 'exact', lat: 42.2, lon: 63.1 }],
      sources,
    });
    xssProjectId = project.id;
    await mutate<Saved>(server.url, cookie, 'project.create', {
      title: FORMULA,
      countries: [{ country: 'UZ' }],
      sources,
    });
    await mutate<Saved>(server.url, cookie, 'funding.create', {
      projectId: project.id,
      flow: 'commitment',
      funderOrgId: org.id,
      amount: '12345678.90',
      currency: 'USD',
      valueDate: '2021-06-01',
      sources,
    });
    const event = await mutate<Saved>(server.url, cookie, 'event.create', {
      type: 'signing',
      title: XSS,
      date: '2021-06-01',
      placeName: XSS,
      country: 'UZ',
      projectIds: [project.id],
      organizationIds: [org.id],
      sources,
    });
    xssEventId = event.id;
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function open(path: string): Promise<Page> {
    const page = await browser.context.newPage();
    page.on('pageerror', (error) => pageErrors.push(`${path}: ${error.message}`));
    page.on('dialog', (dialog) => {
      dialogs.push(`${path}: ${dialog.message()}`);
      void dialog.dismiss();
    });
    page.on('console', (message) => {
      if (/Content[- ]Security[- ]Policy/i.test(message.text()))
        cspMessages.push(`${path}: ${message.text()}`);
    });
    const response = await page.goto(`${server.url}${path}`);
    expect(response?.status()).toBe(200);
    return page;
  }

  it('signs in as each demo account through /login, returns to ?redirect=, shows name and role, signs out', async () => {
    expect(DEMO_ACCOUNTS.map((a) => a.role).sort()).toEqual(['admin', 'editor', 'viewer']);
    for (const account of DEMO_ACCOUNTS) {
      const page = await open('/login?redirect=%2Fprojects%3Fcountries%3D%255B%2522TJ%2522%255D');
      await emailInput(page).fill(account.email);
      await passwordInput(page).fill(account.password);
      await passwordInput(page).press('Enter');
      await page.waitForURL(/\/projects\?countries=/, { timeout: 30_000 });
      expect(new URL(page.url()).searchParams.get('countries')).toBe('["TJ"]');
      const header = page.locator('header');
      await poll(() => header.getByTestId('account-user').textContent()).toBe(account.name);
      expect(await header.getByTestId('account-role').textContent()).toBe(ROLE_LABEL[account.role]);
      const nav = page.getByRole('navigation', { name: 'Main' });
      expect(await nav.getByRole('link', { name: 'Import', exact: true }).count()).toBe(
        account.role === 'viewer' ? 0 : 1,
      );
      expect(await nav.getByRole('link', { name: 'Admin', exact: true }).count()).toBe(
        account.role === 'admin' ? 1 : 0,
      );
      if (account.role === 'admin') {
        // An admin's navigation is the longest, Russian the longer language: it still fits at 1280 px.
        for (const [language, code] of [
          ['Русский', 'ru'],
          ['English', 'en'],
        ] as const) {
          await header.getByRole('button', { name: language }).click();
          await page.waitForFunction((lang) => document.documentElement.lang === lang, code);
          await header.screenshot({ path: `${screenshots}auth-header-admin-${code}-${target}.png` });
          await poll(() => headerOverflow(page)).toEqual([]);
        }
      }

      const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
      expect(await query<{ email: string } | null>(server, 'user.me', null, cookie)).toMatchObject({
        email: account.email,
      });
      await header.getByRole('button', { name: 'Sign out' }).click();
      const signIn = header.getByRole('link', { name: 'Sign in', exact: true });
      await signIn.waitFor({ timeout: 30_000 });
      expect(await header.getByTestId('account-user').count()).toBe(0);
      expect(await nav.getByRole('link', { name: 'Import', exact: true }).count()).toBe(0);
      // The sign-in link brings the user back here.
      const href = (await signIn.getAttribute('href')) ?? '';
      expect(new URL(href, server.url).searchParams.get('redirect')).toMatch(/^\/projects\?countries=/);
      // The session is gone on the server too: its cookie no longer signs anyone in.
      expect(await query(server, 'user.me', null, cookie)).toBeNull();
      await page.close();
    }
  });

  it('a wrong password (or a blank field) is refused with the error in the user’s language', async () => {
    const page = await open('/login');
    const form = page.locator('form');
    await form.getByRole('button', { name: 'Sign in', exact: true }).click();
    await poll(() => form.textContent()).toContain('Enter your email address');
    expect(await form.textContent()).toContain('Enter your password');

    await emailInput(page).fill(demoAccount('viewer').email);
    await passwordInput(page).fill('not-the-password');
    await form.getByRole('button', { name: 'Sign in', exact: true }).click();
    const error = page.getByRole('alert');
    await poll(() => error.textContent()).toBe('Wrong email or password.');
    expect(new URL(page.url()).pathname).toBe('/login');
    // The password is cleared and focused for the next try.
    expect(await passwordInput(page).inputValue()).toBe('');
    expect(
      await passwordInput(page).evaluate((e) => (e as HTMLInputElement).labels?.[0]?.textContent),
    ).toMatch(/^Password/);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('password');
    await page.screenshot({ path: `${screenshots}auth-login-error-${target}.png` });

    await page.getByRole('button', { name: 'Русский' }).click();
    await poll(() => error.textContent()).toBe('Неверная электронная почта или пароль.');
    expect(await page.getByRole('heading', { level: 2 }).textContent()).toBe('Вход');
    await page.screenshot({ path: `${screenshots}auth-login-error-ru-${target}.png` });
    await page.getByRole('button', { name: 'English' }).click();
    await poll(() => error.textContent()).toBe('Wrong email or password.');
    expect(await page.locator('header').getByTestId('account-user').count()).toBe(0);
    await page.close();
  });

  it('a viewer sees no edit controls anywhere, and a direct write call is FORBIDDEN', async () => {
    const page = await open('/');
    await loginAs(page, server.url, 'viewer');
    await poll(() => page.locator('header').getByTestId('account-role').textContent()).toBe('viewer');

    const pages: [string, () => Promise<void>][] = [
      ['/projects', () => page.locator('table[aria-busy="false"]').waitFor({ timeout: 30_000 })],
      [
        `/projects/${xssProjectId}`,
        () => page.getByRole('heading', { level: 2, name: XSS }).waitFor({ timeout: 30_000 }),
      ],
      [
        '/events',
        () => page.getByTestId('event-count').filter({ hasText: /\d/ }).waitFor({ timeout: 30_000 }),
      ],
      [
        `/events/${xssEventId}`,
        () => page.getByRole('heading', { level: 2, name: XSS }).waitFor({ timeout: 30_000 }),
      ],
    ];
    for (const [path, loaded] of pages) {
      await page.goto(`${server.url}${path}`);
      await loaded();
      await page.waitForLoadState('networkidle');
      expect(await editControls(page), path).toEqual([]);
      expect(await page.locator('header').getByTestId('account-role').textContent()).toBe('viewer');
    }
    await page.screenshot({ path: `${screenshots}auth-viewer-event-${target}.png`, fullPage: true });

    // The same pages do have edit controls for an editor: the check above looks for the right things.
    await loginAs(page, server.url, 'editor');
    for (const [path, loaded] of pages) {
      await page.goto(`${server.url}${path}`);
      await loaded();
      await expect
        .poll(async () => (await editControls(page)).length, { timeout: 30_000, message: path })
        .toBeGreaterThan(0);
    }
    await loginAs(page, server.url, 'viewer');

    // The admin page tells a viewer it needs an admin.
    await page.goto(`${server.url}/admin`);
    await page.getByTestId('needs-admin').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('users-table').count()).toBe(0);

    // Straight to the API from the viewer's page, with the viewer's cookie.
    const answer = await page.evaluate(async () => {
      const response = await fetch('/trpc/project.create', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ title: 'Written by a viewer', countries: [], sources: [] }),
      });
      return {
        status: response.status,
        body: (await response.json()) as { error?: { data?: { code?: string } } },
      };
    });
    expect(answer.status).toBe(403);
    expect(answer.body.error?.data?.code).toBe('FORBIDDEN');
    const found = await query<{ rows: { title: string }[] }>(server, 'project.list', {
      filter: { q: 'Written by a viewer' },
    });
    expect(found.rows.map((r) => r.title)).not.toContain('Written by a viewer');
    await logout(page, server.url);
    await page.close();
  });

  it('an admin changes a user’s role and disables and enables an account on /admin', async () => {
    const page = await open('/');
    await loginAs(page, server.url, 'admin');
    await page.goto(`${server.url}/admin`);
    const table = page.getByTestId('users-table');
    await table.waitFor({ timeout: 30_000 });
    // The admin area's own navigation: users (here) and the exchange rates.
    const area = page.getByRole('navigation', { name: 'Administration' });
    expect(await area.getByRole('link', { name: 'Users', exact: true }).getAttribute('aria-current')).toBe(
      'page',
    );
    expect(await area.getByRole('link', { name: 'Exchange rates', exact: true }).getAttribute('href')).toBe(
      '/admin/rates',
    );
    const viewer = demoAccount('viewer');
    const row = table.getByTestId(`user-${viewer.email}`);
    const role = row.getByRole('combobox', { name: `Role of ${viewer.email}` });
    expect(await role.inputValue()).toBe('viewer');
    // One's own role and account cannot be changed from here.
    const own = table.getByTestId(`user-${demoAccount('admin').email}`);
    expect(await own.getByRole('combobox').isDisabled()).toBe(true);
    expect(await own.getByRole('button').count()).toBe(0);

    // A role change asks first; "Cancel" keeps the role.
    await role.selectOption('editor');
    const roleDialog = page.getByRole('dialog', { name: 'Change the role?' });
    await roleDialog.waitFor();
    expect(await roleDialog.textContent()).toContain(`${viewer.email} changes from viewer to editor.`);
    await roleDialog.getByRole('button', { name: 'Cancel' }).click();
    await roleDialog.waitFor({ state: 'detached' });
    expect(await role.inputValue()).toBe('viewer');
    await role.selectOption('editor');
    await roleDialog.getByRole('button', { name: 'Change role' }).click();
    const message = page.getByTestId('admin-message');
    await poll(() => message.textContent()).toContain(`${viewer.email} is now editor.`);
    await poll(() => role.inputValue()).toBe('editor');
    const adminCookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
    const listed = await query<{ email: string; role: string; disabled: boolean }[]>(
      server,
      'user.list',
      null,
      adminCookie,
    );
    expect(listed.find((u) => u.email === viewer.email)?.role).toBe('editor');
    await page.screenshot({ path: `${screenshots}auth-admin-${target}.png`, fullPage: true });
    await role.selectOption('viewer');
    await roleDialog.getByRole('button', { name: 'Change role' }).click();
    await poll(() => message.textContent()).toContain(`${viewer.email} is now viewer.`);

    // Disabling asks first; a disabled account cannot sign in, and says why.
    await row.getByRole('button', { name: 'Disable' }).click();
    const dialog = page.getByRole('dialog', { name: 'Disable this account?' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain(viewer.email);
    await page.waitForTimeout(300); // the modal's transition
    await page.screenshot({ path: `${screenshots}auth-admin-disable-${target}.png` });
    await dialog.getByRole('button', { name: 'Disable' }).click();
    await poll(() => row.textContent()).toContain('disabled');
    await poll(() => message.textContent()).toContain(`${viewer.email} is disabled.`);

    const attempt = await fetch(`${server.url}/api/auth/sign-in/email`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: server.url },
      body: JSON.stringify({ email: viewer.email, password: viewer.password }),
    });
    expect(attempt.status).toBe(403);
    await logout(page, server.url);
    await page.goto(`${server.url}/login`);
    await emailInput(page).fill(viewer.email);
    await passwordInput(page).fill(viewer.password);
    await passwordInput(page).press('Enter');
    await poll(() => page.getByRole('alert').textContent()).toBe(
      'This account is disabled. Ask an administrator to enable it again.',
    );

    await loginAs(page, server.url, 'admin');
    await page.goto(`${server.url}/admin`);
    await row.getByRole('button', { name: 'Enable' }).click();
    await poll(() => row.textContent()).toContain('active');
    await logout(page, server.url);
    await page.close();
  });

  it('renders markup in titles and names as text: table, project and event pages, map popup, brief', async () => {
    // /projects: both prepared projects, the markup as the link's text.
    const page = await open(`/projects?${Q}`);
    await page.locator('table[aria-busy="false"]').waitFor({ timeout: 30_000 });
    const link = page.getByRole('link', { name: XSS, exact: true });
    await link.waitFor({ timeout: 30_000 });
    expect(await page.getByRole('link', { name: FORMULA, exact: true }).count()).toBe(1);
    expect(await injected(page)).toBe(0);
    await page.screenshot({ path: `${screenshots}xss-projects-${target}.png` });

    // The project page: title, description, participant, location, source, quote and event.
    await link.click();
    await page.getByRole('heading', { level: 2, name: XSS }).waitFor({ timeout: 30_000 });
    await page.waitForLoadState('networkidle');
    const main = page.locator('main');
    await poll(async () => ((await main.textContent()) ?? '').split(XSS).length - 1).toBeGreaterThanOrEqual(
      5,
    );
    expect(await injected(page)).toBe(0);
    await page.screenshot({ path: `${screenshots}xss-project-${target}.png`, fullPage: true });

    await page.goto(`${server.url}/events/${xssEventId}`);
    await page.getByRole('heading', { level: 2, name: XSS }).waitFor({ timeout: 30_000 });
    expect(await injected(page)).toBe(0);

    // The map: the one pin of the filtered set, its popup.
    await page.goto(`${server.url}/map?level=%22country%22&${Q}`);
    await page.locator('.leaflet-container').waitFor({ timeout: 30_000 });
    const pin = page.locator('.leaflet-pins-pane path.leaflet-interactive');
    for (let i = 0; i < 8 && (await pin.count()) === 0; i++) {
      const cluster = page.locator('.leaflet-pins-pane .leaflet-marker-icon').first();
      if ((await cluster.count()) > 0) await cluster.click();
      await page.waitForFunction(() => !document.querySelector('.leaflet-zoom-anim'));
      await page.waitForTimeout(400);
    }
    await pin.first().click({ force: true });
    const popup = page.getByTestId('pin-popup');
    await popup.waitFor({ timeout: 30_000 });
    expect(await popup.getByRole('link', { name: XSS, exact: true }).count()).toBe(1);
    expect(await popup.textContent()).toContain(XSS);
    expect(await popup.locator('img, script, iframe').count()).toBe(0);
    expect(await injected(page)).toBe(0);
    await page.waitForTimeout(400); // the popup fades in
    await page.screenshot({ path: `${screenshots}xss-map-popup-${target}.png` });

    // The country brief of the filtered set: the funder, the event and the source are the prepared ones.
    await page.goto(`${server.url}/countries/UZ?${Q}`);
    await page.locator('#brief-funders-title').waitFor({ timeout: 30_000 });
    const brief = page.locator('article');
    await poll(async () => ((await brief.textContent()) ?? '').split(XSS).length - 1).toBeGreaterThanOrEqual(
      3,
    );
    expect(await injected(page)).toBe(0);
    await page.screenshot({ path: `${screenshots}xss-brief-${target}.png`, fullPage: true });

    expect(dialogs).toEqual([]);
    await page.close();
  });

  it('exports markup as literal text and formulas neutralised (CSV and XLSX)', async () => {
    const page = await open(`/projects?${Q}`);
    await page.locator('table[aria-busy="false"]').waitFor({ timeout: 30_000 });
    await page.getByRole('link', { name: XSS, exact: true }).waitFor({ timeout: 30_000 });

    async function download(format: 'CSV' | 'XLSX'): Promise<Buffer> {
      await page.getByTestId('export-open').click();
      const menu = page.getByTestId('export-menu');
      await menu.waitFor();
      await page.waitForTimeout(400);
      await menu.getByText(format, { exact: true }).click();
      await menu.getByRole('radio', { name: 'One row per project', exact: true }).check();
      const link = menu.getByTestId('export-download');
      await poll(() => link.textContent()).toBe(`Download ${format}`);
      const [file] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), link.click()]);
      const bytes = await readFile(await file.path());
      await page.keyboard.press('Escape');
      await menu.waitFor({ state: 'hidden' });
      return bytes;
    }

    const csv = parse((await download('CSV')).toString('utf8'), {
      bom: true,
      comment: '#',
      comment_no_infix: true,
      columns: true,
    }) as Record<string, string>[];
    expect(csv.map((r) => r.title).sort()).toEqual([`'${FORMULA}`, XSS].sort());
    expect(csv.find((r) => r.title === XSS)?.project_id).toBe(xssProjectId);

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(new Uint8Array(await download('XLSX')).buffer);
    const data = workbook.getWorksheet('Data');
    if (!data) throw new Error('no Data sheet');
    const header = (data.getRow(1).values as ExcelJS.CellValue[]).slice(1);
    const column = header.indexOf('title') + 1;
    expect(column).toBeGreaterThan(0);
    const cells: ExcelJS.Cell[] = [];
    data.eachRow((row, n) => {
      if (n > 1) cells.push(row.getCell(column));
    });
    // Plain strings, never formulas: the markup as it was typed, the formula with its leading quote.
    expect(cells.map((c) => c.type)).toEqual([ExcelJS.ValueType.String, ExcelJS.ValueType.String]);
    expect(cells.map((c) => c.value).sort()).toEqual([`'${FORMULA}`, XSS].sort());
    expect(dialogs).toEqual([]);
    await page.close();
  });

  it('runs under the Content-Security-Policy without violations (/, /projects, /map, /login)', async () => {
    const response = await fetch(`${server.url}/`);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("object-src 'none'");
    const before = cspMessages.length;
    for (const [path, ready] of [
      ['/', 'main h2'],
      ['/projects', 'table[aria-busy="false"]'],
      ['/map', '.leaflet-container'],
      ['/login', 'form'],
    ] as const) {
      const page = await open(path);
      await page.locator(ready).first().waitFor({ timeout: 30_000 });
      await page.waitForLoadState('networkidle');
      await page.close();
    }
    // Every page opened in this file counts, not only these four.
    expect(cspMessages.slice(before)).toEqual([]);
    expect(cspMessages).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  it('/login works from the keyboard; /login and /admin have no serious axe violations (EN, RU); mobile menu', async () => {
    const axeSource = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
    const serious = async (page: Page) => {
      await page.evaluate(axeSource);
      return page.evaluate(async () => {
        type Results = { violations: { id: string; impact: string | null; nodes: { target: string[] }[] }[] };
        const axe = (window as unknown as { axe: { run: () => Promise<Results> } }).axe;
        return (await axe.run()).violations
          .filter((v) => v.impact === 'serious' || v.impact === 'critical')
          .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      });
    };
    const switchTo = async (page: Page, language: 'English' | 'Русский', code: 'en' | 'ru') => {
      await page.locator('header').getByRole('button', { name: language }).click();
      await page.waitForFunction((lang) => document.documentElement.lang === lang, code);
    };

    const page = await open('/login');
    await passwordInput(page).waitFor();
    // The email field has the focus; Tab leads to the password, then to the button.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('email');
    await page.keyboard.type(demoAccount('viewer').email);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('password');
    await page.keyboard.type('not-the-password');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Sign in');
    await page.keyboard.press('Enter');
    await poll(() => page.getByRole('alert').textContent()).toBe('Wrong email or password.');
    expect(await serious(page)).toEqual([]);
    await switchTo(page, 'Русский', 'ru');
    expect(await serious(page)).toEqual([]);
    await switchTo(page, 'English', 'en');

    await loginAs(page, server.url, 'admin');
    await page.goto(`${server.url}/admin`);
    await page.getByTestId('users-table').waitFor({ timeout: 30_000 });
    expect(await serious(page)).toEqual([]);
    await switchTo(page, 'Русский', 'ru');
    await poll(() => page.getByRole('heading', { level: 2 }).first().textContent()).toBe('Пользователи');
    expect(await serious(page)).toEqual([]);
    await switchTo(page, 'English', 'en');

    // On a phone the account sits in the menu behind the burger.
    await page.setViewportSize({ width: 390, height: 800 });
    await page.getByRole('button', { name: 'Toggle navigation' }).click();
    const menu = page
      .locator('nav')
      .filter({ has: page.getByRole('link', { name: 'Overview' }) })
      .last();
    await menu.getByRole('button', { name: 'Sign out' }).waitFor();
    expect(await menu.getByTestId('account-role').textContent()).toBe('admin');
    expect(await menu.getByRole('link', { name: 'Admin', exact: true }).count()).toBe(1);
    await page.screenshot({ path: `${screenshots}auth-mobile-menu-${target}.png` });
    await page.setViewportSize({ width: 1280, height: 800 });
    await logout(page, server.url);
    await page.close();
  });

  // Last: it leaves this client's IP rate-limited for a minute.
  it('too many sign-in attempts are refused with the wait, in words', async () => {
    let status = 0;
    for (let i = 0; i < 60 && status !== 429; i++) {
      const response = await fetch(`${server.url}/api/auth/sign-in/email`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: server.url },
        body: JSON.stringify({ email: 'nobody@demo.local', password: 'wrong-password' }),
      });
      status = response.status;
    }
    expect(status).toBe(429);
    const page = await open('/login');
    await emailInput(page).fill(demoAccount('editor').email);
    await passwordInput(page).fill(demoAccount('editor').password);
    await passwordInput(page).press('Enter');
    await poll(() => page.getByRole('alert').textContent()).toMatch(
      /^Too many sign-in attempts\. Try again (in \d+ seconds?|in \d+ minutes?|later)\.$/,
    );
    expect(new URL(page.url()).pathname).toBe('/login');
    await page.screenshot({ path: `${screenshots}auth-login-429-${target}.png` });
    await page.close();
  });
});

describe(`PUBLIC_READ=false (${target})`, () => {
  let server: ApiServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startApiServer({ databaseUrl, env: { PUBLIC_READ: 'false' } });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('sends an anonymous visitor to /login and back to the page after signing in', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${server.url}/projects?countries=%5B%22UZ%22%5D`);
    await page.waitForURL(/\/login\?redirect=/, { timeout: 30_000 });
    expect(new URL(page.url()).searchParams.get('redirect')).toBe('/projects?countries=%5B%22UZ%22%5D');
    const viewer = demoAccount('viewer');
    await emailInput(page).fill(viewer.email);
    await passwordInput(page).fill(viewer.password);
    await passwordInput(page).press('Enter');
    await page.waitForURL(/\/projects\?countries=/, { timeout: 30_000 });
    await page.locator('table[aria-busy="false"] tbody tr').first().waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('result-count').textContent()).toMatch(/^\d[\d,]* projects?$/);
    await page.close();
  });
});
