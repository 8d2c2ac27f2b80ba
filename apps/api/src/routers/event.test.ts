import type { EventListInput } from '@srt/shared/event';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventKey } from '../test/fixtures.ts';
import { createTestApi, expectBadRequest, expectNotFound, type TestApi } from '../test/harness.ts';

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi();
});
afterAll(() => api.database.close());

/** Event keys in the order the list returns them. */
async function keysOf(input: EventListInput) {
  const result = await api.caller.event.list({ limit: 200, ...input });
  expect(result.total).toBe(result.rows.length);
  const byId = new Map(Object.entries(api.fixtures.event).map(([k, id]) => [id, k]));
  return result.rows.map((r) => byId.get(r.id));
}

const NEWEST_FIRST: EventKey[] = ['visit', 'signing', 'orphanMilestone', 'fair', 'forum', 'launch'];

describe('event.list', () => {
  it('lists live events, newest first', async () => {
    expect(await keysOf({})).toEqual(NEWEST_FIRST);
    expect(await keysOf({ direction: 'asc' })).toEqual([...NEWEST_FIRST].reverse());
  });

  it('filters by each field', async () => {
    expect(await keysOf({ types: ['forum', 'visit'] })).toEqual(['visit', 'forum']);
    expect(await keysOf({ countries: ['CN'] })).toEqual(['fair', 'forum']);
    expect(await keysOf({ dateFrom: '2018-04-21' })).toEqual(['visit', 'signing', 'orphanMilestone', 'fair']);
    expect(await keysOf({ dateTo: '2018-04-20' })).toEqual(['forum', 'launch']);
    expect(await keysOf({ dateFrom: '2018-04-20', dateTo: '2018-04-21' })).toEqual(['fair', 'forum']);
    expect(await keysOf({ projectId: api.fixtures.project.silkRoad })).toEqual(['forum']);
    expect(await keysOf({ projectFilter: { countries: ['TJ'] } })).toEqual(['visit', 'forum', 'launch']);
    expect(await keysOf({ projectFilter: { initiatives: ['unido'], initiativeBasis: 'assessed' } })).toEqual([
      'visit',
    ]);
    // A filter that sets nothing restricts nothing.
    expect(await keysOf({ projectFilter: {} })).toEqual(NEWEST_FIRST);
  });

  it('combines filters', async () => {
    expect(
      await keysOf({
        types: ['forum', 'launch', 'signing'],
        dateFrom: '2017-01-01',
        projectFilter: { initiatives: ['bri'], initiativeBasis: 'official' },
      }),
    ).toEqual(['forum']);
    expect(await keysOf({ countries: ['UZ'], projectFilter: { countries: ['UZ'] } })).toEqual(['launch']);
  });

  it('searches titles and places in Latin, Cyrillic and with diacritics', async () => {
    expect(await keysOf({ q: 'Gəncə' })).toEqual(['signing']);
    expect(await keysOf({ q: 'gence park' })).toEqual(['signing']);
    expect(await keysOf({ q: 'визит' })).toEqual(['visit']);
    expect(await keysOf({ q: 'ДУШАНБЕ' })).toEqual(['visit']);
    expect(await keysOf({ q: 'shanghai' })).toEqual(['fair', 'forum']);
    expect(await keysOf({ q: 'deleted meeting' })).toEqual([]);
  });

  it('carries the row fields and counts live linked projects', async () => {
    const { rows } = await api.caller.event.list({ types: ['forum', 'launch'] });
    expect(rows[0]).toMatchObject({
      type: 'forum',
      date: '2018-04-20',
      datePrecision: 'day',
      placeName: 'Shanghai',
      country: 'CN',
      lat: 31.23,
      projectCount: 1,
    });
    expect(rows[1]).toMatchObject({
      type: 'launch',
      datePrecision: 'month',
      projectCount: 1,
      placeName: null,
    });
  });

  for (const direction of ['asc', 'desc'] as const) {
    it(`pages without duplicate or gap (${direction})`, async () => {
      const whole = await api.caller.event.list({ direction, limit: 200 });
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: Awaited<ReturnType<typeof api.caller.event.list>> = await api.caller.event.list({
          direction,
          limit: 2,
          cursor,
        });
        expect(page.total).toBe(whole.total);
        seen.push(...page.rows.map((r) => r.id));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen).toEqual(whole.rows.map((r) => r.id));
    });
  }
});

describe('event.byId', () => {
  it('returns the event with its projects, organisations, funding and sources', async () => {
    const { fixtures } = api;
    const event = await api.caller.event.byId({ id: fixtures.event.forum });
    expect(event).toMatchObject({
      id: fixtures.event.forum,
      type: 'forum',
      title: 'Belt and Road forum on UNIDO’s anniversary',
      date: '2018-04-20',
      version: 1,
      description: null,
    });
    // The deleted project linked to the forum, and its pledge, stay hidden.
    expect(event.projects).toEqual([
      {
        id: fixtures.project.silkRoad,
        title: expect.stringContaining('New Silk Road'),
        status: 2,
        startYear: 2018,
        endYear: 2022,
      },
    ]);
    expect(event.organizations.map((o) => [o.id, o.role])).toEqual([
      [fixtures.org.chinaGov, 'host'],
      [fixtures.org.unido, 'co-organiser'],
    ]);
    expect(event.funding).toEqual([
      expect.objectContaining({
        id: fixtures.funding.forumPledge,
        projectId: fixtures.project.silkRoad,
        flow: 'pledge',
        amount: '2000000.00',
        currency: 'USD',
        priceBasis: 'nominal',
        amountUsd: '2000000.00',
        funderName: 'Government of the Peopleʼs Republic of China',
        recipientName: 'United Nations Industrial Development Organization',
      }),
    ]);
    expect(event.sources).toEqual([
      expect.objectContaining({ id: fixtures.source.unidoNews, quote: 'Belt and Road forum' }),
    ]);
  });

  it('keeps the original-language title', async () => {
    const visit = await api.caller.event.byId({ id: api.fixtures.event.visit });
    expect(visit).toMatchObject({ titleOriginal: 'Визит министра в Душанбе', titleLanguage: 'ru' });
    expect(visit.funding).toEqual([]);
  });

  it('is NOT_FOUND for an unknown or a deleted event', async () => {
    await expectNotFound(api.caller.event.byId({ id: '00000000-0000-4000-8000-000000000000' }));
    await expectNotFound(api.caller.event.byId({ id: api.fixtures.event.deletedEvent }));
  });
});

describe('event bad input', () => {
  const list = (input: unknown) => api.caller.event.list(input as EventListInput);
  it('names the field', async () => {
    await expectBadRequest(list({ types: ['party'] }), 'types.0');
    await expectBadRequest(list({ countries: ['XX'] }), 'countries.0');
    await expectBadRequest(list({ dateFrom: '2018-02-30' }), 'dateFrom');
    await expectBadRequest(list({ dateFrom: 20180101 }), 'dateFrom');
    await expectBadRequest(list({ dateFrom: '2019-01-01', dateTo: '2018-01-01' }), 'dateTo');
    await expectBadRequest(list({ q: 'q'.repeat(10_000) }), 'q');
    await expectBadRequest(list({ limit: 10_000 }), 'limit');
    await expectBadRequest(list({ projectId: 'x' }), 'projectId');
    await expectBadRequest(list({ projectFilter: { countries: ['XX'] } }), 'projectFilter.countries.0');
    await expectBadRequest(list({ direction: 'up' }), 'direction');
    await expectBadRequest(list({ cursor: 'garbage' }), 'cursor');
    const forged = Buffer.from(JSON.stringify(['2018-02-30', api.fixtures.event.forum])).toString(
      'base64url',
    );
    await expectBadRequest(list({ cursor: forged }), 'cursor');
    await expectBadRequest(api.caller.event.byId({ id: 'not-a-uuid' }), 'id');
  });
});
