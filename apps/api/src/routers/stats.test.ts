import { type ProjectFilter, projectFilterSchema } from '@srt/shared/filter';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromCents, matchesFilter, sumDecimals, toCents } from '../test/fixtures.ts';
import { createTestApi, expectBadRequest, type TestApi } from '../test/harness.ts';

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi();
});
afterAll(() => api.database.close());

type Summary = Awaited<ReturnType<TestApi['caller']['stats']['summary']>>;
type Amount = Summary['totals'][number];

const LIST_FLOWS = {
  pledge: 'pledgedUsd',
  commitment: 'committedUsd',
  disbursement: 'disbursedUsd',
  expenditure: 'expenditureUsd',
} as const;

/** Every row of project.list for the filter, walking the pages. */
async function allListRows(filter: ProjectFilter) {
  const rows = [];
  let cursor: string | null = null;
  do {
    const page: Awaited<ReturnType<TestApi['caller']['project']['list']>> = await api.caller.project.list({
      filter,
      limit: 5,
      cursor,
      sort: 'updatedAt',
    });
    rows.push(...page.rows);
    cursor = page.nextCursor;
  } while (cursor);
  return rows;
}

const sumOfFlow = (amounts: Amount[], flow: string) =>
  sumDecimals(amounts.filter((a) => a.flow === flow).map((a) => a.usd));

const key = (a: Amount) => `${a.flow}/${a.priceBasis}`;

/** Per flow and price basis, from the fixture specs: the oracle for the totals. */
function expectedTotals(filter: ProjectFilter) {
  const parsed = projectFilterSchema.parse(filter);
  const sums = new Map<string, { usd: (string | undefined)[]; rows: number; withoutUsd: number }>();
  for (const p of api.fixtures.projects.filter((p) => matchesFilter(p, parsed, api.fixtures.org))) {
    for (const f of p.funding.filter((f) => !f.deleted)) {
      const k = `${f.flow}/${f.priceBasis ?? 'nominal'}`;
      const entry = sums.get(k) ?? { usd: [], rows: 0, withoutUsd: 0 };
      entry.usd.push(f.amountUsd);
      entry.rows++;
      if (f.amountUsd === undefined) entry.withoutUsd++;
      sums.set(k, entry);
    }
  }
  return Object.fromEntries(
    [...sums].map(([k, v]) => [k, { usd: sumDecimals(v.usd), rows: v.rows, rowsWithoutUsd: v.withoutUsd }]),
  );
}

const FILTERS: [string, ProjectFilter][] = [
  ['no filter', {}],
  ['one country', { countries: ['UZ'] }],
  ['an initiative', { initiatives: ['bri'] }],
  ['a year range', { yearFrom: 2012, yearTo: 2018 }],
  ['an empty list and statuses', { funders: [], statuses: [1, 2, 4] }],
  ['text', { q: 'filler' }],
];

describe('stats.summary totals', () => {
  for (const [name, filter] of FILTERS) {
    it(`equal the sums over every page of project.list (${name})`, async () => {
      const summary = await api.caller.stats.summary(filter);
      const rows = await allListRows(filter);
      expect(summary.counts.projects).toBe(rows.length);
      for (const [flow, field] of Object.entries(LIST_FLOWS)) {
        expect(sumOfFlow(summary.totals, flow), flow).toBe(sumDecimals(rows.map((r) => r[field])));
      }
    });

    it(`match the fixture data per flow and price basis (${name})`, async () => {
      const summary = await api.caller.stats.summary(filter);
      const actual = Object.fromEntries(
        summary.totals.map((t) => [key(t), { usd: t.usd, rows: t.rows, rowsWithoutUsd: t.rowsWithoutUsd }]),
      );
      expect(actual).toEqual(expectedTotals(filter));
    });
  }

  it('never adds flows or price bases together', async () => {
    const { totals } = await api.caller.stats.summary({});
    expect(new Set(totals.map(key)).size).toBe(totals.length);
    const commitments = totals.filter((t) => t.flow === 'commitment').map((t) => t.priceBasis);
    expect(commitments.sort()).toEqual(['constant-2021', 'nominal']);
    expect(totals.find((t) => t.flow === 'incoming_funds')).toMatchObject({ usd: '100.00', rows: 1 });
    // An amount without a known rate is counted, not guessed.
    expect(totals.find((t) => t.flow === 'expenditure')).toEqual({
      flow: 'expenditure',
      priceBasis: 'nominal',
      usd: null,
      rows: 1,
      rowsWithoutUsd: 1,
    });
  });

  it('leaves deleted projects and deleted funding rows out', async () => {
    const { totals } = await api.caller.stats.summary({});
    const pledge = totals.find((t) => key(t) === 'pledge/nominal');
    // silkRoad 2 000 000 + solar 800 000.27; the deleted project's 123 456 789 is not there.
    expect(pledge?.usd).toBe('2800000.27');
    const disbursed = sumOfFlow(totals, 'disbursement');
    expect(disbursed).not.toContain('999.99');
  });
});

describe('stats.summary counts', () => {
  it('counts projects, their funding rows and their events', async () => {
    const all = await api.caller.stats.summary({});
    expect(all.counts.projects).toBe(api.fixtures.projects.length - 1);
    // With no filter: every live event, linked to a project or not.
    expect(all.counts.events).toBe(6);
    expect(all.counts.fundingRows).toBe(
      api.fixtures.projects.filter((p) => !p.deleted).flatMap((p) => p.funding.filter((f) => !f.deleted))
        .length,
    );

    const uz = await api.caller.stats.summary({ countries: ['UZ'] });
    // forum (silkRoad) and launch (railway); not the milestone of the deleted project.
    expect(uz.counts.events).toBe(2);
    const events = await api.caller.event.list({ projectFilter: { countries: ['UZ'] }, limit: 200 });
    expect(events.total).toBe(2);
  });

  it('is empty, not an error, when nothing matches', async () => {
    const none = await api.caller.stats.summary({ q: 'nothing matches this' });
    expect(none).toMatchObject({
      counts: { projects: 0, events: 0, fundingRows: 0 },
      totals: [],
      byCountry: [],
      byYear: [],
      bySector: [],
      byFunder: [],
    });
  });
});

describe('stats.summary breakdowns', () => {
  const find = <T extends Amount>(rows: T[], match: Partial<T>) =>
    rows.filter((r) => Object.entries(match).every(([k, v]) => r[k as keyof T] === v));

  it('names the split rule', async () => {
    expect((await api.caller.stats.summary({})).splitRule).toBe('percentage-else-equal');
  });

  it('splits a project across its countries by percentage, else equally', async () => {
    const { byCountry } = await api.caller.stats.summary({});
    // railway: 100 000 000 disbursed, UZ 70 % / TJ 30 %.
    const railwayOnly = await api.caller.stats.summary({ q: 'andijan' });
    expect(railwayOnly.byCountry.map((r) => [r.country, r.flow, r.usd])).toEqual([
      ['TJ', 'disbursement', '30000000.00'],
      ['TJ', 'expenditure', null],
      ['UZ', 'disbursement', '70000000.00'],
      ['UZ', 'expenditure', null],
    ]);
    // silkRoad's 2 000 000 pledge has no percentages: a quarter each; TJ also has solar's pledge.
    expect(find(byCountry, { country: 'AZ', flow: 'pledge' }).map((r) => r.usd)).toEqual(['500000.00']);
    expect(find(byCountry, { country: 'TJ', flow: 'pledge' }).map((r) => r.usd)).toEqual(['1300000.27']);
  });

  it('splits sectors the same way', async () => {
    const solar = await api.caller.stats.summary({ q: 'dushanbe solar' });
    expect(solar.bySector.filter((r) => r.flow === 'pledge').map((r) => [r.sector, r.usd])).toEqual([
      ['23210', '480000.16'],
      ['23630', '320000.11'],
    ]);
  });

  it('adds up to the totals: exactly by year and funder, to the cent per group by country and sector', async () => {
    for (const [, filter] of FILTERS) {
      const summary = await api.caller.stats.summary(filter);
      for (const total of summary.totals) {
        const groups = (rows: Amount[]) => rows.filter((r) => key(r) === key(total));
        expect(sumDecimals(groups(summary.byYear).map((r) => r.usd))).toBe(total.usd);
        expect(sumDecimals(groups(summary.byFunder).map((r) => r.usd))).toBe(total.usd);
        expect(groups(summary.byYear).reduce((n, r) => n + r.rows, 0)).toBe(total.rows);
        for (const split of [groups(summary.byCountry), groups(summary.bySector)]) {
          const sum = sumDecimals(split.map((r) => r.usd));
          if (total.usd === null) {
            expect(sum).toBeNull();
            continue;
          }
          const gap = toCents(sum ?? '0') - toCents(total.usd);
          expect(gap <= BigInt(split.length) && gap >= -BigInt(split.length), fromCents(gap)).toBe(true);
        }
      }
    }
  });

  it('groups by value year (undated rows under null) and by funder with its name', async () => {
    const { byYear, byFunder } = await api.caller.stats.summary({});
    expect(find(byYear, { year: 2016, flow: 'disbursement' }).map((r) => r.usd)).toEqual(['100000000.00']);
    expect(find(byYear, { year: null, flow: 'commitment' }).map((r) => r.usd)).toEqual(['300000.00']);
    expect(byYear.at(-1)?.year).toBeNull();
    expect(
      find(byFunder, { funderId: api.fixtures.org.chexim, flow: 'commitment', priceBasis: 'nominal' }),
    ).toEqual([
      expect.objectContaining({ funderName: 'Export-Import Bank of China', usd: '1449969.00', rows: 1 }),
    ]);
    expect(find(byFunder, { funderId: null, flow: 'expenditure' })).toEqual([
      expect.objectContaining({ funderName: null, usd: null, rowsWithoutUsd: 1 }),
    ]);
  });
});

describe('stats.summary bad input', () => {
  const summary = (input: unknown) => api.caller.stats.summary(input as ProjectFilter);
  it('names the field', async () => {
    await expectBadRequest(summary({ countries: ['XX'] }), 'countries.0');
    await expectBadRequest(summary({ q: 'q'.repeat(10_000) }), 'q');
    await expectBadRequest(summary({ yearFrom: '2010' }), 'yearFrom');
    await expectBadRequest(summary({ yearFrom: 2020, yearTo: 2019 }), 'yearTo');
    await expectBadRequest(summary({ minQuality: -1 }), 'minQuality');
    await expectBadRequest(summary([]), 'input');
  });
  it('works without input', async () => {
    expect((await api.caller.stats.summary()).counts.projects).toBe(api.fixtures.projects.length - 1);
  });
});
