import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import { migrate as migrateNodePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import pg from 'pg';
import * as schema from './schema.ts';

export type Schema = typeof schema;
/** What `db.execute` returns with either driver: both give the rows as `rows`. */
type Rows<T> = { rows: T[] };
export interface RowsResultHKT extends PgQueryResultHKT {
  type: Rows<this['row']>;
}
/** The drizzle database (or a transaction on it), whichever driver is behind it. */
export type Db = PgDatabase<RowsResultHKT, Schema>;
export type DbKind = 'pglite' | 'postgres';

export type Database = {
  db: Db;
  kind: DbKind;
  /** The driver itself, for work drizzle does not do (COPY, benchmarks of plain SQL). */
  driver: { kind: 'pglite'; client: PGlite } | { kind: 'postgres'; client: pg.Pool };
  migrate(): Promise<void>;
  close(): Promise<void>;
};

const migrationsFolder = fileURLToPath(new URL('../migrations', import.meta.url));

const isPostgresUrl = (url: string) => /^postgres(ql)?:\/\//.test(url);

/** A PGlite data directory that is not there yet (a path, not `memory://`, with nothing in it). */
const isNewDirectory = (url: string) =>
  !/^[a-z]+:\/\//i.test(url) && (!existsSync(url) || readdirSync(url).length === 0);

/**
 * Creates and migrates a new PGlite directory in a child process (`pglite-create.mjs`): initdb's WASM
 * memory (≈ 850 MB peak, never given back) is then the child's, and this process opens a ready
 * directory (≈ 360 MB). If no child process can be started, PGlite creates the directory in this
 * process as before; if the child fails, its reason is the error.
 */
function createInChild(dir: string): void {
  const child = spawnSync(
    process.execPath,
    [fileURLToPath(new URL('./pglite-create.mjs', import.meta.url)), dir, migrationsFolder],
    { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' },
  );
  if (child.error || child.status === 0) return;
  throw new Error(`Could not create the PGlite database in ${dir}: ${child.stderr.trim()}`);
}

/**
 * `postgres://…` → a real PostgreSQL server through `pg`; anything else is a PGlite data directory
 * (`memory://` keeps it in memory, which the tests use). PGlite is loaded only when asked for: loading
 * it costs about 45 MB of memory that a PostgreSQL process does not need.
 */
export async function createDb(
  url: string,
  options: {
    poolSize?: number;
    /** PGlite only: start from this dump of a data directory (`dumpDataDir`), e.g. a migrated one. */
    loadDataDir?: Blob;
    /**
     * PGlite only: its buffer cache (PostgreSQL's `shared_buffers`; PGlite's default 128MB is all held
     * in the process once touched). The import CLI, which writes much and reads little, uses 16MB: peak
     * RSS of a 50 MB IATI import 580 → 440–455 MB, same CPU time.
     */
    sharedBuffers?: string;
  } = {},
): Promise<Database> {
  if (isPostgresUrl(url)) {
    const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 10 });
    // An idle client that loses its connection emits here; without a listener the process would exit.
    pool.on('error', () => {});
    const db = drizzleNodePg(pool, { schema }) as unknown as Db;
    return {
      db,
      kind: 'postgres',
      driver: { kind: 'postgres', client: pool },
      migrate: () => migrateNodePg(drizzleNodePg(pool), { migrationsFolder }),
      close: () => pool.end(),
    };
  }
  const [{ PGlite }, { pg_trgm }, { drizzle: drizzlePglite }, { migrate: migratePglite }] = await Promise.all(
    [
      import('@electric-sql/pglite'),
      import('@electric-sql/pglite/contrib/pg_trgm'),
      import('drizzle-orm/pglite'),
      import('drizzle-orm/pglite/migrator'),
    ],
  );
  if (!options.loadDataDir && isNewDirectory(url)) createInChild(url);
  const client = new PGlite(url, {
    extensions: { pg_trgm },
    loadDataDir: options.loadDataDir,
    ...(options.sharedBuffers
      ? { startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${options.sharedBuffers}`] }
      : {}),
  });
  await client.waitReady;
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return {
    db,
    kind: 'pglite',
    driver: { kind: 'pglite', client },
    migrate: () => migratePglite(drizzlePglite(client), { migrationsFolder }),
    close: () => client.close(),
  };
}
