import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createDb } from '../client.ts';
import { removeSyntheticCorpus, synthesize } from './index.ts';

const usage = `pnpm db:synth --projects <n> [--seed <n>] [--replace] [--remove] [--batch-size <n>]

Writes a deterministic synthetic corpus (about 10 funding rows, 3 events and 2 locations per project)
into DATABASE_URL, or into the PGlite directory PGLITE_DIR (default ./data/pglite). Every record cites
the source with external_ref 'synthetic'. --replace removes a corpus already loaded; --remove only
removes it.
`;

const { values } = parseArgs({
  // pnpm may forward a literal `--` before the script's own arguments.
  args: process.argv.slice(2).filter((arg) => arg !== '--'),
  options: {
    projects: { type: 'string' },
    seed: { type: 'string', default: '42' },
    replace: { type: 'boolean', default: false },
    remove: { type: 'boolean', default: false },
    'batch-size': { type: 'string', default: '5000' },
    help: { type: 'boolean', default: false },
  },
});

const positiveInt = (text: string | undefined, name: string): number => {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0) {
    process.stderr.write(`--${name} must be a whole number, got ${text}\n\n${usage}`);
    process.exit(2);
  }
  return n;
};

if (values.help || (!values.remove && values.projects === undefined)) {
  process.stdout.write(usage);
  process.exit(values.help ? 0 : 2);
}

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const url = process.env.DATABASE_URL || process.env.PGLITE_DIR || `${repoRoot}data/pglite`;
const where = /^postgres(ql)?:\/\//.test(url) ? url.replace(/\/\/[^@/]*@/, '//') : `PGlite ${url}`;
const database = await createDb(url, { poolSize: 2 });
const write = (message: string) => process.stdout.write(`${message}\n`);

try {
  await database.migrate();
  if (values.remove) {
    const started = performance.now();
    const removed = await removeSyntheticCorpus(database);
    write(
      removed
        ? `Removed the synthetic corpus from ${where} in ${((performance.now() - started) / 1000).toFixed(1)} s`
        : `No synthetic corpus in ${where}`,
    );
  } else {
    const projects = positiveInt(values.projects, 'projects');
    const seed = positiveInt(values.seed, 'seed');
    write(`Synthetic corpus: ${projects.toLocaleString('en-US')} projects, seed ${seed}, into ${where}`);
    const result = await synthesize(database, {
      projects,
      seed,
      replace: values.replace,
      batchSize: Math.max(1, positiveInt(values['batch-size'], 'batch-size')),
      log: write,
    });
    for (const [table, count] of Object.entries(result.rows)) {
      write(`  ${table.padEnd(20)} ${count.toLocaleString('en-US').padStart(12)}`);
    }
    write(`Done in ${result.seconds.toFixed(1)} s`);
  }
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
} finally {
  await database.close();
}
