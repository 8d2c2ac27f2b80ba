import { randomUUID } from 'node:crypto';
import { importRuns, sourceLinks, sources } from '@srt/db/schema';
import type { ProjectFilter } from '@srt/shared/filter';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { matchesFilter } from '../test/fixtures.ts';
import { createTestApi, expectBadRequest, type TestApi } from '../test/harness.ts';

let api: TestApi;
// Two IATI activity files of two publishers, one of them cited twice; a document; a deleted source.
const iati = { a: randomUUID(), b: randomUUID() };
const documentId = randomUUID();
const deletedSource = randomUUID();

beforeAll(async () => {
  api = await createTestApi();
  const { db } = api.database;
  await db.insert(sources).values([
    {
      id: iati.a,
      title: 'IATI activity file a.xml',
      publisher: 'UNIDO',
      kind: 'dataset',
      externalRef: 'iati-file:a.xml',
    },
    {
      id: iati.b,
      title: 'IATI activity file b.xml',
      publisher: 'ADB',
      kind: 'dataset',
      externalRef: 'iati-file:b.xml',
    },
    {
      id: documentId,
      title: 'Project document',
      publisher: 'UNIDO',
      kind: 'document',
      publishedDate: '2021-03-04',
    },
    { id: deletedSource, title: 'Withdrawn', kind: 'news', deletedAt: '2026-02-01 00:00:00+00' },
  ]);
  const { silkRoad, railway, deleted } = api.fixtures.project;
  await db.insert(sourceLinks).values([
    { sourceId: iati.a, projectId: silkRoad },
    { sourceId: iati.b, projectId: railway },
    { sourceId: iati.a, projectId: deleted },
    { sourceId: documentId, projectId: railway },
    { sourceId: deletedSource, projectId: railway },
  ]);
});
afterAll(() => api.database.close());

/** The fixture projects a brief of `country` with `filter` should count. */
const expectedProjects = (country: string, filter: ProjectFilter = {}) =>
  api.fixtures.projects.filter((p) =>
    matchesFilter(p, { ...filter, countries: [country] }, api.fixtures.org),
  );

describe('brief.country', () => {
  it('counts the same projects as stats.summary for the country', async () => {
    for (const country of ['AZ', 'TJ', 'TM', 'UZ'] as const) {
      const brief = await api.caller.brief.country({ country });
      const summary = await api.caller.stats.summary({ countries: [country] });
      expect(brief.country).toBe(country);
      expect(brief.projects, country).toBe(summary.counts.projects);
      expect(brief.projects, country).toBe(expectedProjects(country).length);
    }
  });

  it('applies the URL filter, with the country fixed by the path', async () => {
    const filter: ProjectFilter = { initiatives: ['bri'], countries: ['TJ'] };
    const brief = await api.caller.brief.country({ country: 'AZ', filter });
    const summary = await api.caller.stats.summary({ ...filter, countries: ['AZ'] });
    expect(brief.projects).toBe(summary.counts.projects);
    expect(brief.projects).toBe(expectedProjects('AZ', filter).length);
    const official = await api.caller.brief.country({
      country: 'AZ',
      filter: { initiatives: ['bri'], initiativeBasis: 'official' },
    });
    // Gəncə's BRI label is assessed, not official: only the regional project (which cites the UNIDO news).
    expect(official.projects).toBe(
      expectedProjects('AZ', { initiatives: ['bri'], initiativeBasis: 'official' }).length,
    );
    expect(official.sources.items.map((s) => s.kind)).toEqual(['news']);
    const none = await api.caller.brief.country({ country: 'TM', filter: { q: 'no such project anywhere' } });
    expect(none.projects).toBe(0);
    expect(none.sources).toEqual({ groups: [], items: [], itemTotal: 0 });
    expect(none.asOf.updatedAt).toBeNull();
  });

  it('lists the sources behind the figures: cited by the projects or their funding rows', async () => {
    const uz = await api.caller.brief.country({ country: 'UZ' });
    // The deleted project's AidData citation and the deleted source never show.
    expect(uz.sources.items.map((s) => s.title).sort()).toEqual([
      'UNIDO Director General strengthens partnership with the Belt and Road Initiative',
      'Постановление о строительстве железной дороги',
    ]);
    expect(uz.sources.itemTotal).toBe(2);
    expect(uz.sources.groups).toEqual([
      { group: 'documents', sources: 1, publishers: 1, projects: 1 },
      { group: 'iati-files', sources: 2, publishers: 2, projects: 2 },
    ]);
    const news = uz.sources.items.find((s) => s.kind === 'news');
    expect(news).toMatchObject({ publishedDate: '2018-04-21', language: 'th', projects: 1 });

    // Gəncə cites AidData on the project and on a funding row: one project.
    const az = await api.caller.brief.country({ country: 'AZ' });
    expect(az.sources.items.find((s) => s.title.startsWith('AidData'))?.projects).toBe(1);
    expect(az.sources.groups).toEqual([{ group: 'iati-files', sources: 1, publishers: 1, projects: 1 }]);
  });

  it('says when the data was last changed, the newest source and the last import', async () => {
    const uz = await api.caller.brief.country({ country: 'UZ' });
    expect(uz.asOf.updatedAt).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(uz.asOf.updatedAt && uz.asOf.updatedAt >= '2026-01-03').toBe(true);
    expect(uz.asOf.newestSource).toBe('2021-03-04');
    expect(uz.asOf.lastImport).toBeNull();
    await api.database.db.insert(importRuns).values([
      {
        actor: 'test',
        fileName: 'a.xml',
        fileHash: 'x',
        format: 'iati',
        status: 'succeeded',
        startedAt: '2026-03-01 23:59:00+00',
        finishedAt: '2026-03-02 00:01:00+00',
      },
      {
        actor: 'test',
        fileName: 'b.xml',
        fileHash: 'y',
        format: 'iati',
        status: 'succeeded',
        dryRun: true,
        finishedAt: '2026-04-01 00:00:00+00',
      },
    ]);
    expect((await api.caller.brief.country({ country: 'UZ' })).asOf.lastImport).toBe('2026-03-02');
  });

  it('refuses a country without a brief and a bad filter', async () => {
    await expectBadRequest(api.caller.brief.country({ country: 'KZ' as 'UZ' }), 'country');
    await expectBadRequest(
      api.caller.brief.country({ country: 'UZ', filter: { yearFrom: 2020, yearTo: 2010 } }),
      'filter.yearTo',
    );
  });
});
