import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiServer, startApiServer } from './api-server.ts';
import { demoAccount, loginAs } from './auth-helpers.ts';
import { type Browser, launchBrowser } from './browser.ts';

const screenshots = fileURLToPath(new URL('./screenshots/', import.meta.url));
const databaseUrl = process.env.TEST_DATABASE_URL;
const target = databaseUrl ? 'postgres' : 'pglite';
const poll = expect.poll;

/** Two new projects and a row with a day that does not exist (rejected at its row and column). */
const SHEET = [
  'external_ref,title,countries,sectors,status,planned_start,source_url,source_title',
  'e2e-import:khorezm,Khorezm textile cluster (import test),UZ,32120,2,2021-03-01,https://example.org/khorezm,Khorezm textile cluster news',
  'e2e-import:dushanbe,Dushanbe solar park (import test),TJ,23210,1,2022-05-01,https://example.org/dushanbe,Dushanbe solar park news',
  'e2e-import:ganja,Ganja logistics hub (import test),AZ,21010,2,2021-02-30,https://example.org/ganja,Ganja logistics hub news',
].join('\n');

const MALFORMED = '<?xml version="1.0"?>\n<iati-activities version="2.03">\n <iati-activity>\n  <title>\n';

describe(`import page (${target})`, () => {
  let server: ApiServer;
  let browser: Browser;
  let uploads: string;

  beforeAll(async () => {
    uploads = await mkdtemp(join(tmpdir(), 'srt-e2e-uploads-'));
    server = await startApiServer({ databaseUrl, env: { UPLOAD_DIR: uploads } });
    browser = await launchBrowser();
    await mkdir(screenshots, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await rm(uploads, { recursive: true, force: true });
  });

  const shot = async (page: Page, name: string) => {
    // From the top: a full-page capture of a scrolled page draws the sticky header half-way down.
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: `${screenshots}import-${name}-${target}.png`, fullPage: true });
  };

  it('tells a visitor who is not signed in that importing needs an editor, with a sign-in link', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${server.url}/import`);
    const notice = page.getByTestId('needs-editor');
    await notice.waitFor({ timeout: 30_000 });
    expect(await notice.textContent()).toContain('Importing needs an editor account');
    expect(await notice.getByRole('link', { name: 'Sign in' }).getAttribute('href')).toMatch(
      /^\/login\?redirect=%2Fimport/,
    );
    await shot(page, 'needs-editor');
    await page.close();
  });

  it('uploads a CSV sheet, shows the dry run, commits it, follows it and lists the runs', async () => {
    const page = await browser.context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(`${server.url}/`);
    await loginAs(page, server.url, 'editor');
    await page.goto(`${server.url}/import`);
    await page.getByRole('heading', { level: 2, name: 'Import' }).waitFor({ timeout: 30_000 });
    // The templates to fill in are a click away.
    expect(
      await page
        .getByTestId('import-template')
        .evaluateAll((links) => links.map((a) => a.getAttribute('href'))),
    ).toEqual([
      '/api/import/templates/projects.csv',
      '/api/import/templates/funding.csv',
      '/api/import/templates/projects.example.csv',
      '/api/import/templates/funding.example.csv',
    ]);

    // A file dropped on the page that the import cannot read: refused with the reason, nothing written.
    const dropped = await page.evaluateHandle((text) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([text], 'broken.xml', { type: 'text/xml' }));
      return transfer;
    }, MALFORMED);
    await page.getByTestId('import-dropzone').dispatchEvent('drop', { dataTransfer: dropped });
    await poll(() => page.getByTestId('import-chosen').textContent()).toBe(
      `broken.xml — ${MALFORMED.length} bytes`,
    );
    await page.getByTestId('import-upload').click();
    const refused = page.getByTestId('import-refused');
    await refused.waitFor({ timeout: 30_000 });
    expect(await refused.textContent()).toContain('The file was refused');
    expect(await page.getByTestId('import-refused-reason').textContent()).toMatch(/XML is not well-formed/);
    await shot(page, 'refused');

    // The CSV sheet, chosen with the button, as the projects template.
    await page
      .locator('input[type="file"]')
      .setInputFiles({ name: 'new-projects.csv', mimeType: 'text/csv', buffer: Buffer.from(SHEET) });
    await page.getByTestId('import-format').selectOption('csv-projects');
    await page.getByTestId('import-upload').click();
    await poll(() => new URL(page.url()).searchParams.get('run'), { timeout: 30_000 }).toMatch(
      /^[0-9a-f-]{36}$/,
    );
    const dryRunId = new URL(page.url()).searchParams.get('run') ?? '';
    const count = (key: string) =>
      page.getByTestId(`import-count-${key}`).locator('div').first().textContent();
    await poll(() => count('new'), { timeout: 30_000 }).toBe('2');
    expect(await count('updated')).toBe('0');
    expect(await count('rejected')).toBe('1');
    const run = page.getByTestId('import-run');
    expect(await run.getByRole('heading', { level: 3 }).textContent()).toBe('new-projects.csv');
    expect(await run.getByTestId('import-status').first().textContent()).toBe('succeeded');
    // The rejected row, with its row and column, and the two records the import would add.
    const issues = page.getByTestId('import-issues');
    const rejected = issues.getByRole('row').filter({ hasText: 'e2e-import:ganja' });
    expect(await rejected.textContent()).toContain('row 4, column planned_start');
    expect(await page.getByTestId('import-changes').getByRole('row').count()).toBe(3);
    await shot(page, 'dry-run');

    // Commit, and follow it until it is done.
    await page.getByTestId('import-commit').click();
    const result = page.getByTestId('import-commit-result');
    await result.waitFor({ timeout: 60_000 });
    expect(await result.textContent()).toBe('2 new, 0 updated, 0 unchanged, 1 rejected.');
    expect(await page.getByTestId('import-progress').getAttribute('data-percent')).toBe('100');
    expect(await page.getByTestId('import-commit-progress').getByRole('status').textContent()).toBe(
      'Imported.',
    );
    await shot(page, 'committed');

    // Both runs in the list: the import on top, then its dry run, by the editor.
    const rows = page.getByTestId('import-run-row');
    await poll(() => rows.first().textContent(), { timeout: 30_000 }).toContain('Import');
    const [first, second] = [await rows.nth(0).textContent(), await rows.nth(1).textContent()];
    expect(first).toContain('new-projects.csv');
    expect(first).toContain('succeeded');
    expect(first).toContain(demoAccount('editor').name);
    expect(second).toContain('Dry run');
    expect(second).toContain('new-projects.csv');
    // The broken file's refused dry run is listed too.
    expect(await rows.nth(2).textContent()).toContain('broken.xml');

    // The commit's own run opens from the result; the dry run cannot be committed again.
    await page.getByTestId('import-commit-run').click();
    await poll(() => new URL(page.url()).searchParams.get('run')).not.toBe(dryRunId);
    await poll(() => run.getByRole('heading', { level: 3 }).textContent()).toBe('new-projects.csv');
    expect(await run.textContent()).toContain('What the import did');
    await page.goto(`${server.url}/import?run=${dryRunId}`);
    await result.waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('import-commit').count()).toBe(0);

    // In Russian.
    await page.getByRole('button', { name: 'Русский' }).click();
    await poll(() => page.getByRole('heading', { level: 2 }).first().textContent()).toBe('Импорт');
    await poll(() => result.textContent()).toBe('Новых: 2, изменённых: 0, без изменений: 0, отклонённых: 1.');
    await shot(page, 'committed-ru');
    await page.getByRole('button', { name: 'English' }).click();

    // The new projects are in the list of projects.
    await page.goto(`${server.url}/projects?q=${encodeURIComponent(JSON.stringify('import test'))}`);
    const table = page.locator('table[aria-busy="false"]');
    await table.waitFor({ timeout: 30_000 });
    await page
      .getByRole('link', { name: 'Khorezm textile cluster (import test)' })
      .waitFor({ timeout: 30_000 });
    await page.getByRole('link', { name: 'Dushanbe solar park (import test)' }).waitFor();
    expect(await page.getByText('Ganja logistics hub (import test)').count()).toBe(0);
    await page.getByRole('link', { name: 'Khorezm textile cluster (import test)' }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${screenshots}import-projects-${target}.png` });
    expect(pageErrors, server.output()).toEqual([]);
    await page.close();
  }, 180_000);
});
