import { PassThrough, Readable } from 'node:stream';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Db } from '@srt/db/client';
import { countExportRows, exportBatches, exportSources, organizationNames } from '@srt/db/queries/export';
import {
  describeFilter,
  EXPORT_PATH,
  type ExportColumn,
  type ExportRequest,
  type ExportVariant,
  exportFileName,
  exportRequestSchema,
} from '@srt/shared/export';
import type { ProjectFilter } from '@srt/shared/filter';
import type { FastifyInstance } from 'fastify';
import { describeFieldErrors, type FieldErrors, isDataException } from '../errors.ts';
import { buildAbout } from './about.ts';
import { columnSpecs, GETTERS, type Getters, type RawValue } from './columns.ts';
import { csvChunks } from './csv.ts';
import { writeXlsx } from './xlsx.ts';

/**
 * `GET /api/export?format=csv|xlsx&variant=projects|project-country|funding&columns=a,b&lang=en|ru&filter=<JSON>`
 * — the current filtered view as a file, streamed from the database in batches. A plain HTTP route
 * (not tRPC) because the answer is a download: the link itself is the view's state.
 */

const CONTENT_TYPE = {
  csv: 'text/csv; charset=utf-8; header=present',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

function badRequest(fields: FieldErrors) {
  return { statusCode: 400, error: 'Bad Request', message: describeFieldErrors(fields), fields };
}

/** The rows of the request's variant as raw values, in the order of the chosen columns. */
async function* rowsOf<V extends ExportVariant>(
  db: Db,
  variant: V,
  filter: ProjectFilter,
  columns: readonly ExportColumn<V>[],
  getters: Getters<V>,
  lang: ExportRequest['lang'],
): AsyncGenerator<RawValue[][]> {
  const pick = columns.map((key) => getters[key]);
  for await (const batch of exportBatches(db, variant, filter)) {
    yield batch.map((row) => pick.map((get) => get(row, lang)));
    // PGlite answers in-process, without I/O: without a turn of the event loop between batches, a long
    // export would keep every other request (and the socket's own progress) waiting until it ends.
    await nextTurn();
  }
}

function rowsFor(db: Db, request: ExportRequest): AsyncGenerator<RawValue[][]> {
  const { filter, lang } = request;
  switch (request.variant) {
    case 'projects':
      return rowsOf(db, request.variant, filter, request.columns, GETTERS.projects, lang);
    case 'project-country':
      return rowsOf(db, request.variant, filter, request.columns, GETTERS['project-country'], lang);
    case 'funding':
      return rowsOf(db, request.variant, filter, request.columns, GETTERS.funding, lang);
  }
}

export default async function exportRoute(app: FastifyInstance, options: { db: Db }): Promise<void> {
  const { db } = options;

  app.get(EXPORT_PATH, async (req, reply) => {
    const parsed = exportRequestSchema.safeParse(req.query);
    if (!parsed.success) {
      const fields: FieldErrors = {};
      for (const issue of parsed.error.issues) {
        const key = issue.path.length ? issue.path.map(String).join('.') : 'query';
        fields[key] = [...(fields[key] ?? []), issue.message];
      }
      req.log.info({ fields }, 'export: bad request');
      return reply.code(400).send(badRequest(fields));
    }
    const request = parsed.data;
    const asOf = new Date();
    const headers = {
      'content-type': CONTENT_TYPE[request.format],
      'content-disposition': `attachment; filename="${exportFileName(request, asOf)}"`,
      'cache-control': 'no-store',
    };
    // Fastify answers HEAD with this handler too: checking a link must not run the whole export.
    if (req.method === 'HEAD') return reply.headers(headers).send();

    // Everything that can fail on the request's values runs before the first byte is sent.
    let prelude: [number, Awaited<ReturnType<typeof exportSources>>, Map<string, string>];
    try {
      prelude = await Promise.all([
        countExportRows(db, request.variant, request.filter),
        exportSources(db, request.filter),
        organizationNames(db, request.filter.funders ?? []),
      ]);
    } catch (error) {
      if (!isDataException(error)) throw error;
      return reply.code(400).send(badRequest({ filter: ['a value was refused by the database'] }));
    }
    const [rowCount, cited, funderNames] = prelude;
    const about = buildAbout({
      request,
      filterText: describeFilter(request.filter, request.lang, funderNames),
      asOf,
      rowCount,
      requestPath: req.url,
      sources: cited.sources,
      sourcesTotal: cited.total,
    });
    const columns = columnSpecs(request.columns);
    const rows = rowsFor(db, request);
    const started = performance.now();
    const finished = (written: number | null) => {
      const ms = Math.round(performance.now() - started);
      const details = {
        variant: request.variant,
        format: request.format,
        rows: written,
        expected: rowCount,
        ms,
      };
      if (written === null) req.log.info(details, 'export: client went away');
      else if (written !== rowCount) req.log.warn(details, 'export: rows changed while exporting');
      else req.log.info(details, 'export finished');
    };

    reply.headers(headers);
    if (request.format === 'csv') {
      let written = 0;
      const body = Readable.from(
        csvChunks(about, columns, rows, (count) => {
          written = count;
        }),
        { objectMode: false },
      );
      body.on('end', () => finished(written));
      body.on('close', () => {
        if (body.errored) req.log.error({ err: body.errored }, 'export failed while streaming');
        else if (!body.readableEnded) finished(null);
      });
      return reply.send(body);
    }

    const out = new PassThrough();
    out.on('error', (error) => req.log.warn({ err: error }, 'export: response stream failed'));
    writeXlsx(out, about, columns, rows, asOf).then(finished, (error: unknown) => {
      req.log.error({ err: error }, 'export failed while streaming');
      out.destroy(error instanceof Error ? error : new Error(String(error)));
    });
    return reply.send(out);
  });
}
