import { spawn } from 'node:child_process';
import { mkdtemp, open, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDb } from '@srt/db/client';
import { pino } from 'pino';
import { buildServer } from '../server.ts';

/**
 * One export timed over a real socket, the way docs/performance.md reports it: the server runs in this
 * process, `curl` downloads in another (so the client's memory is not counted), and this process's
 * RSS is sampled every 50 ms.
 *
 *   pnpm --filter @srt/api exec tsx src/export/measure.ts <database url> [variant] [format] [filter JSON]
 */

const [url, variant = 'projects', format = 'csv', filter] = process.argv.slice(2);
if (!url) {
  process.stderr.write(
    'usage: tsx src/export/measure.ts <postgres://… | PGlite dir> [variant] [format] [filter]\n',
  );
  process.exit(2);
}

const database = await createDb(url, { poolSize: 4 });
const app = await buildServer({
  database,
  env: { WEB_DIST: '/nonexistent' },
  logger: pino({ level: 'warn' }),
});
const address = await app.listen({ port: 0, host: '127.0.0.1' });
const dir = await mkdtemp(join(tmpdir(), 'srt-export-'));
const file = join(dir, `export.${format}`);

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
const baseline = process.memoryUsage();
let peakRss = baseline.rss;
let peakHeap = baseline.heapUsed;
const sampler = setInterval(() => {
  const now = process.memoryUsage();
  peakRss = Math.max(peakRss, now.rss);
  peakHeap = Math.max(peakHeap, now.heapUsed);
}, 50);

const query = new URLSearchParams({ format, variant, ...(filter ? { filter } : {}) });
const started = performance.now();
const status = await new Promise<string>((resolve, reject) => {
  const curl = spawn('curl', ['-sS', '-o', file, '-w', '%{http_code}', `${address}/api/export?${query}`]);
  let out = '';
  curl.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  curl.on('error', reject);
  curl.on('close', () => resolve(out));
});
const seconds = (performance.now() - started) / 1000;
clearInterval(sampler);

const { size } = await stat(file);
let rows = 'n/a';
if (format === 'csv') {
  // The last line says how many rows were written.
  const handle = await open(file);
  const tail = Buffer.alloc(Math.min(200, size));
  await handle.read(tail, 0, tail.length, size - tail.length);
  await handle.close();
  rows = /# Rows written,(\d+)\r\n$/.exec(tail.toString('utf8'))?.[1] ?? 'missing';
}

process.stdout.write(
  `${variant} ${format} via ${database.kind}: HTTP ${status}, rows ${rows}, ${mb(size)} MB in ${seconds.toFixed(1)} s; ` +
    `RSS ${mb(baseline.rss)} MB before, peak ${mb(peakRss)} MB (+${mb(peakRss - baseline.rss)}); ` +
    `heap used peak ${mb(peakHeap)} MB\n`,
);
await rm(dir, { recursive: true, force: true });
await app.close();
await database.close();
