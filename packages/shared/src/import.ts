import { z } from 'zod';

/**
 * Importing a file through the web: `POST /api/import` (multipart: a `format` field, then the file — or,
 * for AidData, the files of its set) runs a dry run and records it; `importer.commit({ runId })` then
 * imports that same file in the background, followed with `importer.run({ id })`.
 */

export const IMPORT_PATH = '/api/import';

/** What the user may choose on upload; `auto` tells the format from the file names and first bytes. */
export const UPLOAD_FORMATS = ['auto', 'iati', 'aiddata', 'csv-projects', 'csv-funding'] as const;
export type UploadFormat = (typeof UPLOAD_FORMATS)[number];
export const uploadFormatSchema = z.enum(UPLOAD_FORMATS);

/** Refuse a file past this many megabytes unless `IMPORT_MAX_MB` says otherwise (the CLI's default too). */
export const DEFAULT_IMPORT_MAX_MB = 50;

/** The AidData GCDF 3.0 set: at most one file of each of its five kinds, under AidData's own names. */
export const AIDDATA_MAX_FILES = 5;

/** The CSV templates, as files to download (header only, or with example rows). */
export const CSV_TEMPLATE_FILES = [
  'projects.csv',
  'funding.csv',
  'projects.example.csv',
  'funding.example.csv',
] as const;
export type CsvTemplateFile = (typeof CSV_TEMPLATE_FILES)[number];
export const csvTemplateUrl = (file: CsvTemplateFile) => `${IMPORT_PATH}/templates/${file}`;

export const importRunIdSchema = z.object({ id: z.uuid() });
export const importCommitSchema = z.object({ runId: z.uuid() });
export const importRunsSchema = z.object({
  cursor: z.string().max(500).nullish(),
  limit: z.number().int().min(1).max(100).default(20),
});

/** Where a commit is: waiting for another import to finish, importing, or done. */
export const COMMIT_PHASES = ['queued', 'importing', 'done'] as const;
export type CommitPhase = (typeof COMMIT_PHASES)[number];
