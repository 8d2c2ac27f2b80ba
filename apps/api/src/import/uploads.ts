import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ImportFormat } from '@srt/db/import/types';

/**
 * Uploaded files on disk, one directory per upload under the upload directory:
 * `<dir>/<id>/files/<name>` and `<dir>/<id>/manifest.json`. An upload arrives under a fresh id and, once
 * its dry run has gone through, is renamed to the dry run's id, which is what a commit names. Nothing here
 * holds a file in memory: parts are streamed to disk as they arrive.
 */

export type CsvTemplate = 'projects' | 'funding';

/** What a commit needs to import the same file the dry run read. */
export type UploadManifest = {
  format: ImportFormat;
  /** The CSV template the user chose; null: told from the header. */
  template: CsvTemplate | null;
  /** What the import run records: the file's name, or the AidData set's description. */
  fileName: string;
  /** The stored files (one, or the AidData set). */
  files: string[];
  fileHash: string;
  bytes: number;
  /** Records the dry run read: the total a commit's progress counts towards. */
  records: number;
  dryRunId: string;
  actor: string;
};

export class UploadTooLarge extends Error {}

/** A name safe to use as a file name: the last path segment, no control characters, bounded length. */
export function safeFileName(name: string): string {
  const base = name.split(/[/\\]/).pop() ?? '';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
  const cleaned = base.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  const bounded = cleaned.length > 200 ? cleaned.slice(cleaned.length - 200) : cleaned;
  return bounded === '' || bounded === '.' || bounded === '..' ? 'upload' : bounded;
}

export function createUploadStore(root: string) {
  const dirOf = (id: string) => join(root, id);
  const filesDir = (id: string) => join(dirOf(id), 'files');
  const manifestPath = (id: string) => join(dirOf(id), 'manifest.json');

  return {
    root,
    filesDir,

    /** A fresh directory for an upload that is arriving. */
    async begin(): Promise<string> {
      const id = `incoming-${randomUUID()}`;
      await mkdir(filesDir(id), { recursive: true });
      return id;
    },

    /**
     * Streams one file part to disk. `truncated()` tells whether the multipart parser cut the part at the
     * size limit: the file is then refused as a whole.
     */
    async save(id: string, name: string, stream: Readable, truncated: () => boolean): Promise<number> {
      const path = join(filesDir(id), name);
      await pipeline(stream, createWriteStream(path, { flags: 'wx' }));
      if (truncated()) throw new UploadTooLarge(name);
      return (await stat(path)).size;
    },

    /** After a dry run that went through: the upload is known by the dry run's id from now on. */
    async keep(id: string, manifest: UploadManifest): Promise<void> {
      await writeFile(join(dirOf(id), 'manifest.json'), JSON.stringify(manifest));
      await rename(dirOf(id), dirOf(manifest.dryRunId));
    },

    /** The manifest of a kept upload; null when it is gone (committed, cleaned up, never kept). */
    async manifest(dryRunId: string): Promise<UploadManifest | null> {
      try {
        return JSON.parse(await readFile(manifestPath(dryRunId), 'utf8')) as UploadManifest;
      } catch {
        return null;
      }
    },

    async remove(id: string): Promise<void> {
      await rm(dirOf(id), { recursive: true, force: true });
    },

    /** Removes uploads older than `maxAgeMs` (kept ones never committed, and any left half-way). */
    async sweep(maxAgeMs: number, busy: ReadonlySet<string>, now = Date.now()): Promise<string[]> {
      const entries = await readdir(root, { withFileTypes: true }).catch(() => []);
      const removed: string[] = [];
      for (const entry of entries) {
        if (!entry.isDirectory() || busy.has(entry.name)) continue;
        const info = await stat(dirOf(entry.name)).catch(() => null);
        if (info && now - info.mtimeMs > maxAgeMs) {
          await rm(dirOf(entry.name), { recursive: true, force: true });
          removed.push(entry.name);
        }
      }
      return removed;
    },
  };
}

export type UploadStore = ReturnType<typeof createUploadStore>;
