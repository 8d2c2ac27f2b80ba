import { IMPORT_PATH, type UploadFormat } from '@srt/shared/import';
import type { FileLocation } from './-report.ts';

/** What an upload came to: its dry run's id, or why it was refused. */
export type UploadOutcome =
  | { ok: true; runId: string }
  | {
      ok: false;
      /** The HTTP status; 0: the request did not get through. */
      status: number;
      /** The API's reason (the pipeline's words for a refused file). */
      message: string;
      /** A refused file still has its (failed) dry run recorded. */
      runId?: string;
      at?: FileLocation;
      limitBytes?: number;
    };

const asRecord = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};

/**
 * Sends the files to `POST /api/import` (multipart: the format first, then the files) and reads the
 * answer. The session cookie goes along; the API checks the role and the request's Origin.
 */
export async function uploadImport(files: readonly File[], format: UploadFormat): Promise<UploadOutcome> {
  const body = new FormData();
  body.append('format', format);
  for (const file of files) body.append('file', file, file.name);
  let response: Response;
  try {
    response = await fetch(IMPORT_PATH, { method: 'POST', body, credentials: 'same-origin' });
  } catch {
    return { ok: false, status: 0, message: '' };
  }
  const json = asRecord(await response.json().catch(() => null));
  if (response.ok && typeof json.runId === 'string') return { ok: true, runId: json.runId };
  return {
    ok: false,
    status: response.status,
    message: typeof json.message === 'string' ? json.message : response.statusText,
    runId: typeof json.runId === 'string' ? json.runId : undefined,
    at: json.at === undefined ? undefined : (asRecord(json.at) as FileLocation),
    limitBytes: typeof json.limitBytes === 'number' ? json.limitBytes : undefined,
  };
}

/** Files over the limit, checked before sending (the API checks again). */
export const oversized = (files: readonly File[], maxBytes: number | undefined) =>
  maxBytes === undefined ? [] : files.filter((file) => file.size > maxBytes);
