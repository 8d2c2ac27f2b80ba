/**
 * Import benchmark (issue 3, item 7): parse-only vs import of one IATI file, each in its own child
 * process so that each phase's peak RSS is its own.
 *
 *   pnpm --filter @srt/db bench:import <file.xml | activities=N> [--db URL|DIR] [--reimport]
 *
 * A number instead of a file builds an N-activity file first (make-big-file.ts). --db takes a
 * postgres:// URL or a PGlite directory (default: a fresh temp dir). --reimport runs the import a
 * second time (unchanged file) and reports it as well. Prints seconds, the ratio (parse s / import s:
 * 1 = as fast as parsing alone), the child's own CPU time (with PostgreSQL the server's is not in it)
 * and peak RSS — for the import also the peak before it began, which with PGlite is the database's own
 * (opening, or creating and migrating, it).
 */
import { spawnSync } from 'node:child_process';
import { createReadStream, mkdtempSync, rmSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

type Phase = {
  seconds: number;
  cpuSeconds: number;
  maxRssMb: number;
  /** Import only: the peak RSS before the import began (database opened, created and migrated). */
  maxRssBeforeMb?: number;
  records: number;
  detail?: string;
};

const self = fileURLToPath(import.meta.url);
const mb = (kb: number) => Math.round(kb / 1024);
/** This process's CPU time (user + system) since `from`, in seconds. */
const cpuSince = (from: NodeJS.CpuUsage) => {
  const { user, system } = process.cpuUsage(from);
  return (user + system) / 1e6;
};

async function childParse(file: string): Promise<Phase> {
  const { parseOnly } = await import('./iati/parse-only.ts');
  const cpu = process.cpuUsage();
  const result = await parseOnly(file);
  if (result.fatal) throw new Error(result.fatal);
  return {
    seconds: result.ms / 1000,
    cpuSeconds: cpuSince(cpu),
    maxRssMb: mb(process.resourceUsage().maxRSS),
    records: result.records,
  };
}

async function childImport(file: string, url: string): Promise<Phase> {
  const { createDb } = await import('../client.ts');
  const { IMPORT_SHARED_BUFFERS, runImport } = await import('./pipeline.ts');
  const { readIati } = await import('./iati/reader.ts');
  const { loadExchangeRates } = await import('./rates.ts');
  const { exchangeRates } = await import('../schema.ts');
  const { count } = await import('drizzle-orm');
  const database = await createDb(url, { sharedBuffers: IMPORT_SHARED_BUFFERS });
  try {
    await database.migrate();
    const [rates] = await database.db.select({ n: count() }).from(exchangeRates);
    if ((rates?.n ?? 0) === 0) await loadExchangeRates(database.db, { actor: 'bench' });
    const { size } = await stat(file);
    const maxRssBeforeMb = mb(process.resourceUsage().maxRSS);
    const started = performance.now();
    const cpu = process.cpuUsage();
    const report = await runImport(database.db, {
      fileName: basename(file),
      format: 'iati',
      actor: 'bench',
      reader: readIati,
      input: createReadStream(file, { highWaterMark: 64 * 1024 }),
      maxBytes: Math.max(size, 1),
    });
    const seconds = (performance.now() - started) / 1000;
    if (report.fatal) throw new Error(report.fatal.message);
    const c = report.counts;
    return {
      seconds,
      cpuSeconds: cpuSince(cpu),
      maxRssMb: mb(process.resourceUsage().maxRSS),
      maxRssBeforeMb,
      records: report.records,
      detail: `${c.new} new, ${c.updated} updated, ${c.unchanged} unchanged, ${c.rejected} rejected`,
    };
  } finally {
    await database.close();
  }
}

function runChild(args: string[]): Phase {
  const child = spawnSync(process.execPath, [...process.execArgv, self, ...args], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 1 << 20,
  });
  const line = child.stdout.trim().split('\n').pop() ?? '';
  if (child.status !== 0 || !line.startsWith('{'))
    throw new Error(`child ${args[0]} failed: ${child.stdout}`);
  return JSON.parse(line) as Phase;
}

async function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { db: { type: 'string' }, reimport: { type: 'boolean' }, child: { type: 'string' } },
  });
  const [target, url] = positionals;
  if (values.child) {
    const phase =
      values.child === 'parse' ? await childParse(target ?? '') : await childImport(target ?? '', url ?? '');
    process.stdout.write(`${JSON.stringify(phase)}\n`);
    return;
  }
  if (!target) throw new Error('usage: bench.ts <file.xml | activities> [--db URL|DIR] [--reimport]');
  let file = target;
  let scratch: string | null = null;
  if (/^\d+$/.test(target)) {
    scratch = mkdtempSync(join(tmpdir(), 'srt-bench-'));
    file = join(scratch, `iati-${target}.xml`);
    const { makeBigFile } = await import('./iati/make-big-file.ts');
    await makeBigFile(file, Number(target));
  }
  let db = values.db;
  if (!db) {
    scratch ??= mkdtempSync(join(tmpdir(), 'srt-bench-'));
    db = join(scratch, 'pglite');
  }
  try {
    const { size } = await stat(file);
    const kind = /^postgres(ql)?:\/\//.test(db) ? 'postgres' : 'pglite';
    const parse = runChild(['--child', 'parse', file]);
    const out = (label: string, p: Phase) =>
      process.stdout.write(
        `${label.padEnd(10)} ${p.seconds.toFixed(2).padStart(7)} s  ratio ${(parse.seconds / p.seconds).toFixed(2)}  this process's CPU ${p.cpuSeconds.toFixed(2)} s  peak RSS ${p.maxRssMb} MB${p.maxRssBeforeMb === undefined ? '' : ` (${p.maxRssBeforeMb} MB before the import)`}  ${p.records} records${p.detail ? ` (${p.detail})` : ''}\n`,
      );
    process.stdout.write(`${basename(file)}: ${(size / 1e6).toFixed(1)} MB, ${kind}\n`);
    out('parse', parse);
    out('import', runChild(['--child', 'import', file, db]));
    if (values.reimport) out('re-import', runChild(['--child', 'import', file, db]));
  } finally {
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
