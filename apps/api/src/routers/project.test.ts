import { type ProjectFilter, projectFilterSchema } from '@srt/shared/filter';
import { PROJECT_SORTS } from '@srt/shared/project';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  endYearOf,
  matchesFilter,
  type NamedProjectKey,
  PROJECT_SPECS,
  startYearOf,
} from '../test/fixtures.ts';
import { createTestApi, expectBadRequest, expectNotFound, type TestApi } from '../test/harness.ts';

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi();
});
afterAll(() => api.database.close());

const ids = (rows: { id: string }[]) => rows.map((r) => r.id).sort();
/** What the filter should select, computed from the fixture specs (after the schema's normalisation). */
const expectedIds = (filter: ProjectFilter) =>
  api.fixtures.projects
    .filter((p) => matchesFilter(p, projectFilterSchema.parse(filter), api.fixtures.org))
    .map((p) => p.id)
    .sort();

async function listIds(filter: ProjectFilter) {
  const result = await api.caller.project.list({ filter, limit: 200 });
  expect(result.total).toBe(result.rows.length);
  expect(result.nextCursor).toBeNull();
  return ids(result.rows);
}

describe('project.list filters', () => {
  const cases: [string, () => ProjectFilter][] = [
    ['nothing', () => ({})],
    ['countries', () => ({ countries: ['UZ'] })],
    ['several countries', () => ({ countries: ['TM', 'KZ'] })],
    ['lower-case country', () => ({ countries: ['tj'] })],
    ['initiatives', () => ({ initiatives: ['unido'] })],
    ['initiative basis', () => ({ initiativeBasis: 'assessed' })],
    ['initiative and basis', () => ({ initiatives: ['bri'], initiativeBasis: 'official' })],
    ['sector purpose code', () => ({ sectors: ['32130'] })],
    ['sector category', () => ({ sectors: ['321'] })],
    ['statuses', () => ({ statuses: [2, 4] })],
    ['funders (participant or funding row)', () => ({ funders: [api.fixtures.org.chexim] })],
    ['funder only in funding rows', () => ({ funders: [api.fixtures.org.chinaGov] })],
    ['yearFrom', () => ({ yearFrom: 2019 })],
    ['yearTo', () => ({ yearTo: 2012 })],
    ['year range', () => ({ yearFrom: 2016, yearTo: 2016 })],
    ['text', () => ({ q: 'industrial' })],
    ['minQuality', () => ({ minQuality: 67 })],
    ['combined', () => ({ countries: ['AZ', 'UZ'], initiatives: ['bri'], yearFrom: 2015, minQuality: 50 })],
    [
      'combined with funder and sector',
      () => ({ funders: [api.fixtures.org.adb], sectors: ['110', '14020'], statuses: [1, 3, 5] }),
    ],
  ];
  for (const [name, filter] of cases) {
    it(`filters by ${name}`, async () => {
      const expected = expectedIds(filter());
      expect(await listIds(filter())).toEqual(expected);
    });
  }

  it('the cases above are not trivial', () => {
    expect(expectedIds({ countries: ['UZ'] }).length).toBeGreaterThan(2);
    expect(expectedIds({ funders: [api.fixtures.org.chinaGov] })).toEqual([api.fixtures.project.silkRoad]);
    expect(expectedIds({ yearFrom: 2016, yearTo: 2016 }).length).toBeGreaterThan(1);
    expect(
      expectedIds({ countries: ['AZ', 'UZ'], initiatives: ['bri'], yearFrom: 2015, minQuality: 50 }),
    ).toContain(api.fixtures.project.railway);
  });

  it('never returns soft-deleted projects', async () => {
    const all = await listIds({});
    expect(all).not.toContain(api.fixtures.project.deleted);
    expect(all).toHaveLength(PROJECT_SPECS.length - 1);
    expect(await listIds({ q: 'Deleted Uzbek' })).toEqual([]);
  });

  it('filters a multi-country project by any of its countries', async () => {
    for (const country of ['AZ', 'TJ', 'TM', 'UZ']) {
      expect(await listIds({ countries: [country] })).toContain(api.fixtures.project.silkRoad);
    }
  });

  it('a year range selects projects whose span overlaps it', async () => {
    const railway = PROJECT_SPECS.find((p) => p.key === 'railway');
    expect(railway && [startYearOf(railway), endYearOf(railway)]).toEqual([2015, 2017]);
    expect(await listIds({ yearFrom: 2016, yearTo: 2016 })).toContain(api.fixtures.project.railway);
  });
});

describe('project.list text search', () => {
  const find = (q: string) => listIds({ q });

  it('matches Latin text with diacritics, typed with or without them', async () => {
    const ganca = [api.fixtures.project.ganca];
    expect(await find('Gəncə')).toEqual(ganca);
    expect(await find('gence')).toEqual(ganca);
    expect(await find('GƏNCƏ SƏNAYE')).toEqual(ganca);
    expect(await find('şəmkir')).toEqual(ganca);
    expect(await find('Turkmenistan gas')).toEqual([api.fixtures.project.pipeline]);
  });

  it('matches Cyrillic substrings in any case', async () => {
    const railway = [api.fixtures.project.railway];
    expect(await find('ташкент')).toEqual(railway);
    expect(await find('ЖЕЛЕЗНОЙ ДОРОГ')).toEqual(railway);
  });

  it('matches Thai substrings (no spaces between words)', async () => {
    expect(await find('อุตสาหกรรม')).toEqual([api.fixtures.project.silkRoad]);
    expect(await find('เส้นทางสายไหม')).toEqual([api.fixtures.project.silkRoad]);
  });

  it('matches the IATI identifier, and LIKE wildcards only literally', async () => {
    expect(await find('sap-170123')).toEqual([api.fixtures.project.silkRoad]);
    expect(await find('%')).toEqual([]);
    expect(await find('_')).toEqual([]);
    expect(await find('no such project')).toEqual([]);
  });
});

describe('project.list rows', () => {
  const rowOf = async (key: NamedProjectKey) => {
    const result = await api.caller.project.list({ filter: {}, limit: 200 });
    const row = result.rows.find((r) => r.id === api.fixtures.project[key]);
    if (!row) throw new Error(`no row for ${key}`);
    return row;
  };

  it('carries codes, initiatives and per-flow USD sums as decimal strings', async () => {
    const row = await rowOf('silkRoad');
    expect(row).toMatchObject({
      title: 'Fostering inclusive and sustainable industrial development in the New Silk Road Economic Belt',
      titleLanguage: 'th',
      iatiIdentifier: 'XM-DAC-41123-SAP-170123',
      status: 2,
      startYear: 2018,
      endYear: 2022,
      countries: ['AZ', 'TJ', 'TM', 'UZ'],
      sectors: ['25010', '32120'],
      initiatives: [
        { initiative: 'bri', basis: 'official' },
        { initiative: 'unido', basis: 'official' },
      ],
      qualityScore: 83,
      pledgedUsd: '2000000.00',
      committedUsd: '1500000.50',
      // The deleted 999.99 disbursement is not in the sum.
      disbursedUsd: '500000.00',
      expenditureUsd: null,
      priceBases: ['nominal'],
    });
  });

  it('flags sums that mix price bases', async () => {
    const row = await rowOf('ganca');
    expect(row.committedUsd).toBe('3449969.00');
    expect(row.priceBases).toEqual(['constant-2021', 'nominal']);
  });

  it('leaves amounts without a USD value out of the sums, and incoming flows out of the row', async () => {
    expect(await rowOf('railway')).toMatchObject({ disbursedUsd: '100000000.00', expenditureUsd: null });
    expect(await rowOf('solar')).toMatchObject({ pledgedUsd: '800000.27', committedUsd: null });
    expect(await rowOf('pipeline')).toMatchObject({ status: null, startYear: null, priceBases: ['nominal'] });
  });
});

describe('project.list pagination', () => {
  async function walk(
    sort: (typeof PROJECT_SORTS)[number],
    direction: 'asc' | 'desc',
    filter: ProjectFilter = {},
  ) {
    const seen: Awaited<ReturnType<typeof api.caller.project.list>>['rows'] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: Awaited<ReturnType<typeof api.caller.project.list>> = await api.caller.project.list({
        filter,
        sort,
        direction,
        limit: 5,
        cursor,
      });
      expect(page.rows.length).toBeLessThanOrEqual(5);
      seen.push(...page.rows);
      cursor = page.nextCursor;
      pages++;
      expect(pages).toBeLessThan(20);
    } while (cursor);
    return { rows: seen, pages };
  }

  for (const sort of PROJECT_SORTS) {
    for (const direction of ['asc', 'desc'] as const) {
      it(`pages through every project once, by ${sort} ${direction}`, async () => {
        const whole = await api.caller.project.list({ filter: {}, sort, direction, limit: 200 });
        const { rows, pages } = await walk(sort, direction);
        expect(whole.total).toBe(PROJECT_SPECS.length - 1);
        expect(pages).toBe(Math.ceil(whole.total / 5));
        // No duplicate, no gap, and the same order as one big page.
        expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
        expect(rows.map((r) => r.id)).toEqual(whole.rows.map((r) => r.id));
      });
    }
  }

  it('orders by committed or disbursed USD, projects without any last in both directions', async () => {
    for (const [sort, field] of [
      ['committed', 'committedUsd'],
      ['disbursed', 'disbursedUsd'],
    ] as const) {
      for (const direction of ['asc', 'desc'] as const) {
        const { rows } = await walk(sort, direction);
        const amounts = rows.map((r) => r[field]);
        const known = amounts.filter((a): a is string => a !== null).map(Number);
        expect(known.length).toBeGreaterThan(1);
        // Every project with an amount comes before every project without one.
        expect(amounts.slice(0, known.length).every((a) => a !== null)).toBe(true);
        const sorted = [...known].sort((a, b) => (direction === 'asc' ? a - b : b - a));
        expect(known).toEqual(sorted);
      }
    }
  });

  it('orders by the sort key, then by id; missing start years last in both directions', async () => {
    for (const direction of ['asc', 'desc'] as const) {
      const { rows } = await walk('startYear', direction);
      const full = await api.caller.project.list({ filter: {}, sort: 'startYear', direction, limit: 200 });
      const years = full.rows.map((r) => r.startYear);
      const dated = years.filter((y): y is number => y !== null);
      expect(years.slice(dated.length).every((y) => y === null)).toBe(true);
      const sorted = [...dated].sort((a, b) => (direction === 'asc' ? a - b : b - a));
      expect(dated).toEqual(sorted);
      expect(rows).toHaveLength(full.total);
    }
    const byQuality = await api.caller.project.list({
      filter: {},
      sort: 'quality',
      direction: 'desc',
      limit: 200,
    });
    for (let i = 1; i < byQuality.rows.length; i++) {
      const [a, b] = [byQuality.rows[i - 1], byQuality.rows[i]];
      if (!a || !b) continue;
      expect(a.qualityScore > b.qualityScore || (a.qualityScore === b.qualityScore && a.id > b.id)).toBe(
        true,
      );
    }
  });

  it('pages through a filtered set with the total of the filter', async () => {
    const filter: ProjectFilter = { countries: ['UZ', 'TJ'] };
    const { rows } = await walk('title', 'asc', filter);
    expect(ids(rows)).toEqual(expectedIds(filter));
    const first = await api.caller.project.list({ filter, limit: 2 });
    expect(first.total).toBe(expectedIds(filter).length);
    expect(first.rows).toHaveLength(2);
  });

  it('works without any input (defaults)', async () => {
    const result = await api.caller.project.list();
    expect(result.total).toBe(PROJECT_SPECS.length - 1);
  });
});

describe('project.byId', () => {
  it('returns everything about a project', async () => {
    const { fixtures } = api;
    const p = await api.caller.project.byId({ id: fixtures.project.silkRoad });
    expect(p).toMatchObject({
      id: fixtures.project.silkRoad,
      titleOriginal: expect.stringContaining('อุตสาหกรรม'),
      plannedStart: '2018-04-20',
      plannedEnd: '2022-12-31',
      actualStart: null,
      startYear: 2018,
      version: 1,
    });
    expect(p.countries).toEqual(['AZ', 'TJ', 'TM', 'UZ'].map((country) => ({ country, percentage: null })));
    expect(p.sectors.map((s) => s.sector)).toEqual(['25010', '32120']);
    expect(p.initiatives).toEqual([
      {
        initiative: 'bri',
        basis: 'official',
        note: 'Named a Belt and Road project',
        sourceId: fixtures.source.unidoNews,
        sourceTitle: expect.stringContaining('UNIDO Director General'),
        sourceUrl: 'https://www.unido.org/news/example',
      },
      expect.objectContaining({
        initiative: 'unido',
        basis: 'official',
        sourceId: fixtures.source.unidoNews,
      }),
    ]);
    expect(p.participants).toEqual([
      expect.objectContaining({ organizationId: fixtures.org.chinaGov, role: 1, type: 10, country: 'CN' }),
      expect.objectContaining({ organizationId: fixtures.org.unido, role: 4, acronym: 'UNIDO' }),
    ]);
    expect(p.locations).toHaveLength(3);
    expect(p.locations).toContainEqual(
      expect.objectContaining({
        name: 'Tashkent',
        precision: 'exact',
        admin1Code: 'UZ.TK',
        lat: 41.31,
        lon: 69.28,
      }),
    );
    // Funding: every column, live rows only, with the names of funder and recipient.
    expect(p.funding).toHaveLength(3);
    expect(p.funding[0]).toEqual({
      id: fixtures.funding.forumPledge,
      flow: 'pledge',
      amount: '2000000.00',
      currency: 'USD',
      priceBasis: 'nominal',
      valueDate: '2018-04-20',
      amountUsd: '2000000.00',
      usdRate: '1.0000000000',
      rateSource: 'identity',
      instrument: 'grant',
      estimated: false,
      eventId: fixtures.event.forum,
      funderOrgId: fixtures.org.chinaGov,
      funderName: 'Government of the Peopleʼs Republic of China',
      recipientOrgId: fixtures.org.unido,
      recipientName: 'United Nations Industrial Development Organization',
      externalRef: null,
      version: 1,
    });
    expect(p.funding.find((f) => f.flow === 'disbursement')?.estimated).toBe(true);
    // Events: live ones only.
    expect(p.events.map((e) => e.id)).toEqual([fixtures.event.forum]);
    expect(p.sources).toEqual([
      expect.objectContaining({
        id: fixtures.source.unidoNews,
        kind: 'news',
        quote: 'ส่งเสริมการพัฒนาอุตสาหกรรม',
      }),
    ]);
    // Every check passes but the location one counts only precise, trusted locations — which it has.
    expect(p.quality).toEqual({ score: 100, missing: [] });
  });

  it('computes quality from the record and names what is missing', async () => {
    const p = await api.caller.project.byId({ id: api.fixtures.project.pipeline });
    expect(p.quality.missing).toEqual(['source', 'status', 'dates', 'location', 'funding']);
    expect(p.quality.score).toBe(17);
    expect(p.events).toEqual([]);
    expect(p.countries).toEqual([{ country: 'TM', percentage: null }]);
  });

  it('gives percentages as numbers', async () => {
    const p = await api.caller.project.byId({ id: api.fixtures.project.railway });
    expect(p.countries).toEqual([
      { country: 'TJ', percentage: 30 },
      { country: 'UZ', percentage: 70 },
    ]);
    expect(p.funding.find((f) => f.currency === 'UZS')).toMatchObject({ amountUsd: null, usdRate: null });
  });

  it('is NOT_FOUND for an unknown or a deleted project', async () => {
    await expectNotFound(api.caller.project.byId({ id: '00000000-0000-4000-8000-000000000000' }));
    await expectNotFound(api.caller.project.byId({ id: api.fixtures.project.deleted }));
  });
});

describe('project bad input', () => {
  const list = (input: unknown) =>
    api.caller.project.list(input as Parameters<typeof api.caller.project.list>[0]);

  it('names the field for each kind of bad value', async () => {
    await expectBadRequest(list({ filter: { countries: ['XX'] } }), 'filter.countries.0');
    await expectBadRequest(list({ limit: 10_000 }), 'limit');
    await expectBadRequest(list({ limit: 0 }), 'limit');
    await expectBadRequest(list({ filter: { q: 'x'.repeat(10_000) } }), 'filter.q');
    await expectBadRequest(list({ filter: { countries: 'UZ' } }), 'filter.countries');
    await expectBadRequest(list({ limit: '5' }), 'limit');
    await expectBadRequest(list({ sort: 'budget' }), 'sort');
    await expectBadRequest(list({ filter: { statuses: [9] } }), 'filter.statuses.0');
    await expectBadRequest(list({ filter: { sectors: ['00000'] } }), 'filter.sectors.0');
    await expectBadRequest(list({ filter: { sectors: ['32120', 'abc'] } }), 'filter.sectors.1');
    await expectBadRequest(list({ filter: { funders: ['not-a-uuid'] } }), 'filter.funders.0');
    await expectBadRequest(list({ filter: { yearFrom: 2020, yearTo: 2010 } }), 'filter.yearTo');
    await expectBadRequest(list({ filter: { minQuality: 101 } }), 'filter.minQuality');
    await expectBadRequest(list('not an object'), 'input');
    await expectBadRequest(api.caller.project.byId({ id: 'abc' }), 'id');
    await expectBadRequest(api.caller.project.byId({} as { id: string }), 'id');
  });

  it('rejects malformed and foreign cursors', async () => {
    const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const id = api.fixtures.project.ganca;
    for (const cursor of [
      'garbage',
      '!!!',
      b64({ a: 1 }),
      b64(['x']),
      b64(['x', 'not-a-uuid']),
      b64([1, id]), // a number where the title sort needs text
      b64(['x', id, 3]),
      'x'.repeat(501),
    ]) {
      await expectBadRequest(list({ sort: 'title', cursor }), 'cursor');
    }
    await expectBadRequest(list({ sort: 'quality', cursor: b64(['high', id]) }), 'cursor');
    await expectBadRequest(list({ sort: 'startYear', cursor: b64([1.5, id]) }), 'cursor');
    await expectBadRequest(list({ sort: 'updatedAt', cursor: b64(['yesterday', id]) }), 'cursor');
    await expectBadRequest(
      list({ sort: 'updatedAt', cursor: b64(['2026-13-45 10:00:00+00', id]) }),
      'cursor',
    );
  });

  it('answers a text the database cannot store with a 400, not a crash', async () => {
    await expectBadRequest(list({ filter: { q: 'a\u0000b' } }), 'input');
  });
});
