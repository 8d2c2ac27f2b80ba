import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { auditEntries, importRuns, projects } from '@srt/db/schema';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../server.ts';
import { createSignedInUser } from '../test/auth.ts';
import { createTestApi, type TestApi } from '../test/harness.ts';

/**
 * `POST /api/import` and `importer.*` through the real server (better-auth sessions, the Origin check,
 * multipart, the import pipeline) on a real database.
 */

const dbDir = fileURLToPath(new URL('../../../../packages/db/', import.meta.url));
const fixture = (name: string) => readFileSync(join(dbDir, 'src/import/iati/fixtures', name));
/** A real IATI file: the EBRD's activities in the four countries (7 activities). */
const EBRD = readFileSync(join(dbDir, 'data/iati/ebrd_az-tj-tm-uz.xml'));
const EBRD_IDS = [...EBRD.toString('utf8').matchAll(/<iati-identifier>([^<]+)<\/iati-identifier>/g)].map(
  (m) => m[1] ?? '',
);
/** Small enough for the tests, large enough for every real file used here. */
const MAX_BYTES = 200 * 1024;

let api: TestApi;
let app: FastifyInstance;
let uploadDir: string;
let editor: { cookie: string; user: { id: string; name: string } };
let viewerCookie: string;

type Part = { name: string; content: string | Buffer; filename?: string; type?: string };

/** A multipart/form-data body, as a browser's FormData would send it. */
function multipart(parts: Part[]): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----srt-test-${randomUUID()}`;
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const disposition = part.filename
      ? `form-data; name="${part.name}"; filename="${part.filename}"`
      : `form-data; name="${part.name}"`;
    const type = part.filename ? `\r\nContent-Type: ${part.type ?? 'application/octet-stream'}` : '';
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}${type}\r\n\r\n`));
    chunks.push(Buffer.isBuffer(part.content) ? part.content : Buffer.from(part.content));
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    payload: Buffer.concat(chunks),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

type UploadBody = {
  runId?: string;
  message?: string;
  report?: {
    runId: string;
    dryRun: boolean;
    status: string;
    counts: { new: number; updated: number; unchanged: number; rejected: number };
    records: number;
    fatal: { message: string } | null;
    issues: { severity: string; at?: { line?: number; row?: number; column?: string }; message: string }[];
  };
  limitBytes?: number;
};

async function upload(
  files: { filename: string; content: string | Buffer }[],
  options: { format?: string; cookie?: string; headers?: Record<string, string> } = {},
) {
  const parts: Part[] = [
    ...(options.format ? [{ name: 'format', content: options.format }] : []),
    ...files.map((f) => ({ name: 'file', filename: f.filename, content: f.content })),
  ];
  const body = multipart(parts);
  const cookie = options.cookie ?? editor.cookie;
  const response = await app.inject({
    method: 'POST',
    url: '/api/import',
    payload: body.payload,
    headers: { ...body.headers, ...(cookie ? { cookie } : {}), ...options.headers },
  });
  return { status: response.statusCode, body: response.json() as UploadBody, raw: response.body };
}

type TrpcAnswer<T> = { result?: { data: T }; error?: { message: string; data: { code: string } } };

async function trpcQuery<T>(path: string, input: unknown, cookie = editor.cookie): Promise<TrpcAnswer<T>> {
  const response = await app.inject({
    method: 'GET',
    url: `/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`,
    headers: { cookie },
  });
  return response.json() as TrpcAnswer<T>;
}

async function trpcMutation<T>(path: string, input: unknown, cookie = editor.cookie): Promise<TrpcAnswer<T>> {
  const response = await app.inject({
    method: 'POST',
    url: `/trpc/${path}`,
    payload: input as Record<string, unknown>,
    headers: { cookie, 'content-type': 'application/json' },
  });
  return response.json() as TrpcAnswer<T>;
}

type RunAnswer = {
  id: string;
  dryRun: boolean;
  status: string;
  fileHash: string;
  actor: string;
  actorName: string | null;
  counts: { new: number; updated: number; unchanged: number; rejected: number } | null;
  committable: boolean;
  commit: {
    status: string;
    phase: string;
    processed: number;
    total: number;
    runId: string | null;
    counts: { new: number; updated: number; unchanged: number; rejected: number } | null;
    error: string | null;
  } | null;
};

/** Commits a dry run and follows it, as the page does, until it is done. */
async function commitAndWait(runId: string): Promise<RunAnswer> {
  const started = await trpcMutation<{ commit: RunAnswer['commit'] }>('importer.commit', { runId });
  expect(started.error, JSON.stringify(started.error)).toBeUndefined();
  for (;;) {
    const answer = await trpcQuery<RunAnswer>('importer.run', { id: runId });
    const run = answer.result?.data;
    if (!run) throw new Error(JSON.stringify(answer.error));
    if (run.commit?.phase === 'done') return run;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const projectCount = () => api.database.db.$count(projects);
const runCount = () => api.database.db.$count(importRuns);
/** Upload directories left on disk (a refused or committed upload leaves none). */
const leftovers = async () => (await readdir(uploadDir)).sort();

beforeAll(async () => {
  api = await createTestApi();
  uploadDir = await mkdtemp(join(tmpdir(), 'srt-import-test-'));
  app = await buildServer({
    database: api.database,
    env: { WEB_DIST: '/nonexistent', UPLOAD_DIR: uploadDir, IMPORT_MAX_MB: MAX_BYTES / 1024 / 1024 },
    logger: pino({ level: 'silent' }),
  });
  editor = await createSignedInUser(app, 'editor', { name: 'Import Editor' });
  viewerCookie = (await createSignedInUser(app, 'viewer')).cookie;
});

afterAll(async () => {
  await app.close();
  await api.database.close();
  await rm(uploadDir, { recursive: true, force: true });
});

describe('POST /api/import: who may upload', () => {
  it('refuses anonymous callers (401), viewers (403) and other sites (403), and records nothing', async () => {
    const runs = await runCount();
    const file = [{ filename: 'ebrd.xml', content: EBRD }];
    expect((await upload(file, { cookie: '' })).status).toBe(401);
    expect((await upload(file, { cookie: viewerCookie })).status).toBe(403);
    const crossSite = await upload(file, { headers: { origin: 'https://evil.example' } });
    expect(crossSite.status).toBe(403);
    expect(crossSite.body.message).toMatch(/Cross-origin/);
    expect(await runCount()).toBe(runs);
    expect(await leftovers()).toEqual([]);
  });

  it('refuses importer calls to viewers and anonymous callers', async () => {
    const id = randomUUID();
    expect((await trpcQuery('importer.runs', {}, viewerCookie)).error?.data.code).toBe('FORBIDDEN');
    expect((await trpcQuery('importer.run', { id }, '')).error?.data.code).toBe('UNAUTHORIZED');
    expect((await trpcMutation('importer.commit', { runId: id }, viewerCookie)).error?.data.code).toBe(
      'FORBIDDEN',
    );
  });
});

describe('an IATI file: dry run, commit, and the same file again', () => {
  let dryRunId = '';

  it('dry-runs the upload: the report counts what would change, and nothing is written', async () => {
    const before = await projectCount();
    const { status, body } = await upload([{ filename: 'ebrd_az-tj-tm-uz.xml', content: EBRD }]);
    expect(status, JSON.stringify(body)).toBe(200);
    expect(body.report).toMatchObject({ dryRun: true, status: 'succeeded', records: EBRD_IDS.length });
    expect(body.report?.counts.new).toBe(EBRD_IDS.length);
    expect(body.runId).toBe(body.report?.runId);
    dryRunId = body.runId ?? '';
    expect(await projectCount()).toBe(before);
    // The file waits for its commit under the dry run's id.
    expect(await leftovers()).toEqual([dryRunId]);

    const run = (await trpcQuery<RunAnswer>('importer.run', { id: dryRunId })).result?.data;
    expect(run).toMatchObject({ dryRun: true, status: 'succeeded', committable: true, commit: null });
    expect(run?.actor).toBe(editor.user.id);
    expect(run?.actorName).toBe('Import Editor');
  });

  it('commits that file in the background; the rows appear and the run has succeeded', async () => {
    const before = await projectCount();
    const run = await commitAndWait(dryRunId);
    expect(run.commit).toMatchObject({ status: 'succeeded', phase: 'done', error: null });
    expect(run.commit?.processed).toBe(EBRD_IDS.length);
    expect(run.commit?.total).toBe(EBRD_IDS.length);
    const commitId = run.commit?.runId ?? '';
    const committed = (await trpcQuery<RunAnswer>('importer.run', { id: commitId })).result?.data;
    expect(committed).toMatchObject({ dryRun: false, status: 'succeeded', commit: null });
    expect(committed?.counts).toEqual({ new: EBRD_IDS.length, updated: 0, unchanged: 0, rejected: 0 });
    expect(committed?.fileHash).toBe(run.fileHash);
    expect(await projectCount()).toBe(before + EBRD_IDS.length);
    const stored = await api.database.db.select({ id: projects.iatiIdentifier }).from(projects);
    expect(stored.filter((p) => EBRD_IDS.includes(p.id ?? ''))).toHaveLength(EBRD_IDS.length);
    // The upload is removed once committed, and cannot be committed twice.
    expect(await leftovers()).toEqual([]);
    const again = await trpcMutation('importer.commit', { runId: dryRunId });
    expect(again.error?.data.code).toBe('PRECONDITION_FAILED');
    expect(again.error?.message).toMatch(/no longer on the server/);
  });

  it('finds everything unchanged when the same file comes again', async () => {
    const { status, body } = await upload([{ filename: 'ebrd_az-tj-tm-uz.xml', content: EBRD }]);
    expect(status).toBe(200);
    expect(body.report?.counts).toEqual({ new: 0, updated: 0, unchanged: EBRD_IDS.length, rejected: 0 });
    const run = await commitAndWait(body.runId ?? '');
    expect(run.commit?.counts).toEqual({ new: 0, updated: 0, unchanged: EBRD_IDS.length, rejected: 0 });
  });

  it('lists the runs newest first: who, which file, dry run or not, counts, status', async () => {
    const answer = await trpcQuery<{ items: RunAnswer[]; nextCursor: string | null }>('importer.runs', {
      limit: 2,
    });
    const page = answer.result?.data;
    expect(page?.items).toHaveLength(2);
    expect(page?.items.map((r) => r.dryRun)).toEqual([false, true]);
    expect(page?.items[0]).toMatchObject({ actorName: 'Import Editor', status: 'succeeded' });
    const next = await trpcQuery<{ items: RunAnswer[] }>('importer.runs', {
      limit: 10,
      cursor: page?.nextCursor,
    });
    expect(next.result?.data.items.length).toBeGreaterThanOrEqual(2);
    const ids = [...(page?.items ?? []), ...(next.result?.data.items ?? [])].map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect((await trpcQuery('importer.runs', { cursor: 'forged' })).error?.data.code).toBe('BAD_REQUEST');
  });
});

describe('files the import refuses: the reason, and nothing written', () => {
  const refused = async (
    filename: string,
    content: string | Buffer,
    reason: RegExp,
    format?: string,
  ): Promise<UploadBody> => {
    const [projectsBefore, runsBefore, kept] = [await projectCount(), await runCount(), await leftovers()];
    const { status, body, raw } = await upload([{ filename, content }], { format });
    expect(status, raw).toBe(422);
    expect(body.message).toMatch(reason);
    expect(body.report).toMatchObject({ dryRun: true, status: 'failed' });
    expect(await projectCount()).toBe(projectsBefore);
    // The refusal is recorded as a failed dry run, and the file is not kept.
    expect(await runCount()).toBe(runsBefore + 1);
    const run = (await api.database.db.select().from(importRuns)).find((r) => r.id === body.runId);
    expect(run).toMatchObject({ status: 'failed', dryRun: true });
    expect(await leftovers()).toEqual(kept);
    const commit = await trpcMutation('importer.commit', { runId: body.runId });
    expect(commit.error?.data.code).toBe('BAD_REQUEST');
    return body;
  };

  it('malformed XML', async () => {
    await refused('truncated.xml', fixture('truncated.xml'), /not well-formed: unclosed tag/);
  });

  it('an entity bomb (a DOCTYPE) is refused before any entity is read', async () => {
    await refused('billion-laughs.xml', fixture('billion-laughs.xml'), /DOCTYPE/i);
  });

  it('an external entity pointing at /etc/passwd is refused and nothing of it is read', async () => {
    const body = await refused('external-entity.xml', fixture('external-entity.xml'), /DOCTYPE/i);
    expect(JSON.stringify(body)).not.toMatch(/root:/);
  });

  it('an IATI 1.x file', async () => {
    await refused('iati-1.xml', fixture('iati-1.xml'), /IATI 1\.x is not supported/);
  });

  it('a CSV sheet whose header follows no template', async () => {
    await refused('sheet.csv', 'name,country,money\nNavoi park,UZ,100\n', /does not follow a CSV template/);
  });

  it('a CSV sheet chosen as the projects template but missing its columns', async () => {
    await refused(
      'projects.csv',
      'external_ref,title\nx:1,Navoi park\n',
      /missing required column.*countries/,
      'csv-projects',
    );
  });

  it('an empty file', async () => {
    await refused('empty.csv', '', /empty/i);
  });

  it('a file of the wrong format (a CSV sheet uploaded as IATI)', async () => {
    await refused(
      'projects.csv',
      'external_ref,title,countries\nx:1,Navoi park,UZ\n',
      /not well-formed/,
      'iati',
    );
  });
});

describe('uploads refused before the import reads them', () => {
  it('a file over the size limit: 413 with the limit, nothing recorded or kept', async () => {
    const [runs, kept] = [await runCount(), await leftovers()];
    const big = Buffer.alloc(MAX_BYTES + 1024, 'a');
    const { status, body } = await upload([{ filename: 'big.csv', content: big }]);
    expect(status).toBe(413);
    expect(body.message).toMatch(/big\.csv is larger than the 0\.2 MB limit/);
    expect(body.limitBytes).toBe(MAX_BYTES);
    expect(await runCount()).toBe(runs);
    expect(await leftovers()).toEqual(kept);
  });

  it('no file, several files that are not the AidData set, an unknown format', async () => {
    const kept = await leftovers();
    expect((await upload([], { format: 'auto' })).body.message).toMatch(/No file/);
    const two = await upload([
      { filename: 'a.xml', content: EBRD },
      { filename: 'b.xml', content: EBRD },
    ]);
    expect(two.status).toBe(400);
    expect(two.body.message).toMatch(/one file at a time/);
    const unknown = await upload([{ filename: 'a.xml', content: EBRD }], { format: 'excel' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.message).toMatch(/format/);
    expect(await leftovers()).toEqual(kept);
  });

  it('a body that is not multipart', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/import',
      payload: { file: 'x' },
      headers: { cookie: editor.cookie },
    });
    expect(response.statusCode).toBe(415);
  });
});

describe('committing only the file the dry run read', () => {
  const sheet = (title: string) =>
    `external_ref,title,countries,source_url\ntest:navoi-park,${title},UZ,https://example.org/navoi\n`;

  it('refuses a stored file that no longer matches the dry run (SHA-256)', async () => {
    const { body } = await upload([{ filename: 'tampered.csv', content: sheet('Navoi park') }]);
    const runId = body.runId ?? '';
    await writeFile(join(uploadDir, runId, 'files', 'tampered.csv'), sheet('Something else'));
    const commit = await trpcMutation('importer.commit', { runId });
    expect(commit.error?.data.code).toBe('PRECONDITION_FAILED');
    expect(commit.error?.message).toMatch(/SHA-256/);
  });

  it('refuses a dry run once another version of the same file was committed after it', async () => {
    const first = await upload([{ filename: 'navoi.csv', content: sheet('Navoi free zone') }]);
    const second = await upload([{ filename: 'navoi.csv', content: sheet('Navoi free economic zone') }]);
    expect(second.body.report?.counts.new).toBe(1);
    const done = await commitAndWait(second.body.runId ?? '');
    expect(done.commit?.status).toBe('succeeded');
    const stale = await trpcMutation('importer.commit', { runId: first.body.runId });
    expect(stale.error?.data.code).toBe('CONFLICT');
    expect(stale.error?.message).toMatch(/different version of navoi\.csv/);
    const run = (await trpcQuery<RunAnswer>('importer.run', { id: first.body.runId })).result?.data;
    expect(run?.commit).toBeNull();
  });

  it('refuses an unknown run and a commit as a dry run', async () => {
    expect((await trpcMutation('importer.commit', { runId: randomUUID() })).error?.data.code).toBe(
      'NOT_FOUND',
    );
    const { body } = await upload([{ filename: 'again.csv', content: sheet('Navoi park again') }]);
    const done = await commitAndWait(body.runId ?? '');
    const commit = await trpcMutation('importer.commit', { runId: done.commit?.runId });
    expect(commit.error?.data.code).toBe('BAD_REQUEST');
  });
});

describe('a commit that fails half-way', () => {
  /** Plain SQL on either driver (the test's own setup: a trigger the import knows nothing about). */
  const execute = async (query: string) => {
    const { driver } = api.database;
    if (driver.kind === 'pglite') await driver.client.exec(query);
    else await driver.client.query(query);
  };

  it('rolls the whole file back, records the failure and keeps the server answering', async () => {
    const sheet = [
      'external_ref,title,countries,source_url',
      'test:fine,A project that would be fine,UZ,https://example.org/fine',
      'test:boom,A project the database refuses,TJ,https://example.org/boom',
    ].join('\n');
    const { status, body } = await upload([{ filename: 'half-way.csv', content: sheet }]);
    expect(status).toBe(200);
    expect(body.report?.counts.new).toBe(2);
    // After the dry run, the database starts refusing the second project: the commit fails on it.
    await execute(`
      create function refuse_boom() returns trigger language plpgsql as $$
      begin
        if new.title = 'A project the database refuses' then raise exception 'refused by a test trigger'; end if;
        return new;
      end $$;
      create trigger refuse_boom before insert on projects for each row execute function refuse_boom();
    `);
    try {
      const [projectsBefore, auditBefore] = [
        await projectCount(),
        await api.database.db.$count(auditEntries),
      ];
      const run = await commitAndWait(body.runId ?? '');
      expect(run.commit).toMatchObject({ status: 'failed', phase: 'done' });
      expect(run.commit?.error).toMatch(/nothing was written.*refused by a test trigger/);
      expect(await projectCount()).toBe(projectsBefore);
      expect(await api.database.db.$count(auditEntries)).toBe(auditBefore);
      const failed = (await trpcQuery<RunAnswer>('importer.run', { id: run.commit?.runId })).result?.data;
      expect(failed).toMatchObject({ dryRun: false, status: 'failed' });
      // The server goes on: another call answers.
      expect((await trpcQuery('importer.runs', {})).result).toBeDefined();
    } finally {
      await execute('drop trigger refuse_boom on projects; drop function refuse_boom();');
    }
  });
});

describe('AidData: the set of files in one upload', () => {
  const data = (name: string) => readFileSync(join(dbDir, 'data', name));

  it('reads the files together under their AidData names', async () => {
    const { status, body, raw } = await upload([
      {
        filename: 'aiddata_gcdf3_recipient_year_az_tj_tm_uz.csv',
        content: data('aiddata_gcdf3_recipient_year_az_tj_tm_uz.csv'),
      },
      {
        filename: 'aiddata_gcdf3_geocoded_az_tj_tm_uz.csv',
        content: data('aiddata_gcdf3_geocoded_az_tj_tm_uz.csv'),
      },
    ]);
    expect(status, raw).toBe(200);
    expect(body.report).toMatchObject({ status: 'succeeded', dryRun: true });
    expect(body.report?.records).toBeGreaterThan(0);
    expect(body.report?.counts.new).toBeGreaterThan(0);
    const run = (await trpcQuery<RunAnswer>('importer.run', { id: body.runId })).result?.data;
    expect(run).toMatchObject({ committable: true });
    await rm(join(uploadDir, body.runId ?? ''), { recursive: true });
  });

  it('refuses a file in the set that is not one of AidData', async () => {
    const kept = await leftovers();
    const { status, body } = await upload(
      [
        { filename: 'aiddata_gcdf3_recipient_year_az_tj_tm_uz.csv', content: 'x' },
        { filename: 'notes.csv', content: 'x' },
      ],
      { format: 'aiddata' },
    );
    expect(status).toBe(400);
    expect(body.message).toMatch(/Not a file of the AidData GCDF 3.0 set: notes\.csv/);
    expect(await leftovers()).toEqual(kept);
  });
});

describe('CSV templates', () => {
  it('serves the templates to download, and nothing else', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/import/templates/projects.csv' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/csv');
    // With a byte-order mark, so that Excel opens it as UTF-8.
    expect(response.body.split('\n')[0]).toMatch(/^\uFEFFiati_identifier,external_ref,title,/);
    expect(
      (await app.inject({ method: 'GET', url: '/api/import/templates/..%2F..%2Fpackage.json' })).statusCode,
    ).toBe(404);
  });
});
