import type { ProjectFilter } from '@srt/shared/filter';
import { PROJECT_SORTS } from '@srt/shared/project';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, expectBadRequest, type TestApi } from '../test/harness.ts';

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi();
});
afterAll(() => api.database.close());

type Direction = 'asc' | 'desc';

describe('project.neighbors', () => {
  const cases: [string, ProjectFilter][] = [
    ['no filter', {}],
    ['one country', { countries: ['TJ'] }],
    ['text', { q: 'industrial' }],
  ];
  for (const [name, filter] of cases) {
    for (const sort of PROJECT_SORTS) {
      for (const direction of ['asc', 'desc'] as Direction[]) {
        it(`matches the order of project.list: ${name}, ${sort} ${direction}`, async () => {
          const { rows, total } = await api.caller.project.list({ filter, sort, direction, limit: 200 });
          expect(rows.length).toBe(total);
          expect(total).toBeGreaterThan(0);
          for (const [index, row] of rows.entries()) {
            const around = await api.caller.project.neighbors({ filter, sort, direction, id: row.id });
            const before = rows[index - 1];
            const after = rows[index + 1];
            expect(around).toEqual({
              previous: before ? { id: before.id, title: before.title } : null,
              next: after ? { id: after.id, title: after.title } : null,
              position: index + 1,
              total,
            });
          }
        });
      }
    }
  }

  it('gives no place to a project the filter does not select', async () => {
    const all = await api.caller.project.list({ limit: 200 });
    const tajik = await api.caller.project.list({ filter: { countries: ['TJ'] }, limit: 200 });
    const outside = all.rows.find((r) => !tajik.rows.some((t) => t.id === r.id));
    expect(outside).toBeDefined();
    if (!outside) return;
    const around = await api.caller.project.neighbors({
      filter: { countries: ['TJ'] },
      sort: 'title',
      direction: 'asc',
      id: outside.id,
    });
    expect(around).toEqual({ previous: null, next: null, position: null, total: tajik.total });
  });

  it('gives no place to an unknown or deleted project', async () => {
    for (const id of ['00000000-0000-4000-8000-000000000000', api.fixtures.project.deleted]) {
      const around = await api.caller.project.neighbors({ filter: {}, sort: 'title', direction: 'asc', id });
      expect(around).toMatchObject({ previous: null, next: null, position: null });
    }
  });

  it('rejects a bad id, sort or filter as 400 naming the field', async () => {
    const neighbors = (input: unknown) =>
      api.caller.project.neighbors(input as Parameters<typeof api.caller.project.neighbors>[0]);
    const base = { filter: {}, sort: 'title', direction: 'asc', id: api.fixtures.project.silkRoad };
    await expectBadRequest(neighbors({ ...base, id: 'nope' }), 'id');
    await expectBadRequest(neighbors({ ...base, sort: 'budget' }), 'sort');
    await expectBadRequest(neighbors({ ...base, direction: 'up' }), 'direction');
    await expectBadRequest(neighbors({ ...base, filter: { countries: ['XX'] } }), 'filter.countries.0');
  });
});
