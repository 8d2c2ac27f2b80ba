import type { SourceListInput } from '@srt/shared/source';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SourceKey } from '../test/fixtures.ts';
import { createTestApi, expectBadRequest, type TestApi } from '../test/harness.ts';

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi();
});
afterAll(() => api.database.close());

async function keysOf(input: SourceListInput) {
  const result = await api.caller.source.list({ limit: 200, ...input });
  expect(result.total).toBe(result.rows.length);
  const byId = new Map(Object.entries(api.fixtures.source).map(([k, id]) => [id, k as SourceKey]));
  return result.rows.map((r) => byId.get(r.id));
}

describe('source.list', () => {
  it('lists sources newest first, undated last, with the number of records each backs', async () => {
    expect(await keysOf({})).toEqual(['aiddata', 'unidoNews', 'decree']);
    const { rows } = await api.caller.source.list();
    // aiddata also backs the deleted project, which is not counted.
    expect(rows.map((r) => r.linkCount)).toEqual([2, 4, 2]);
    expect(rows[1]).toMatchObject({
      kind: 'news',
      language: 'th',
      publishedDate: '2018-04-21',
      url: 'https://www.unido.org/news/example',
      publisher: 'UNIDO',
    });
  });

  it('filters by kind, project and text', async () => {
    expect(await keysOf({ kinds: ['news', 'official'] })).toEqual(['unidoNews', 'decree']);
    expect(await keysOf({ projectId: api.fixtures.project.railway })).toEqual(['decree']);
    expect(await keysOf({ q: 'aiddata' })).toEqual(['aiddata']);
    expect(await keysOf({ q: 'ПОСТАНОВЛЕНИЕ' })).toEqual(['decree']);
    expect(await keysOf({ q: 'unido.org/news' })).toEqual(['unidoNews']);
    expect(await keysOf({ q: 'правительство', kinds: ['official'] })).toEqual(['decree']);
    expect(await keysOf({ q: '%' })).toEqual([]);
  });

  it('pages without duplicate or gap, undated sources included', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof api.caller.source.list>> = await api.caller.source.list({
        limit: 1,
        cursor,
      });
      expect(page.total).toBe(3);
      seen.push(...page.rows.map((r) => r.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([
      api.fixtures.source.aiddata,
      api.fixtures.source.unidoNews,
      api.fixtures.source.decree,
    ]);
  });
});

describe('source bad input', () => {
  const call = (input: unknown) => api.caller.source.list(input as SourceListInput);
  it('names the field', async () => {
    await expectBadRequest(call({ kinds: ['blog'] }), 'kinds.0');
    await expectBadRequest(call({ projectId: 'x' }), 'projectId');
    await expectBadRequest(call({ q: 'q'.repeat(10_000) }), 'q');
    await expectBadRequest(call({ limit: 10_000 }), 'limit');
    await expectBadRequest(call({ cursor: 'garbage' }), 'cursor');
  });
});
