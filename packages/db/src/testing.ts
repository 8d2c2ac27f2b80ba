import { sql } from 'drizzle-orm';
import { createDb, type Database } from './client.ts';

/**
 * A migrated, empty database for one test file: in-memory PGlite by default, or the PostgreSQL server
 * named by TEST_DATABASE_URL (`pnpm test:pg`; files then run one at a time, each starting from empty).
 */
export async function createTestDatabase(): Promise<Database> {
  const database = await createDb(process.env.TEST_DATABASE_URL ?? 'memory://', { poolSize: 4 });
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
