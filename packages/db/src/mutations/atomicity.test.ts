/**
 * A write that fails half-way leaves nothing behind: the project row was already changed and some of its
 * child rows replaced when the database refuses a later value (a NUL character, which PostgreSQL text
 * cannot hold) — the whole transaction rolls back, audit entry included, and the version stays.
 */
import { projectValuesSchema } from '@srt/shared/project';
import { count, eq } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../client.ts';
import { QueryInputError } from '../queries/list.ts';
import {
  auditEntries,
  funding,
  locations,
  projectCountries,
  projectSectors,
  projects,
  sourceLinks,
  sources,
} from '../schema.ts';
import { createTestDatabase } from '../testing.ts';
import { createFunding } from './funding.ts';
import { createProject, projectForEdit, updateProject } from './project.ts';
import { createSource } from './source.ts';

let database: Database;
let source = '';
let projectId = '';

beforeAll(async () => {
  database = await createTestDatabase();
  source = (await createSource(database.db, 'user-1', { title: 'Source', kind: 'news' })).id;
  projectId = (
    await createProject(
      database.db,
      'user-1',
      projectValuesSchema.parse({
        title: 'Stored project',
        countries: [{ country: 'UZ' }],
        sectors: [{ sector: '32130' }],
        locations: [{ name: 'Tashkent', country: 'UZ', precision: 'admin1', admin1Code: 'UZ.TK' }],
        sources: [{ sourceId: source }],
      }),
    )
  ).id;
});
afterAll(() => database.close());

/** Row counts of every table a project write touches. */
async function counts() {
  const tables = {
    projects,
    projectCountries,
    projectSectors,
    locations,
    sourceLinks,
    funding,
    auditEntries,
  };
  const out: Record<string, number> = {};
  for (const [name, table] of Object.entries(tables)) {
    out[name] = (await database.db.select({ n: count() }).from(table as PgTable))[0]?.n ?? -1;
  }
  return out;
}

const NUL = '\u0000';

/** The SQLSTATE of a driver error, under drizzle's wrapping. */
function sqlStateOf(error: unknown): string | undefined {
  for (let e = error; e && typeof e === 'object'; e = 'cause' in e ? e.cause : undefined) {
    if ('code' in e && typeof e.code === 'string') return e.code;
  }
  return undefined;
}

describe('a write that fails half-way', () => {
  it('update: the project row and its first child rows were written, a location is refused → all rolled back', async () => {
    const before = await projectForEdit(database.db, projectId);
    const tables = await counts();
    const values = projectValuesSchema.parse({
      ...before?.values,
      title: 'Half-written title',
      countries: [{ country: 'TJ' }, { country: 'KZ' }],
      sectors: [{ sector: '25010' }],
      locations: [{ name: `Dushanbe${NUL}`, country: 'TJ', precision: 'admin1', admin1Code: 'TJ.DU' }],
    });
    const failure = await updateProject(database.db, 'user-2', { id: projectId, version: 1, values }).catch(
      (error: unknown) => error,
    );
    // PostgreSQL refuses the NUL as a data exception (SQLSTATE class 22), which the API reports as bad input.
    expect(sqlStateOf(failure)).toMatch(/^22/);
    expect(await projectForEdit(database.db, projectId)).toEqual(before);
    expect(await counts()).toEqual(tables);
    const [row] = await database.db.select().from(projects).where(eq(projects.id, projectId));
    expect(row).toMatchObject({ version: 1, title: 'Stored project', updatedBy: 'user-1' });
  });

  it('create: nothing of the new project stays, no child rows, no audit entry', async () => {
    const tables = await counts();
    const failure = await createProject(
      database.db,
      'user-2',
      projectValuesSchema.parse({
        title: 'Never stored',
        countries: [{ country: 'AZ' }],
        locations: [{ name: `Baku${NUL}`, country: 'AZ', precision: 'country' }],
        sources: [{ sourceId: source }],
      }),
    ).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(Error);
    expect(await counts()).toEqual(tables);
    expect(await database.db.select().from(projects).where(eq(projects.title, 'Never stored'))).toEqual([]);
  });

  it('a participant naming an organisation that does not exist: refused on its field, nothing written', async () => {
    const before = await projectForEdit(database.db, projectId);
    const tables = await counts();
    const values = projectValuesSchema.parse({
      ...before?.values,
      title: 'With a ghost participant',
      participants: [{ organizationId: '00000000-0000-4000-8000-000000000000', role: 1 }],
    });
    const failure = await updateProject(database.db, 'user-2', { id: projectId, version: 1, values }).catch(
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(QueryInputError);
    expect(failure).toMatchObject({ field: 'values.participants.0.organizationId' });
    expect(await projectForEdit(database.db, projectId)).toEqual(before);
    expect(await counts()).toEqual(tables);
  });

  it('funding: the row was inserted when a source quote is refused → no funding row, no audit entry', async () => {
    const tables = await counts();
    const failure = await createFunding(database.db, 'user-2', {
      projectId,
      flow: 'commitment',
      amount: '1234567890.12',
      currency: 'USD',
      priceBasis: 'nominal',
      estimated: false,
      sources: [{ sourceId: source, quote: `quote${NUL}` }],
    }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(Error);
    expect(await counts()).toEqual(tables);
    const [row] = await database.db.select().from(projects).where(eq(projects.id, projectId));
    expect(row?.version).toBe(1);
  });

  it('leaves the stored sources alone too', async () => {
    const [row] = await database.db.select().from(sources).where(eq(sources.id, source));
    expect(row).toMatchObject({ version: 1, deletedAt: null });
  });
});
