// Creates a PGlite data directory and applies the migrations, then exits. `createDb` runs it in a child
// process for a directory that does not exist yet: PGlite's initdb grows the WASM memory to ≈ 850 MB of
// RSS, and WASM memory never shrinks, so done in the server's own process it would keep ≈ 190 MB more
// for as long as the server runs. Plain JavaScript, so that it runs with plain node.
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';

const [dir, migrationsFolder] = process.argv.slice(2);
if (!dir || !migrationsFolder)
  throw new Error('usage: pglite-create.mjs <data directory> <migrations folder>');
try {
  const client = new PGlite(dir, { extensions: { pg_trgm } });
  await client.waitReady;
  await migrate(drizzle(client), { migrationsFolder });
  await client.close();
} catch (error) {
  // One line for `createDb`'s error: the innermost cause (a failed query wraps the real reason).
  let cause = error;
  while (cause instanceof Error && cause.cause) cause = cause.cause;
  process.stderr.write(`${cause instanceof Error ? cause.message : String(cause)}\n`);
  process.exitCode = 1;
}
