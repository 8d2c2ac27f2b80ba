import { locations } from '@srt/db/schema';
import { FOCUS_COUNTRIES } from '@srt/shared/codes';
import type { ProjectFilter } from '@srt/shared/filter';
import { decodePoints } from '@srt/shared/map-points';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, expectBadRequest, type TestApi } from '../test/harness.ts';

let api: TestApi;

// Locations that must never be drawn, added to the fixtures' projects (the fixtures already have a TJ
// point at 10° N 10° E, with no problem recorded: outside its country).
const BAD = [
  {
    name: 'Recorded problem',
    country: 'UZ',
    precision: 'exact',
    lat: 41.3,
    lon: 69.2,
    problem: 'Outside UZ',
  },
  { name: 'Latitude out of range', country: 'UZ', precision: 'exact', lat: 95, lon: 69.2 },
  { name: 'Longitude out of range', country: 'UZ', precision: 'near', lat: 41, lon: 269.2 },
  { name: 'Not a number', country: 'UZ', precision: 'exact', lat: Number.NaN, lon: 69.2 },
  { name: 'No coordinates', country: 'UZ', precision: 'exact' },
  { name: 'Region without code', country: 'UZ', precision: 'admin1' },
  { name: 'Swapped', country: 'UZ', precision: 'exact', lat: 69.28, lon: 41.31 },
] as const;

beforeAll(async () => {
  api = await createTestApi();
  await api.database.db
    .insert(locations)
    .values(BAD.map((l) => ({ ...l, projectId: api.fixtures.project.railway })));
  // A second project at Tashkent's point, and one region-level location in Bukhara.
  await api.database.db.insert(locations).values([
    {
      projectId: api.fixtures.project.railway,
      name: 'Tashkent depot',
      country: 'UZ',
      precision: 'exact',
      lat: 41.31,
      lon: 69.28,
      admin1Code: 'UZ.TK',
    },
    {
      projectId: api.fixtures.project.railway,
      name: 'Bukhara',
      country: 'UZ',
      precision: 'admin1',
      admin1Code: 'UZ.BU',
    },
  ]);
});
afterAll(() => api.database.close());

type Summary = Awaited<ReturnType<TestApi['caller']['map']['summary']>>;
const country = (summary: Summary, code: string) => summary.countries.find((c) => c.country === code);
const region = (summary: Summary, code: string) => summary.regions.find((r) => r.region === code);

const FILTERS: [string, ProjectFilter][] = [
  ['no filter', {}],
  ['an initiative', { initiatives: ['bri'] }],
  ['a year range', { yearFrom: 2012, yearTo: 2018 }],
  ['statuses', { statuses: [1, 2, 4] }],
  ['text', { q: 'tashkent' }],
];

describe('map.summary per country', () => {
  for (const [name, filter] of FILTERS) {
    it(`is stats.summary of the filter with that one country (${name})`, async () => {
      const summary = await api.caller.map.summary(filter);
      expect(summary.countries.map((c) => c.country)).toEqual([...FOCUS_COUNTRIES]);
      for (const code of FOCUS_COUNTRIES) {
        const stats = await api.caller.stats.summary({ ...filter, countries: [code] });
        expect(country(summary, code)?.projects, code).toBe(stats.counts.projects);
        expect(country(summary, code)?.amounts, code).toEqual(stats.totals);
      }
    });
  }

  it("clicking Uzbekistan: its totals equal stats.summary({ countries: ['UZ'] })", async () => {
    const [summary, stats, panel] = await Promise.all([
      api.caller.map.summary({}),
      api.caller.stats.summary({ countries: ['UZ'] }),
      api.caller.map.panel({ filter: {}, country: 'UZ' }),
    ]);
    expect(country(summary, 'UZ')?.amounts).toEqual(stats.totals);
    expect(panel.amounts).toEqual(stats.totals);
    expect(panel.projects).toBe(stats.counts.projects);
    // silkRoad's commitment, railway's 100 000 000 disbursed; a pledge stays a pledge.
    const usd = (flow: string) =>
      stats.totals.find((t) => t.flow === flow && t.priceBasis === 'nominal')?.usd;
    expect(usd('disbursement')).toBe('100500000.00');
    expect(usd('pledge')).toBe('2000000.00');
  });

  it("draws only the filter's countries", async () => {
    const summary = await api.caller.map.summary({ countries: ['TJ', 'UZ', 'KG'] });
    expect(summary.countries.map((c) => c.country)).toEqual(['TJ', 'UZ']);
    expect(summary.regions.every((r) => r.country === 'TJ' || r.country === 'UZ')).toBe(true);
    expect((await api.caller.map.summary({ countries: ['KG'] })).countries).toEqual([]);
  });

  it('counts country-level projects, pins and data problems', async () => {
    const summary = await api.caller.map.summary({});
    // TM: silkRoad (no TM location), pipeline, fillers — none has a drawable TM location.
    expect(country(summary, 'TM')?.countryLevelProjects).toBe(country(summary, 'TM')?.projects);
    // UZ: pins at Tashkent (twice) and Andijan; the seven bad locations are problems.
    expect(country(summary, 'UZ')).toMatchObject({ pins: 3, problemLocations: BAD.length });
    // TJ: the point at 10° N 10° E.
    expect(country(summary, 'TJ')).toMatchObject({ pins: 0, problemLocations: 1 });
  });
});

describe('map.summary per region', () => {
  it('counts the projects with a drawable location in the region, each in full', async () => {
    const summary = await api.caller.map.summary({});
    expect(region(summary, 'UZ.TK')).toMatchObject({ country: 'UZ', projects: 2, areaOnlyProjects: 0 });
    expect(region(summary, 'UZ.BU')).toMatchObject({ projects: 1, areaOnlyProjects: 1 });
    expect(region(summary, 'AZ.GA')).toMatchObject({ projects: 1, areaOnlyProjects: 1 });
    // Gəncə park: both commitments, nominal and constant-2021 apart.
    expect(region(summary, 'AZ.GA')?.amounts.map((a) => [a.flow, a.priceBasis, a.usd])).toEqual([
      ['commitment', 'constant-2021', '2000000.00'],
      ['commitment', 'nominal', '1449969.00'],
    ]);
    expect(summary.regions.map((r) => r.region).sort()).toEqual(['AZ.GA', 'UZ.BU', 'UZ.TK']);
  });

  it('follows the filter', async () => {
    const summary = await api.caller.map.summary({ initiativeBasis: 'official', statuses: [2] });
    expect(summary.regions.map((r) => r.region)).toEqual(['UZ.TK']);
    expect(region(summary, 'UZ.TK')?.projects).toBe(1);
  });
});

describe('map.points', () => {
  it('returns only drawable exact/near points, compact', async () => {
    const encoded = await api.caller.map.points({});
    const points = decodePoints(encoded);
    const drawn = Array.from({ length: points.count }, (_, i) => [
      points.lon[i],
      points.lat[i],
      points.near[i] ? 'near' : 'exact',
    ]);
    expect(drawn).toEqual([
      [72.34, 40.78, 'near'],
      [69.28, 41.31, 'exact'],
      [69.28, 41.31, 'exact'],
    ]);
    expect(JSON.stringify(encoded)).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}/);
  });

  it('never returns a location with a problem or bad coordinates', async () => {
    const points = decodePoints(await api.caller.map.points({}));
    for (let i = 0; i < points.count; i++) {
      const lon = points.lon[i] ?? Number.NaN;
      const lat = points.lat[i] ?? Number.NaN;
      expect(Math.abs(lat)).toBeLessThanOrEqual(90);
      expect(Math.abs(lon)).toBeLessThanOrEqual(180);
      expect([lon, lat]).not.toEqual([69.2, 41.3]); // the recorded problem
      expect([lon, lat]).not.toEqual([10, 10]); // outside TJ
      expect([lon, lat]).not.toEqual([41.31, 69.28]); // swapped
    }
  });

  it('follows the filter', async () => {
    expect(decodePoints(await api.caller.map.points({ q: 'andijan' })).count).toBe(2);
    expect(decodePoints(await api.caller.map.points({ countries: ['AZ'] })).count).toBe(0);
    expect(decodePoints(await api.caller.map.points({ q: 'nothing like this' })).count).toBe(0);
  });
});

describe('map.pin', () => {
  it('lists every project at the point with its amounts', async () => {
    const pin = await api.caller.map.pin({ filter: {}, x: 692800, y: 413100 });
    expect(pin.total).toBe(2);
    expect(pin.projects.map((p) => [p.title, p.places, p.precision])).toEqual([
      [
        'Fostering inclusive and sustainable industrial development in the New Silk Road Economic Belt',
        ['Tashkent'],
        'exact',
      ],
      ['Tashkent–Andijan railway upgrade', ['Tashkent depot'], 'exact'],
    ]);
    const silkRoad = pin.projects[0];
    expect(silkRoad?.id).toBe(api.fixtures.project.silkRoad);
    expect(silkRoad?.amounts.map((a) => [a.flow, a.usd])).toEqual([
      ['commitment', '1500000.50'],
      ['disbursement', '500000.00'],
      ['pledge', '2000000.00'],
    ]);
  });

  it('follows the filter and finds nothing where nothing is drawn', async () => {
    expect((await api.caller.map.pin({ filter: { q: 'railway' }, x: 692800, y: 413100 })).total).toBe(1);
    expect((await api.caller.map.pin({ filter: {}, x: 100000, y: 100000 })).projects).toEqual([]);
    expect((await api.caller.map.pin({ filter: {}, x: 692000, y: 413000 })).total).toBe(0);
  });
});

describe('map.panel', () => {
  it('shows a country: top sectors and funders, latest events, country-level projects, problems', async () => {
    const panel = await api.caller.map.panel({ filter: {}, country: 'UZ' });
    expect(panel.topSectors.length).toBeGreaterThan(0);
    expect(panel.topSectors.length).toBeLessThanOrEqual(5);
    expect(panel.topFunders.map((f) => f.name)).toContain('Export-Import Bank of China');
    expect(panel.latestEvents.map((e) => e.title)).toEqual([
      'Belt and Road forum on UNIDO’s anniversary',
      'Launch of the Tashkent–Andijan line',
    ]);
    expect(panel.listed.kind).toBe('country-level');
    expect(panel.listed.rows.map((r) => r.id)).not.toContain(api.fixtures.project.railway);
    expect(panel.listed.rows.map((r) => r.id)).not.toContain(api.fixtures.project.silkRoad);
    expect(panel.problems.total).toBe(BAD.length);
    const reasons = Object.fromEntries(panel.problems.rows.map((p) => [p.name, p.reason]));
    expect(reasons).toEqual({
      'Recorded problem': 'recorded',
      'Latitude out of range': 'out-of-range',
      'Longitude out of range': 'out-of-range',
      'Not a number': 'out-of-range',
      'No coordinates': 'missing-coordinates',
      'Region without code': 'no-region',
      Swapped: 'outside-country',
    });
  });

  it('lists the point outside Tajikistan as a problem of Tajikistan', async () => {
    const panel = await api.caller.map.panel({ filter: {}, country: 'TJ' });
    expect(panel.problems.rows).toEqual([
      expect.objectContaining({ name: 'Far away', reason: 'outside-country', lat: 10, lon: 10 }),
    ]);
    // silkRoad has no drawable TJ location: listed at country level, with solar and the rest.
    expect(panel.listed.rows.map((r) => r.id)).toContain(api.fixtures.project.silkRoad);
    expect(panel.listed.total).toBe(panel.projects);
  });

  it('shows a region: its projects and figures', async () => {
    const panel = await api.caller.map.panel({ filter: {}, country: 'AZ', region: 'az.ga' });
    expect(panel.region).toBe('AZ.GA');
    expect(panel.projects).toBe(1);
    expect(panel.listed).toEqual({
      kind: 'region',
      total: 1,
      rows: [{ id: api.fixtures.project.ganca, title: 'Gəncə Industrial Park', status: 2 }],
    });
    expect(panel.topFunders).toEqual([
      { id: api.fixtures.org.chexim, name: 'Export-Import Bank of China', projects: 1 },
    ]);
    expect(panel.latestEvents.map((e) => e.title)).toEqual(['Signing of the Gəncə park loan agreement']);
    const summary = await api.caller.map.summary({});
    expect(panel.amounts).toEqual(region(summary, 'AZ.GA')?.amounts);
  });

  it('names the field of bad input', async () => {
    const panel = (input: unknown) =>
      api.caller.map.panel(input as Parameters<TestApi['caller']['map']['panel']>[0]);
    await expectBadRequest(panel({ country: 'KG' }), 'country');
    await expectBadRequest(panel({ country: 'UZ', region: 'AZ.GA' }), 'region');
    await expectBadRequest(panel({ country: 'UZ', region: 'Bukhara' }), 'region');
    await expectBadRequest(panel({ country: 'UZ', filter: { countries: ['XX'] } }), 'filter.countries.0');
    await expectBadRequest(api.caller.map.pin({ filter: {}, x: 1_800_001, y: 0 }), 'x');
    await expectBadRequest(api.caller.map.pin({ filter: {}, x: 0, y: 0.5 }), 'y');
    await expectBadRequest(api.caller.map.points({ yearFrom: 2020, yearTo: 2010 }), 'yearTo');
  });
});
