/** A form's save of a project the import brought in keeps what the form does not show. */
import { projectValuesSchema } from '@srt/shared/project';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../client.ts';
import { projectSearchText } from '../derived.ts';
import { locations, projects } from '../schema.ts';
import { createTestDatabase } from '../testing.ts';
import { createProject, projectForEdit, updateProject } from './project.ts';
import { createSource } from './source.ts';

let database: Database;
let source = '';
beforeAll(async () => {
  database = await createTestDatabase();
  source = (await createSource(database.db, 'u', { title: 'AidData', kind: 'dataset' })).id;
});
afterAll(() => database.close());

describe('project writes keep the import’s data', () => {
  it('an imported project keeps its external ref (in the search text too) and its raw data', async () => {
    const { id } = await createProject(
      database.db,
      'u',
      projectValuesSchema.parse({ title: 'Dushanbe–Chanak road', sources: [{ sourceId: source }] }),
    );
    await database.db
      .update(projects)
      .set({ externalRef: 'aiddata:39644', raw: { 'Flow Type': 'Loan' } })
      .where(eq(projects.id, id));
    const edit = await projectForEdit(database.db, id);
    if (!edit) throw new Error('no project');
    await updateProject(database.db, 'u', {
      id,
      version: 1,
      values: projectValuesSchema.parse({ ...edit.values, description: 'Rehabilitation of the road' }),
    });
    const [row] = await database.db.select().from(projects).where(eq(projects.id, id));
    expect(row).toMatchObject({ externalRef: 'aiddata:39644', raw: { 'Flow Type': 'Loan' }, version: 2 });
    expect(row?.searchText).toBe(
      projectSearchText({
        title: 'Dushanbe–Chanak road',
        externalRef: 'aiddata:39644',
        description: 'Rehabilitation of the road',
      }),
    );
    expect(row?.searchText).toContain('aiddata:39644');
  });

  it('places locations as the import does: admin-1 region from the point, a point outside its country flagged', async () => {
    const { id } = await createProject(
      database.db,
      'u',
      projectValuesSchema.parse({
        title: 'Located',
        locations: [
          { name: 'Samarkand', country: 'UZ', precision: 'exact', lat: 39.654, lon: 66.975 },
          // Almaty lies in Kazakhstan, not in Uzbekistan.
          { name: 'Almaty', country: 'UZ', precision: 'near', lat: 43.238, lon: 76.946 },
        ],
        sources: [{ sourceId: source }],
      }),
    );
    const rows = await database.db
      .select({ name: locations.name, admin1Code: locations.admin1Code, problem: locations.problem })
      .from(locations)
      .where(eq(locations.projectId, id))
      .orderBy(locations.name);
    expect(rows).toEqual([
      { name: 'Almaty', admin1Code: null, problem: expect.any(String) },
      { name: 'Samarkand', admin1Code: 'UZ.SA', problem: null },
    ]);
  });
});
