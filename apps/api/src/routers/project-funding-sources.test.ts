import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../test/harness.ts';

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi();
});
afterAll(() => api.database.close());

describe('project.byId fundingSources', () => {
  it('lists the sources each live funding row cites', async () => {
    const { fixtures } = api;
    const p = await api.caller.project.byId({ id: fixtures.project.silkRoad });
    expect(p.fundingSources).toEqual([
      {
        fundingId: fixtures.funding.forumPledge,
        sourceId: fixtures.source.unidoNews,
        title: 'UNIDO Director General strengthens partnership with the Belt and Road Initiative',
        url: 'https://www.unido.org/news/example',
      },
    ]);
    // Every cited row is one of the project's live rows.
    const live = new Set(p.funding.map((f) => f.id));
    expect(p.fundingSources.every((s) => live.has(s.fundingId))).toBe(true);
  });

  it('is empty for a project whose funding cites nothing', async () => {
    const p = await api.caller.project.byId({ id: api.fixtures.project.solar });
    expect(p.fundingSources).toEqual([]);
  });
});
