import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../client.ts';
import { importRuns } from '../schema.ts';
import { createTestDatabase } from '../testing.ts';
import { failInterruptedRuns, INTERRUPTED_RUN_ERROR, listImportRuns } from './import-runs.ts';

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

const run = async (fileName: string, status: string, minutesAgo: number) => {
  const [row] = await database.db
    .insert(importRuns)
    .values({
      actor: 'test',
      fileName,
      fileHash: 'h',
      format: 'iati',
      status,
      startedAt: sql`now() - make_interval(mins => ${minutesAgo})`,
    })
    .returning({ id: importRuns.id });
  if (!row) throw new Error('no run');
  return row.id;
};

const statusOf = async (id: string) => {
  const [row] = await database.db
    .select({ status: importRuns.status, error: importRuns.error, finishedAt: importRuns.finishedAt })
    .from(importRuns)
    .where(eq(importRuns.id, id));
  return row;
};

describe('failInterruptedRuns', () => {
  it('marks runs left running past the age as failed with the reason, and leaves the rest alone', async () => {
    const old = await run('old.xml', 'running', 120);
    const young = await run('young.xml', 'running', 5);
    const done = await run('done.xml', 'succeeded', 300);

    expect(await failInterruptedRuns(database.db, 60 * 60 * 1000)).toBe(1);
    expect(await statusOf(old)).toMatchObject({ status: 'failed', error: INTERRUPTED_RUN_ERROR });
    expect((await statusOf(old))?.finishedAt).not.toBeNull();
    expect(await statusOf(young)).toMatchObject({ status: 'running', error: null, finishedAt: null });
    expect(await statusOf(done)).toMatchObject({ status: 'succeeded', error: null });

    // The import page lists it as failed, with the reason.
    const listed = (await listImportRuns(database.db, { limit: 50 })).rows.find((r) => r.id === old);
    expect(listed).toMatchObject({ status: 'failed', error: INTERRUPTED_RUN_ERROR });

    // At the start of a server alone with its database: every run still running.
    expect(await failInterruptedRuns(database.db, 0)).toBe(1);
    expect(await statusOf(young)).toMatchObject({ status: 'failed' });
    expect(await failInterruptedRuns(database.db, 0)).toBe(0);
  });
});
