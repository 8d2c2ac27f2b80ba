import { randomUUID } from 'node:crypto';
import { get } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PassThrough, Readable, Writable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { exportBatches } from '@srt/db/queries/export';
import { projectCountries, projects } from '@srt/db/schema';
import { EXPORT_VARIANTS, exportRequestSchema } from '@srt/shared/export';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../server.ts';
import { createTestApi, type TestApi } from '../test/harness.ts';
import { buildAbout } from './about.ts';
import type { ColumnSpec, RawValue } from './columns.ts';
import { csvChunks } from './csv.ts';
import { writeXlsx } from './xlsx.ts';

let api: TestApi;
let app: FastifyInstance;
let base: string;
const logs: { msg: string; rows?: number | null }[] = [];
// More than the kernel's socket buffers hold (a few MB on loopback), so a download that nobody reads
// really stalls.
const BULK = 20_000;

beforeAll(async () => {
  api = await createTestApi();
  // Enough rows that a download takes many chunks.
  const bulk = Array.from({ length: BULK }, (_, i) => ({
    id: randomUUID(),
    title: `Bulk project ${String(i).padStart(5, '0')} — Ташкент — อุตสาหกรรม`,
    qualityScore: 0,
  }));
  await api.database.db.insert(projects).values(bulk);
  await api.database.db
    .insert(projectCountries)
    .values(bulk.map((p) => ({ projectId: p.id, country: 'UZ' })));

  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) logs.push(JSON.parse(line));
      done();
    },
  });
  app = await buildServer({
    database: api.database,
    env: { WEB_DIST: '/nonexistent' },
    logger: pino({ level: 'info' }, sink),
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await app.close();
  await api.database.close();
});

describe('keyset batches', () => {
  it('give the same rows in the same order whatever the page size, ties in titles included', async () => {
    const filter = { countries: ['AZ', 'TJ', 'TM', 'KZ'] };
    for (const variant of EXPORT_VARIANTS) {
      const collect = async (pageSize?: number) => {
        const rows: unknown[] = [];
        let batches = 0;
        for await (const batch of exportBatches(api.database.db, variant, filter, { pageSize })) {
          rows.push(...batch);
          batches++;
        }
        return { rows, batches };
      };
      const whole = await collect(100_000);
      const paged = await collect(2);
      expect(paged.rows, variant).toEqual(whole.rows);
      expect(paged.batches, variant).toBeGreaterThan(5);
      expect(new Set(paged.rows).size, variant).toBe(paged.rows.length);
    }
  });
});

const about = buildAbout({
  request: exportRequestSchema.parse({}),
  filterText: 'none',
  asOf: new Date('2026-11-28T00:00:00Z'),
  rowCount: 0,
  requestPath: '/api/export',
  sources: [],
  sourcesTotal: 0,
});
const COLUMNS: ColumnSpec[] = [
  { key: 'title', kind: 'text' },
  { key: 'amount', kind: 'decimal' },
  { key: 'note', kind: 'text' },
];

/** Text that compresses about as badly as real titles do (a run of one letter would zip to nothing). */
const noise = (seed: number) => {
  let x = seed + 1;
  let text = '';
  for (let i = 0; i < 40; i++) {
    x = (x * 1103515245 + 12345) % 2147483648;
    text += x.toString(36);
  }
  return text;
};

/** Batches of made-up rows, counting how many the writer has asked for. */
function source(batches: number, size: number) {
  const counter = { pulled: 0 };
  async function* rows(): AsyncGenerator<RawValue[][]> {
    for (let b = 0; b < batches; b++) {
      counter.pulled++;
      yield Array.from({ length: size }, (_, i) => [
        `Row ${b}-${i} Ташкент อุตสาหกรรม`,
        `${b * size + i}.25`,
        noise(b * size + i),
      ]);
    }
  }
  return { counter, rows: rows() };
}

/** A reader that takes nothing until released, then everything. */
function stalledReader() {
  const chunks: Buffer[] = [];
  let waiting: (() => void) | null = null;
  let released = false;
  const writable = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      if (released) done();
      else waiting = done;
    },
  });
  const finished = new Promise<Buffer>((resolve) =>
    writable.on('finish', () => resolve(Buffer.concat(chunks))),
  );
  return {
    writable,
    finished,
    release() {
      released = true;
      waiting?.();
    },
  };
}

describe('backpressure', () => {
  it('CSV: reads the next batch only when the reader has taken the last one', async () => {
    const { counter, rows } = source(100, 500);
    const reader = stalledReader();
    Readable.from(csvChunks(about, COLUMNS, rows), { objectMode: false }).pipe(reader.writable);
    await sleep(300);
    expect(counter.pulled).toBeLessThanOrEqual(3);
    reader.release();
    const text = (await reader.finished).toString('utf8');
    expect(counter.pulled).toBe(100);
    const records = parse(text, { bom: true, comment: '#', comment_no_infix: true, columns: true });
    expect(records).toHaveLength(50_000);
  });

  it('XLSX: pauses while the zip holds more than a megabyte the reader has not taken', async () => {
    const { counter, rows } = source(100, 500);
    const reader = stalledReader();
    const out = new PassThrough();
    out.pipe(reader.writable);
    const written = writeXlsx(out, about, COLUMNS, rows, new Date());
    // Wait until it has stopped asking for rows (compression runs on other threads, so give it time).
    let seen = -1;
    for (let i = 0; i < 40 && counter.pulled !== seen; i++) {
      seen = counter.pulled;
      await sleep(500);
    }
    // What it holds is bounded by the zip's buffers (about 1 MB each side, compressed) and the writer's
    // own megabyte, not by the size of the export.
    const held = counter.pulled;
    expect(held).toBeLessThan(50);
    reader.release();
    expect(await written).toBe(50_000);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(new Uint8Array(await reader.finished).buffer);
    const data = workbook.getWorksheet('Data');
    expect(data?.rowCount).toBe(50_001);
    expect(data?.getRow(50_001).getCell(2).value).toBe(49_999.25);
  });
});

/** Starts a download, takes its first chunk and hangs up. */
function abandon(path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = get(`${base}${path}`, (response) => {
      response.once('data', () => {
        request.destroy();
        resolve(response.statusCode ?? 0);
      });
    });
    request.on('error', (error) => {
      if (!request.destroyed) reject(error);
    });
  });
}

describe('over a real socket', () => {
  it('downloads the whole CSV', async () => {
    const response = await fetch(`${base}/api/export?columns=project_id,title`);
    expect(response.status).toBe(200);
    const text = await response.text();
    const records = parse(text, { bom: true, comment: '#', comment_no_infix: true, columns: true });
    const listed = await api.caller.project.list({ limit: 1 });
    expect(records).toHaveLength(listed.total);
    expect(text.endsWith(`# Rows written,${listed.total}\r\n`)).toBe(true);
  });

  it('serves other requests while an export runs', async () => {
    let done = false;
    const download = fetch(`${base}/api/export?variant=project-country`)
      .then((response) => response.text())
      .then((text) => {
        done = true;
        return text;
      });
    await sleep(200);
    const health = await fetch(`${base}/health`);
    expect(health.status).toBe(200);
    expect(done).toBe(false);
    expect((await download).length).toBeGreaterThan(1_000_000);
  });

  it('stops reading the database when the client goes away, and keeps serving', async () => {
    for (const format of ['csv', 'xlsx']) {
      logs.length = 0;
      expect(await abandon(`/api/export?format=${format}&variant=project-country`)).toBe(200);
      await expect
        .poll(() => logs.some((l) => l.msg === 'export: client went away'), { timeout: 10_000 })
        .toBe(true);
      expect(logs.some((l) => l.msg === 'export finished')).toBe(false);
      const health = await fetch(`${base}/health`);
      expect(health.status).toBe(200);
    }
  });
});
