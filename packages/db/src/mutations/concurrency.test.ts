/**
 * The version check is race-free: a second writer from the same version that arrives while the first
 * one's transaction is still open waits for it (on PostgreSQL at the row lock of the guarded UPDATE; on
 * PGlite, with its one connection, behind the whole transaction), then claims nothing and gets the
 * record as the first writer left it. Its child rows are never touched.
 */
import { projectValuesSchema } from '@srt/shared/project';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../client.ts';
import { ConflictError } from '../conflict.ts';
import { auditEntries, projects } from '../schema.ts';
import { createTestDatabase } from '../testing.ts';
import { checkRefs, updateRecord } from './common.ts';
import { createProject, deleteProject, projectForEdit, projectSpec, updateProject } from './project.ts';
import { createSource } from './source.ts';

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

/** Resolves when PostgreSQL shows a backend waiting for a lock; on PGlite there is no second backend. */
async function someoneWaitsForALock() {
  if (database.kind !== 'postgres') return;
  for (;;) {
    const { rows } = await database.db.execute<{ n: number }>(
      sql`select count(*)::int as n from pg_stat_activity where wait_event_type = 'Lock' and datname = current_database()`,
    );
    if ((rows[0]?.n ?? 0) > 0) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

describe('a second writer while the first one is still in its transaction', () => {
  it('waits, then gets CONFLICT with the first writer’s record, and writes nothing', async () => {
    const { id: source } = await createSource(database.db, 'u', { title: 'Source', kind: 'news' });
    const values = projectValuesSchema.parse({
      title: 'Original',
      countries: [{ country: 'UZ' }],
      sources: [{ sourceId: source }],
    });
    const { id } = await createProject(database.db, 'u', values);

    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let claimed: () => void = () => {};
    const firstClaimed = new Promise<void>((resolve) => {
      claimed = resolve;
    });
    // The first writer claims version 1, writes, then holds its transaction open until released.
    const first = updateRecord(database.db, projectSpec, 'first', { id, version: 1 }, async (tx) => {
      await tx.execute(sql`update projects set title = 'First' where id = ${id}`);
      claimed();
      await gate;
    });
    await firstClaimed;
    const second = updateProject(database.db, 'second', {
      id,
      version: 1,
      values: { ...values, title: 'Second', countries: [{ country: 'TJ' }] },
    }).catch((error: unknown) => error);
    await someoneWaitsForALock();
    release();

    expect(await first).toEqual({ id, version: 2 });
    const failure = await second;
    expect(failure).toBeInstanceOf(ConflictError);
    const current = await projectForEdit(database.db, id);
    expect((failure as ConflictError).current).toEqual(current);
    expect(current).toMatchObject({ version: 2, values: { title: 'First', countries: [{ country: 'UZ' }] } });
    const actors = await database.db.select({ actor: auditEntries.actor }).from(auditEntries);
    expect(actors.map((a) => a.actor).sort()).toEqual(['first', 'u', 'u']);
  });

  it('a record being deleted waits for a write that has just checked a reference to it', async () => {
    const { id: source } = await createSource(database.db, 'u', { title: 'Another source', kind: 'news' });
    const { id } = await createProject(
      database.db,
      'u',
      projectValuesSchema.parse({ title: 'Referenced', sources: [{ sourceId: source }] }),
    );
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let checked: () => void = () => {};
    const referenceChecked = new Promise<void>((resolve) => {
      checked = resolve;
    });
    const order: string[] = [];
    const writer = database.db.transaction(async (tx) => {
      await checkRefs(tx, projects, 'project', [{ field: 'projectId', id }]);
      checked();
      await gate;
      order.push('write committed');
    });
    await referenceChecked;
    const deletion = deleteProject(database.db, 'u', { id, version: 1 }).then((saved) => {
      order.push('delete committed');
      return saved;
    });
    await someoneWaitsForALock();
    release();
    await writer;
    expect(await deletion).toEqual({ id, version: 2 });
    expect(order).toEqual(['write committed', 'delete committed']);
  });
});
