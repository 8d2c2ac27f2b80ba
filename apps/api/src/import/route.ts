import { createReadStream } from 'node:fs';
import { createRequire } from 'node:module';
import multipart from '@fastify/multipart';
import { hasRole } from '@srt/shared/auth';
import {
  AIDDATA_MAX_FILES,
  CSV_TEMPLATE_FILES,
  type CsvTemplateFile,
  IMPORT_PATH,
  type UploadFormat,
  uploadFormatSchema,
} from '@srt/shared/import';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { userFromHeaders } from '../auth/session.ts';
import type { ImportService, StoredFile } from './service.ts';
import { safeFileName, UploadTooLarge } from './uploads.ts';

/**
 * `POST /api/import` (editors; multipart/form-data): an optional `format` field (`auto` by default; see
 * UPLOAD_FORMATS), then one file — or the AidData GCDF set, several files under AidData's names. Each
 * file is streamed to disk as it arrives, refused past the size limit (413). The dry run then reads it
 * and is recorded: 200 `{ runId, report }`, or 422 with the pipeline's reason when it refuses the file
 * (nothing written; the failed run stays recorded). `importer.commit({ runId })` imports it for real.
 *
 * `GET /api/import/templates/<file>`: the CSV templates (header only) and their examples, to fill in.
 */

const STATUS_TEXT = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
} as const;

const fail = (reply: FastifyReply, status: keyof typeof STATUS_TEXT, message: string, extra = {}) =>
  reply.code(status).send({ statusCode: status, error: STATUS_TEXT[status], message, ...extra });

const megabytes = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;

/** Multipart errors that are the client's doing carry a 4xx status code (too many files, a cut body…). */
const clientError = (error: unknown): error is { statusCode: number; message: string; code?: string } =>
  typeof error === 'object' &&
  error !== null &&
  'statusCode' in error &&
  typeof error.statusCode === 'number' &&
  error.statusCode >= 400 &&
  error.statusCode < 500;

const require = createRequire(import.meta.url);
const templatePath = (file: CsvTemplateFile) => require.resolve(`@srt/db/import/csv/templates/${file}`);

export default async function importRoute(
  app: FastifyInstance,
  options: { imports: ImportService },
): Promise<void> {
  const { imports } = options;
  const { maxBytes } = imports;

  // Registered inside this plugin: multipart bodies are accepted on the import route only.
  await app.register(multipart, {
    limits: {
      fileSize: maxBytes,
      files: AIDDATA_MAX_FILES,
      fields: 4,
      fieldSize: 100,
      parts: AIDDATA_MAX_FILES + 4,
      headerPairs: 50,
    },
  });

  app.post(IMPORT_PATH, async (request, reply) => {
    const user = await userFromHeaders(app.auth, request.headers);
    if (!user) return fail(reply, 401, 'Sign in first');
    if (!hasRole(user.role, 'editor')) return fail(reply, 403, 'This needs the editor role');
    if (!request.isMultipart()) {
      return fail(reply, 415, 'Send the file as multipart/form-data (a `format` field, then the file)');
    }

    const uploadId = await imports.store.begin();
    let format: UploadFormat = 'auto';
    const files: StoredFile[] = [];
    let current = '';
    try {
      for await (const part of request.parts()) {
        if (part.type === 'field') {
          if (part.fieldname !== 'format') throw new BadUpload(`Unexpected field "${part.fieldname}"`);
          const parsed = uploadFormatSchema.safeParse(part.value);
          if (!parsed.success) {
            throw new BadUpload(`format: expected one of ${uploadFormatSchema.options.join(', ')}`);
          }
          format = parsed.data;
          continue;
        }
        current = safeFileName(part.filename);
        if (files.some((f) => f.name === current)) throw new BadUpload(`Two files named ${current}`);
        const bytes = await imports.store.save(uploadId, current, part.file, () => part.file.truncated);
        files.push({ name: current, bytes });
      }
    } catch (error) {
      await imports.store.remove(uploadId);
      if (
        error instanceof UploadTooLarge ||
        (clientError(error) && error.code === 'FST_REQ_FILE_TOO_LARGE')
      ) {
        request.log.info({ file: current, maxBytes }, 'import: upload over the size limit');
        return fail(
          reply,
          413,
          `${current || 'The file'} is larger than the ${megabytes(maxBytes)} limit for an import: nothing was read`,
          { limitBytes: maxBytes },
        );
      }
      if (error instanceof BadUpload) return fail(reply, 400, error.message);
      if (clientError(error)) {
        const message =
          error.code === 'FST_FILES_LIMIT'
            ? `At most ${AIDDATA_MAX_FILES} files in one upload (the AidData set)`
            : error.message;
        return fail(reply, 400, message);
      }
      throw error;
    }
    if (files.length === 0) {
      await imports.store.remove(uploadId);
      return fail(reply, 400, 'No file in the upload');
    }

    const result = await imports.dryRun(uploadId, files, format, user.id);
    if (result.ok) {
      request.log.info(
        { runId: result.report.runId, format: result.report.format, counts: result.report.counts },
        'import: dry run',
      );
      return { runId: result.report.runId, report: result.report };
    }
    request.log.info({ reason: result.message }, 'import: file refused');
    if (result.code === 'UNPROCESSABLE_CONTENT' && result.report) {
      const { report } = result;
      return fail(reply, 422, result.message, { at: report.fatal?.at, runId: report.runId, report });
    }
    return fail(reply, 400, result.message);
  });

  app.get<{ Params: { file: string } }>(`${IMPORT_PATH}/templates/:file`, async (request, reply) => {
    const file = CSV_TEMPLATE_FILES.find((name) => name === request.params.file);
    if (!file) return fail(reply, 404, `No template ${request.params.file}`);
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${file}"`)
      .header('cache-control', 'no-cache')
      .send(createReadStream(templatePath(file)));
  });
}

class BadUpload extends Error {}
