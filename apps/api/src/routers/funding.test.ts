import type { ProjectFilter } from '@srt/shared/filter';
import { projectFilterSchema } from '@srt/shared/filter';
import type { FundingListInput } from '@srt/shared/funding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { matchesFilter } from '../test/fixtures.ts';
import { createTestApi, expectBadRequest, type TestApi } from '../test/harness.ts';

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi();
});
afterAll(() => api.database.close());

/** The live funding rows of the projects the filter selects, from the fixture specs. */
function expected(filter: ProjectFilter, flows?: string[], projectId?: string) {
  const parsed = projectFilterSchema.parse(filter);
  return api.fixtures.projects
    .filter((p) => matchesFilter(p, parsed, api.fixtures.org) && (!projectId || p.id === projectId))
    .flatMap((p) => p.funding.filter((f) => !f.deleted && (!flows || flows.includes(f.flow))))
    .map((f) => `${f.flow} ${f.amount} ${f.currency}`)
    .sort();
}

async function list(input: FundingListInput) {
  const result = await api.caller.funding.list({ limit: 200, ...input });
  expect(result.total).toBe(result.rows.length);
  return result;
}
const described = (rows: { flow: string; amount: string; currency: string }[]) =>
  rows.map((r) => `${r.flow} ${r.amount} ${r.currency}`).sort();

describe('funding.list', () => {
  it('lists the live rows of live projects, newest value date first, undated last', async () => {
    const { rows } = await list({});
    expect(described(rows)).toEqual(expected({}));
    const dates = rows.map((r) => r.valueDate);
    const dated = dates.filter((d): d is string => d !== null);
    expect(dated).toEqual([...dated].sort().reverse());
    expect(dates.slice(dated.length).every((d) => d === null)).toBe(true);
    expect(rows.some((r) => r.amount === '999.99' || r.amount === '123456789.00')).toBe(false);
  });

  it('filters by the shared project filter, project and flows', async () => {
    const { fixtures } = api;
    for (const filter of [
      { countries: ['AZ'] },
      { initiatives: ['bri' as const], initiativeBasis: 'official' as const },
      { funders: [fixtures.org.adb] },
      { yearFrom: 2019, yearTo: 2020 },
      { q: 'tashkent' },
    ]) {
      expect(described((await list({ filter })).rows)).toEqual(expected(filter));
    }
    expect(described((await list({ projectId: fixtures.project.ganca })).rows)).toEqual(
      expected({}, undefined, fixtures.project.ganca),
    );
    expect(described((await list({ flows: ['pledge'] })).rows)).toEqual([
      'pledge 2000000.00 USD',
      'pledge 750000.25 EUR',
    ]);
    expect(described((await list({ filter: { initiatives: ['bri'] }, flows: ['commitment'] })).rows)).toEqual(
      expected({ initiatives: ['bri'] }, ['commitment']),
    );
  });

  it('keeps every amount in its currency and price basis beside its USD value', async () => {
    const { rows } = await list({ projectId: api.fixtures.project.ganca });
    expect(rows).toContainEqual(
      expect.objectContaining({
        projectTitle: 'Gəncə Industrial Park',
        flow: 'commitment',
        amount: '10000000.00',
        currency: 'CNY',
        priceBasis: 'nominal',
        amountUsd: '1449969.00',
        usdRate: '6.8967000000',
        rateSource: 'World Bank WDI 2019',
        valueDate: '2019-03-01',
        valueYear: 2019,
        instrument: 'loan',
        funderOrgId: api.fixtures.org.chexim,
        funderName: 'Export-Import Bank of China',
        recipientName: null,
      }),
    );
    expect(rows.map((r) => r.priceBasis).sort()).toEqual(['constant-2021', 'nominal']);
  });

  it('pages without duplicate or gap, also across equal dates', async () => {
    const whole = await list({});
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof api.caller.funding.list>> = await api.caller.funding.list({
        limit: 3,
        cursor,
      });
      seen.push(...page.rows.map((r) => r.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(whole.rows.map((r) => r.id));
  });
});

describe('funding bad input', () => {
  const call = (input: unknown) => api.caller.funding.list(input as FundingListInput);
  it('names the field', async () => {
    await expectBadRequest(call({ flows: ['gift'] }), 'flows.0');
    await expectBadRequest(call({ filter: { countries: ['XX'] } }), 'filter.countries.0');
    await expectBadRequest(call({ filter: { q: 'x'.repeat(10_000) } }), 'filter.q');
    await expectBadRequest(call({ limit: 10_000 }), 'limit');
    await expectBadRequest(call({ projectId: 42 }), 'projectId');
    await expectBadRequest(call({ cursor: 'garbage' }), 'cursor');
    await expectBadRequest(call({ cursor: 12 }), 'cursor');
  });
});
