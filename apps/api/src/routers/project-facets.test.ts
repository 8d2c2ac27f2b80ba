import { sectorCategoryOf } from '@srt/shared/codes';
import { type ProjectFilter, projectFilterSchema } from '@srt/shared/filter';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { matchesFilter, type OrgKey, type ProjectSpec } from '../test/fixtures.ts';
import { createTestApi, expectBadRequest, type TestApi } from '../test/harness.ts';

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi();
});
afterAll(() => api.database.close());

/** The fixture projects the filter selects, computed in JS from the specs. */
const matching = (filter: ProjectFilter) =>
  api.fixtures.projects.filter((p) => matchesFilter(p, projectFilterSchema.parse(filter), api.fixtures.org));

/** Counts per value from the specs, as `{ code, count }` sorted like the API (count desc, then code). */
function tally<K extends string | number>(projects: ProjectSpec[], valuesOf: (p: ProjectSpec) => K[]) {
  const map = new Map<K, number>();
  for (const p of projects) for (const v of new Set(valuesOf(p))) map.set(v, (map.get(v) ?? 0) + 1);
  return [...map].map(([code, count]) => ({ code, count }));
}
const byCountThenCode = <K extends string | number>(rows: { code: K; count: number }[]) =>
  [...rows].sort((a, b) => b.count - a.count || String(a.code).localeCompare(String(b.code)));
const byCode = <K extends string | number>(rows: { code: K; count: number }[]) =>
  [...rows].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));

const funderKeys = (p: ProjectSpec): OrgKey[] => [
  ...p.participants.filter((pt) => pt.role === 1).map((pt) => pt.org),
  ...p.funding.flatMap((f) => (!f.deleted && f.funder ? [f.funder] : [])),
];

describe('project.facets', () => {
  const filters: [string, () => ProjectFilter][] = [
    ['no filter', () => ({})],
    ['one country', () => ({ countries: ['TJ'] })],
    ['countries and a year range', () => ({ countries: ['UZ', 'AZ'], yearFrom: 2015 })],
    ['initiative with basis', () => ({ initiatives: ['bri'], initiativeBasis: 'official' })],
    ['sector category and status', () => ({ sectors: ['320'], statuses: [2] })],
    ['funder', () => ({ funders: [api.fixtures.org.chexim] })],
    ['text', () => ({ q: 'industrial' })],
  ];

  for (const [name, filter] of filters) {
    it(`counts each field against the rest of the filter: ${name}`, async () => {
      const f = filter();
      const facets = await api.caller.project.facets(f);
      const rest = (field: keyof ProjectFilter) => {
        const { [field]: _dropped, ...others } = f;
        return matching(others);
      };

      expect(facets.countries).toEqual(
        byCountThenCode(tally(rest('countries'), (p) => p.countries.map((c) => c.country))),
      );
      expect(facets.initiatives).toEqual(
        byCountThenCode(
          tally(rest('initiatives'), (p) =>
            p.initiatives
              .filter((i) => !f.initiativeBasis || i.basis === f.initiativeBasis)
              .map((i) => i.initiative),
          ),
        ),
      );
      expect(facets.initiativeBases).toEqual(
        byCode(
          tally(rest('initiativeBasis'), (p) =>
            p.initiatives
              .filter(
                (i) => !f.initiatives?.length || f.initiatives.includes(i.initiative as 'bri' | 'unido'),
              )
              .map((i) => i.basis),
          ),
        ),
      );
      expect(byCode(facets.sectorCategories)).toEqual(
        byCode(tally(rest('sectors'), (p) => p.sectors.map((s) => sectorCategoryOf(s.sector)))),
      );
      expect(byCode(facets.sectors)).toEqual(
        byCode(tally(rest('sectors'), (p) => p.sectors.map((s) => s.sector))),
      );
      expect(facets.statuses).toEqual(
        byCode(tally(rest('statuses'), (p) => (p.status === undefined ? [] : [p.status]))),
      );
      const funders = tally(rest('funders'), funderKeys).map(({ code, count }) => ({
        id: api.fixtures.org[code],
        count,
      }));
      expect(
        facets.funders.map(({ id, count }) => ({ id, count })).sort((a, b) => a.id.localeCompare(b.id)),
      ).toEqual(funders.sort((a, b) => a.id.localeCompare(b.id)));
    });
  }

  it('is not trivial on the fixtures', async () => {
    const facets = await api.caller.project.facets({ countries: ['TJ'] });
    // The country facet ignores the country filter itself: other countries keep their counts.
    expect(facets.countries.length).toBeGreaterThan(2);
    expect(facets.countries.find((c) => c.code === 'TJ')?.count).toBe(matching({ countries: ['TJ'] }).length);
    // Other fields are narrowed to Tajik projects.
    const statusTotal = facets.statuses.reduce((sum, s) => sum + s.count, 0);
    expect(statusTotal).toBeLessThanOrEqual(matching({ countries: ['TJ'] }).length);
    expect(statusTotal).toBeLessThan(matching({}).length);
  });

  it('names the funders and lists a selected funder even when the rest of the filter excludes it', async () => {
    const all = await api.caller.project.facets({});
    expect(all.funders.find((f) => f.id === api.fixtures.org.chexim)?.name).toBe(
      'Export-Import Bank of China',
    );

    const filter = { funders: [api.fixtures.org.chinaGov], q: 'no project has this text' };
    const facets = await api.caller.project.facets(filter);
    expect(facets.funders).toEqual([{ id: api.fixtures.org.chinaGov, name: expect.any(String), count: 0 }]);
    expect(facets.countries).toEqual([]);
  });

  it('gives the year span of the rest of the filter', async () => {
    const facets = await api.caller.project.facets({ yearFrom: 2019 });
    const years = matching({}).flatMap((p) => {
      const start = p.actualStart ?? p.plannedStart;
      const end = p.actualEnd ?? p.plannedEnd ?? start;
      return [start, end].flatMap((d) => (d ? [Number(d.slice(0, 4))] : []));
    });
    expect(facets.years).toEqual({ min: Math.min(...years), max: Math.max(...years) });
  });

  it('refuses a bad filter as bad input', async () => {
    await expectBadRequest(api.caller.project.facets({ countries: ['XX'] }), 'countries.0');
  });
});
