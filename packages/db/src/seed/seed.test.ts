import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../client.ts';
import { projectFilterWhere } from '../queries/filter.ts';
import {
  auditEntries,
  events,
  funding,
  organizations,
  projectInitiatives,
  projects,
  sources,
} from '../schema.ts';
import { createTestDatabase } from '../testing.ts';
import { FOUNDING_PROJECT_REF } from './founding.ts';
import { isDatabaseEmpty, loadFoundingRecord } from './index.ts';

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

const countOf = async (
  table: typeof projects | typeof events | typeof funding | typeof organizations | typeof sources,
) => {
  const [row] = await database.db.select({ n: count() }).from(table);
  return row?.n ?? 0;
};

describe('founding record', () => {
  it('loads into an empty database, once', async () => {
    expect(await isDatabaseEmpty(database.db)).toBe(true);
    expect(await loadFoundingRecord(database.db)).toEqual({ loaded: true });
    expect(await loadFoundingRecord(database.db)).toEqual({ loaded: false });
    expect(await isDatabaseEmpty(database.db)).toBe(false);
    expect(await countOf(projects)).toBe(1);
    expect(await countOf(events)).toBe(8);
    expect(await countOf(sources)).toBe(1);
    expect(await countOf(organizations)).toBeGreaterThanOrEqual(9);
  });

  it('stores no invented amounts', async () => {
    expect(await countOf(funding)).toBe(0);
  });

  it('attributes the project to BRI and UNIDO on the official basis, citing the article', async () => {
    const [project] = await database.db
      .select()
      .from(projects)
      .where(eq(projects.externalRef, FOUNDING_PROJECT_REF));
    expect(project?.titleLanguage).toBe('th');
    const initiatives = await database.db
      .select()
      .from(projectInitiatives)
      .where(eq(projectInitiatives.projectId, project?.id ?? ''));
    expect(initiatives.map((i) => [i.initiative, i.basis]).sort()).toEqual([
      ['bri', 'official'],
      ['unido', 'official'],
    ]);
    expect(initiatives.every((i) => i.sourceId)).toBe(true);
  });

  it('keeps the two dated events on their days', async () => {
    const rows = await database.db.select().from(events).where(eq(events.datePrecision, 'day'));
    expect(rows.map((e) => e.date).sort()).toEqual(['2018-04-20', '2018-04-21']);
    expect(rows.find((e) => e.date === '2018-04-21')?.title).toContain('International Technology Fair');
  });

  it('writes an audit entry for every record it creates', async () => {
    const [row] = await database.db.select({ n: count() }).from(auditEntries);
    const created =
      (await countOf(projects)) +
      (await countOf(events)) +
      (await countOf(sources)) +
      (await countOf(organizations));
    expect(row?.n).toBe(created);
  });

  it('is found by a Thai substring and a Russian-free Latin query', async () => {
    for (const q of ['อุตสาหกรรม', 'new silk road', 'NEW SILK']) {
      const rows = await database.db
        .select({ id: projects.id })
        .from(projects)
        .where(projectFilterWhere({ q }));
      expect(rows, q).toHaveLength(1);
    }
    const none = await database.db
      .select({ id: projects.id })
      .from(projects)
      .where(projectFilterWhere({ q: 'Ташкент' }));
    expect(none).toHaveLength(0);
  });

  it('has a quality score that reflects what the article does not say', async () => {
    const [project] = await database.db.select().from(projects);
    // Source and sector are known; status, dates, precise location and funding are not.
    expect(project?.qualityScore).toBe(33);
  });
});
