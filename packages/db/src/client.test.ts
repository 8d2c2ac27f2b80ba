import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import journal from '../migrations/meta/_journal.json' with { type: 'json' };
import { createDb } from './client.ts';

const scratch = mkdtempSync(join(tmpdir(), 'srt-client-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const appliedMigrations = async (dir: string) => {
  const database = await createDb(dir);
  try {
    const { rows } = await database.db.execute<{ n: number }>(
      sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
    );
    await database.migrate();
    const [projects] = (
      await database.db.execute<{ n: number }>(sql`select count(*)::int as n from projects`)
    ).rows;
    return { before: rows[0]?.n, projects: projects?.n };
  } finally {
    await database.close();
  }
};

describe('createDb on PGlite', () => {
  it('creates a new data directory already migrated (in a child process), and opens it again as it is', async () => {
    const dir = join(scratch, 'new');
    // Migrated before `migrate()` is called: the child process applied every migration.
    expect(await appliedMigrations(dir)).toEqual({ before: journal.entries.length, projects: 0 });
    expect(readdirSync(dir)).toContain('PG_VERSION');
    expect(await appliedMigrations(dir)).toEqual({ before: journal.entries.length, projects: 0 });
  });

  it('opens with a smaller buffer cache when asked (the import CLI)', async () => {
    const database = await createDb(join(scratch, 'new'), { sharedBuffers: '16MB' });
    try {
      const { rows } = await database.db.execute<{ value: string }>(
        sql`select current_setting('shared_buffers') as value`,
      );
      expect(rows[0]?.value).toBe('16MB');
    } finally {
      await database.close();
    }
  });

  it('refuses a directory it cannot create, with the reason, instead of opening a broken one', async () => {
    const file = join(scratch, 'not-a-directory');
    writeFileSync(file, 'x');
    await expect(createDb(join(file, 'db'))).rejects.toThrow(
      /Could not create the PGlite database in .*: ENOTDIR/,
    );
  });
});
