import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createUploadStore, safeFileName, type UploadManifest, UploadTooLarge } from './uploads.ts';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'srt-uploads-test-'));
});
afterEach(() => rm(root, { recursive: true, force: true }));

const manifest = (dryRunId: string): UploadManifest => ({
  format: 'csv',
  template: null,
  fileName: 'sheet.csv',
  files: ['sheet.csv'],
  fileHash: 'a'.repeat(64),
  bytes: 5,
  records: 1,
  dryRunId,
  actor: 'user-1',
});

describe('safeFileName', () => {
  it('keeps only the last path segment, without control characters', () => {
    expect(safeFileName('../../etc/passwd')).toBe('passwd');
    expect(safeFileName('C:\\Users\\me\\projects.csv')).toBe('projects.csv');
    expect(safeFileName('a\u0000b\nc.xml')).toBe('abc.xml');
    expect(safeFileName('..')).toBe('upload');
    expect(safeFileName('')).toBe('upload');
    expect(safeFileName(`${'x'.repeat(300)}.csv`)).toHaveLength(200);
  });
});

describe('the upload store', () => {
  it('keeps an upload under its dry run id, then removes it', async () => {
    const store = createUploadStore(root);
    const id = await store.begin();
    expect(await store.save(id, 'sheet.csv', Readable.from([Buffer.from('a,b\n')]), () => false)).toBe(4);
    await store.keep(id, manifest('run-1'));
    expect(await readdir(root)).toEqual(['run-1']);
    expect(await store.manifest('run-1')).toMatchObject({ fileName: 'sheet.csv', dryRunId: 'run-1' });
    await store.remove('run-1');
    expect(await store.manifest('run-1')).toBeNull();
    expect(await readdir(root)).toEqual([]);
  });

  it('refuses a part the parser cut at the size limit', async () => {
    const store = createUploadStore(root);
    const id = await store.begin();
    await expect(
      store.save(id, 'big.csv', Readable.from([Buffer.from('abc')]), () => true),
    ).rejects.toBeInstanceOf(UploadTooLarge);
  });

  it('sweeps uploads older than the limit, except those being committed', async () => {
    const store = createUploadStore(root);
    for (const runId of ['old-1', 'old-2']) await store.keep(await store.begin(), manifest(runId));
    const recent = await store.begin();
    const dayLater = Date.now() + 25 * 60 * 60 * 1000;
    expect(await store.sweep(60 * 60 * 1000, new Set(['old-2']), Date.now())).toEqual([]);
    expect((await store.sweep(24 * 60 * 60 * 1000, new Set(['old-2']), dayLater)).sort()).toEqual(
      ['old-1', recent].sort(),
    );
    expect(await readdir(root)).toEqual(['old-2']);
  });

  it('sweeps nothing when the directory does not exist yet', async () => {
    expect(await createUploadStore(join(root, 'missing')).sweep(0, new Set())).toEqual([]);
  });
});
