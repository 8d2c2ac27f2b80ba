import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { createDb } from '@srt/db/client';
import { pino } from 'pino';
import { loadEnv } from '../env.ts';
import { buildServer } from '../server.ts';
import { benchCases, DEFAULT_CASE_OPTIONS, rawQuery } from './cases.ts';
import { measureInterleaved, type Summary, summarize } from './measure.ts';

const usage = `pnpm bench [--iterations 30] [--warmup 5] [--budget 60] [--url http://host:port] [--json out.json]
           [--compare smaller.json] [--q text] [--country XX] [--sector NNNNN] [--year-from Y] [--year-to Y]

Times project.list (three filter shapes), project.byId and stats.summary through HTTP (tRPC on a server
started in-process on a free port, or the one at --url) and the same query functions called directly
on the database (DATABASE_URL, or PGlite in PGLITE_DIR). Prints median and p95 in ms and HTTP/direct.
A case stops after --budget seconds of timed rounds (at least 5 rounds), so slow cases end in time.
--compare reads an earlier --json result (e.g. the 10k corpus) and prints this run's median over it.
`;

const { values } = parseArgs({
  args: process.argv.slice(2).filter((arg) => arg !== '--'),
  options: {
    iterations: { type: 'string', default: '30' },
    warmup: { type: 'string', default: '5' },
    budget: { type: 'string', default: '60' },
    url: { type: 'string' },
    json: { type: 'string' },
    compare: { type: 'string' },
    q: { type: 'string', default: DEFAULT_CASE_OPTIONS.q },
    country: { type: 'string', default: DEFAULT_CASE_OPTIONS.country },
    sector: { type: 'string', default: DEFAULT_CASE_OPTIONS.sector },
    'year-from': { type: 'string', default: String(DEFAULT_CASE_OPTIONS.yearFrom) },
    'year-to': { type: 'string', default: String(DEFAULT_CASE_OPTIONS.yearTo) },
    help: { type: 'boolean', default: false },
  },
});
if (values.help) {
  process.stdout.write(usage);
  process.exit(0);
}

const write = (line = '') => process.stdout.write(`${line}\n`);
const whole = (text: string, name: string) => {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a whole number, got ${text}`);
  return n;
};

type Result = { name: string; info: string; http: Summary; direct: Summary; ratio: number };
type Report = { meta: Record<string, string | number>; results: Result[] };

const env = loadEnv();
const database = await createDb(env.DATABASE_URL ?? env.PGLITE_DIR);
const app = values.url ? null : await buildServer({ database, env, logger: pino({ level: 'silent' }) });

try {
  const iterations = whole(values.iterations, 'iterations');
  const warmup = whole(values.warmup, 'warmup');
  const budget = whole(values.budget, 'budget');
  await database.migrate();
  const base = (values.url ?? (await app?.listen({ port: 0, host: '127.0.0.1' })) ?? '').replace(/\/$/, '');

  const [sizes] = await rawQuery<{ projects: number; funding: number; events: number; version: string }>(
    database,
    `select (select count(*)::int from projects) as projects, (select count(*)::int from funding) as funding,
       (select count(*)::int from events) as events, current_setting('server_version') as version`,
  );
  const meta = {
    date: new Date().toISOString().slice(0, 16).replace('T', ' '),
    database:
      database.kind === 'postgres' ? `PostgreSQL ${sizes?.version}` : `PGlite (PostgreSQL ${sizes?.version})`,
    projects: sizes?.projects ?? 0,
    funding: sizes?.funding ?? 0,
    events: sizes?.events ?? 0,
    http: values.url ? values.url : 'in-process server, same Node process',
    node: process.version,
    cpu: `${cpus()[0]?.model ?? 'unknown'} × ${cpus().length}`,
    memoryGb: Math.round(totalmem() / 2 ** 30),
    iterations,
    warmup,
    budgetSeconds: budget,
    loadBefore: loadavg()[0]?.toFixed(1) ?? '',
  };
  write(
    `${meta.database} · ${meta.projects.toLocaleString('en-US')} projects, ${meta.funding.toLocaleString('en-US')} funding rows, ${meta.events.toLocaleString('en-US')} events`,
  );
  write(
    `${meta.cpu}, ${meta.memoryGb} GB · Node ${meta.node} · ${warmup} warm-up + up to ${iterations} timed rounds (budget ${budget} s per case)`,
  );
  write(`HTTP: ${base} (${meta.http})`);
  write();

  const cases = await benchCases(database, {
    q: values.q,
    country: values.country.toUpperCase(),
    sector: values.sector,
    yearFrom: whole(values['year-from'], 'year-from'),
    yearTo: whole(values['year-to'], 'year-to'),
  });

  const results: Result[] = [];
  for (const c of cases) {
    const url = `${base}/trpc/${c.path}?input=${encodeURIComponent(JSON.stringify(c.input))}`;
    const http = async () => {
      const response = await fetch(url);
      const body = await response.text();
      if (!response.ok) throw new Error(`${c.name}: HTTP ${response.status} ${body.slice(0, 300)}`);
      return JSON.parse(body);
    };
    const info = c.describe(await c.direct(database.db));
    const samples = await measureInterleaved(
      { http, direct: () => c.direct(database.db) },
      { warmup, iterations, budgetMs: budget * 1000, minIterations: Math.min(5, iterations) },
    );
    const result = {
      name: c.name,
      info,
      http: summarize(samples.http),
      direct: summarize(samples.direct),
      ratio: 0,
    };
    result.ratio = result.http.median / result.direct.median;
    results.push(result);
    write(`  ${c.name}: ${info}`);
  }

  const previous = values.compare ? (JSON.parse(readFileSync(values.compare, 'utf8')) as Report) : null;
  const ms = (n: number) => n.toFixed(n < 10 ? 2 : 1);
  write();
  write(
    `| case | n | HTTP median | HTTP p95 | direct median | direct p95 | HTTP / direct |${previous ? ` HTTP × vs ${previous.meta.projects} | direct × vs ${previous.meta.projects} |` : ''}`,
  );
  write(`|---|--:|--:|--:|--:|--:|--:|${previous ? '--:|--:|' : ''}`);
  for (const r of results) {
    const before = previous?.results.find((p) => p.name === r.name);
    const scale = before
      ? ` ${(r.http.median / before.http.median).toFixed(2)} | ${(r.direct.median / before.direct.median).toFixed(2)} |`
      : previous
        ? ' – | – |'
        : '';
    write(
      `| ${r.name} | ${r.http.n} | ${ms(r.http.median)} | ${ms(r.http.p95)} | ${ms(r.direct.median)} | ${ms(r.direct.p95)} | ${r.ratio.toFixed(2)} |${scale}`,
    );
  }
  write();
  const loadAfter = loadavg()[0]?.toFixed(1) ?? '';
  write(`Load average (1 min) before ${meta.loadBefore}, after ${loadAfter} on ${cpus().length} cores.`);
  write('Times in ms. Goal: HTTP / direct ≤ 1.5; 10× the data ≤ 1.5× the latency.');
  if (values.json) {
    writeFileSync(
      values.json,
      `${JSON.stringify({ meta: { ...meta, loadAfter }, results } satisfies Report, null, 2)}\n`,
    );
    write(`Wrote ${values.json}`);
  }
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
} finally {
  await app?.close();
  await database.close();
}
