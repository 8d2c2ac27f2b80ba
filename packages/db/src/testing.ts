import { createHash } from 'node:crypto';
import { readdir, readFile, realpath, rename, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { createDb, type Database } from './client.ts';

const migrationsFolder = fileURLToPath(new URL('../migrations', import.meta.url));

/**
 * A migrated, empty database for one test file: in-memory PGlite by default, or the PostgreSQL server
 * named by TEST_DATABASE_URL (`pnpm test:pg`; files then run one at a time, each starting from empty).
 * PGlite starts from a dump of a freshly migrated data directory (see `migratedDump`): running the
 * migrations takes seconds per file, loading the dump well under one.
 */
export async function createTestDatabase(): Promise<Database> {
  const url = process.env.TEST_DATABASE_URL;
  const database = url
    ? await createDb(url, { poolSize: 4 })
    : await createDb('memory://', { poolSize: 4, loadDataDir: await migratedDump() });
  // On the dump a no-op (every migration is recorded as applied); it still checks that.
  await database.migrate();
  if (database.kind === 'postgres') await truncateAll(database);
  return database;
}

export async function truncateAll({ db }: Database): Promise<void> {
  const result = await db.execute<{ tablename: string }>(
    sql`select tablename from pg_tables where schemaname = 'public'`,
  );
  const tables = result.rows.map((r) => `"${r.tablename}"`).join(', ');
  if (tables) await db.execute(sql.raw(`truncate ${tables} restart identity cascade`));
}

/**
 * The data directory of a PGlite database with every migration applied, as `dumpDataDir` gives it,
 * kept in the temp directory under a name derived from the migrations and the PGlite version: the first
 * test file (of any run) that needs it makes it, the others read it. Written under a temporary name and
 * renamed, so a parallel worker never reads half of it.
 */
async function migratedDump(): Promise<Blob> {
  const hash = createHash('sha256');
  // The installed PGlite's real path names its version (pnpm's store layout): a new PGlite, a new dump.
  hash.update(await realpath(createRequire(import.meta.url).resolve('@electric-sql/pglite')));
  for (const name of (await readdir(migrationsFolder, { recursive: true })).sort()) {
    if (!/\.(sql|json)$/.test(name)) continue;
    hash.update(name).update(await readFile(join(migrationsFolder, name)));
  }
  const file = join(tmpdir(), `srt-test-pglite-${hash.digest('hex').slice(0, 16)}.tar`);
  try {
    return new Blob([await readFile(file)]);
  } catch {
    // not made yet
  }
  const fresh = await createDb('memory://');
  try {
    await fresh.migrate();
    if (fresh.driver.kind !== 'pglite') throw new Error('expected PGlite');
    const dump = await fresh.driver.client.dumpDataDir('none');
    const partial = `${file}.${process.pid}.${Date.now()}`;
    await writeFile(partial, Buffer.from(await dump.arrayBuffer()));
    await rename(partial, file);
    return dump;
  } finally {
    await fresh.close();
  }
}
