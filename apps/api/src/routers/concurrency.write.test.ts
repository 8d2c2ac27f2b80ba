/**
 * No lost updates: writers that start from the same version race, exactly one wins, every other one gets
 * CONFLICT with the record as the winner left it — on PGlite (one connection, transactions queue) and on
 * PostgreSQL (a pool: transactions really overlap and meet at the row lock of the version-guarded UPDATE).
 */
import type { Database } from '@srt/db/client';
import { createTestDatabase } from '@srt/db/testing';
import type { ProjectValues } from '@srt/shared/project';
import type { Editable } from '@srt/shared/write';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { User } from '../context.ts';
import { auditOf, callerAs, query, shapeOf, USERS } from '../test/callers.ts';

let database: Database;
let editor: ReturnType<typeof callerAs>;
let source = '';
const COUNTRIES = ['AZ', 'TJ', 'TM', 'UZ', 'KZ', 'CN', 'RU', 'TR'];

beforeAll(async () => {
  database = await createTestDatabase();
  editor = callerAs(database.db, 'editor');
  source = (await editor.source.create({ title: 'Source', kind: 'news' })).id;
});
afterAll(() => database.close());

async function newProject() {
  const { id } = await editor.project.create({
    title: 'Contested project',
    countries: [{ country: 'UZ', percentage: 100 }],
    sources: [{ sourceId: source }],
  });
  return editor.project.forEdit({ id });
}

/** The i-th writer's change: its own title and its own pair of countries (child rows it replaces). */
const change = (base: Editable<ProjectValues>, i: number): ProjectValues => ({
  ...base.values,
  title: `Edit number ${i}`,
  countries: [
    { country: COUNTRIES[i % COUNTRIES.length] ?? 'UZ', percentage: 50 },
    { country: COUNTRIES[(i + 1) % COUNTRIES.length] ?? 'TJ', percentage: 50 },
  ],
});

/** Each writer is a different user, as when many people save the same record at once. */
const writer = (i: number): User => ({ ...USERS.editor, id: `user-writer-${i}` });

async function race(base: Editable<ProjectValues>, count: number) {
  const results = await Promise.allSettled(
    Array.from({ length: count }, (_, i) =>
      callerAs(database.db, writer(i)).project.update({
        id: base.id,
        version: base.version,
        values: change(base, i),
      }),
    ),
  );
  const winners = results.flatMap((r, i) => (r.status === 'fulfilled' ? [{ i, saved: r.value }] : []));
  const losers = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
  return { winners, losers };
}

async function expectOneWinner(base: Editable<ProjectValues>, count: number) {
  const { winners, losers } = await race(base, count);
  expect(winners).toHaveLength(1);
  expect(losers).toHaveLength(count - 1);
  const [winner] = winners;
  if (!winner) return;
  expect(winner.saved).toEqual({ id: base.id, version: base.version + 1 });

  // The stored record is the winner's, child rows included: no loser touched anything.
  const current = await editor.project.forEdit({ id: base.id });
  expect(current.version).toBe(base.version + 1);
  expect(current.values.title).toBe(`Edit number ${winner.i}`);
  expect(current.values.countries).toEqual(
    [...change(base, winner.i).countries].sort((a, b) => a.country.localeCompare(b.country)),
  );

  // Every loser was told CONFLICT and given the record as it is now.
  for (const error of losers) {
    const shape = shapeOf(error);
    expect(shape.data.code).toBe('CONFLICT');
    expect(shape.data.current).toEqual(current);
  }

  // One audit entry per successful write, by the winner, from the version all started at.
  const updates = (await auditOf(database, base.id)).filter((e) => e.action === 'update');
  expect(updates).toHaveLength(1);
  expect(updates[0]?.actor).toBe(writer(winner.i).id);
  expect(updates[0]?.before).toMatchObject({ title: 'Contested project', version: base.version });
  expect(updates[0]?.after).toMatchObject({ title: `Edit number ${winner.i}`, version: base.version + 1 });
  const [rows] = await query<{ n: number }>(
    database,
    'select count(*)::int as n from project_countries where project_id = $1',
    [base.id],
  );
  expect(rows?.n).toBe(2);
}

describe('concurrent updates of one project', () => {
  it('two sessions from the same version: exactly one wins, the other gets CONFLICT with the current record', async () => {
    await expectOneWinner(await newProject(), 2);
  });

  it('200 parallel updates from one version: exactly one succeeds, one audit entry', async () => {
    await expectOneWinner(await newProject(), 200);
  });

  it('a delete racing updates from the same version: one of them wins, the others conflict', async () => {
    const base = await newProject();
    const calls = [
      ...Array.from({ length: 20 }, (_, i) =>
        callerAs(database.db, writer(i)).project.update({ id: base.id, version: 1, values: change(base, i) }),
      ),
      editor.project.delete({ id: base.id, version: 1 }),
    ];
    const results = await Promise.allSettled(calls);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results)
      if (r.status === 'rejected') expect(shapeOf(r.reason).data.code).toBe('CONFLICT');
    const entries = (await auditOf(database, base.id)).filter((e) => e.action !== 'create');
    expect(entries).toHaveLength(1);
    expect((await editor.project.forEdit({ id: base.id })).version).toBe(2);
  });

  it('the next update from the version the winner returned goes through', async () => {
    const base = await newProject();
    const { winners } = await race(base, 5);
    const next = winners[0]?.saved.version ?? 0;
    const current = await editor.project.forEdit({ id: base.id });
    expect(await editor.project.update({ id: base.id, version: next, values: current.values })).toEqual({
      id: base.id,
      version: next + 1,
    });
  });
});
