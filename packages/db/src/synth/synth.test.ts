import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../client.ts';
import { loadFoundingRecord } from '../seed/index.ts';
import { createTestDatabase } from '../testing.ts';
import { loadRegions, regionContains } from './geo.ts';
import { removeSyntheticCorpus, SYNTHETIC_ACTOR, SYNTHETIC_SOURCE_REF, synthesize } from './index.ts';

const PROJECTS = 200;

const TABLES = ['projects', 'funding', 'events', 'locations', 'source_links', 'organizations', 'sources'];

let database: Database;
/** Row counts of the founding record, loaded first so removal can prove it leaves other data alone. */
const baseline = new Map<string, number>();

beforeAll(async () => {
  database = await createTestDatabase();
  await loadFoundingRecord(database.db);
  for (const table of TABLES) baseline.set(table, await totalCount(table));
});

afterAll(async () => {
  await database?.close();
});

const rows = async <T>(query: ReturnType<typeof sql>) =>
  (await database.db.execute<T & Record<string, unknown>>(query)).rows;

/** What identifies a corpus: every id, hashed per table, and the money it holds. */
async function fingerprint() {
  const [row] = await rows<{
    projects: string;
    funding: string;
    events: string;
    locations: string;
    usd: string;
    amount: string;
  }>(sql`select
    (select md5(string_agg(id::text, ',' order by id)) from projects) as projects,
    (select md5(string_agg(id::text, ',' order by id)) from funding) as funding,
    (select md5(string_agg(id::text, ',' order by id)) from events) as events,
    (select md5(string_agg(id::text || lat || lon, ',' order by id)) from locations) as locations,
    (select sum(amount_usd)::text from funding) as usd,
    (select sum(amount)::text from funding) as amount`);
  return row;
}

async function totalCount(table: string): Promise<number> {
  const [row] = await rows<{ n: number }>(sql`select count(*)::int as n from ${sql.identifier(table)}`);
  return row?.n ?? 0;
}

/** Rows the corpus added. */
const count = async (table: string) => (await totalCount(table)) - (baseline.get(table) ?? 0);

describe('synthetic corpus', () => {
  it('loads the requested number of projects with realistic ratios', async () => {
    const result = await synthesize(database, { projects: PROJECTS, seed: 7, batchSize: 64 });
    expect(result.rows.projects).toBe(PROJECTS);
    expect(await count('projects')).toBe(PROJECTS);

    const ratio = async (table: string) => (await count(table)) / PROJECTS;
    expect(await ratio('funding')).toBeGreaterThan(8);
    expect(await ratio('funding')).toBeLessThan(12);
    expect(await ratio('events')).toBeGreaterThan(2.5);
    expect(await ratio('events')).toBeLessThan(3.5);
    expect(await ratio('locations')).toBeGreaterThan(1.5);
    expect(await ratio('locations')).toBeLessThan(2.5);
    expect(await count('organizations')).toBeGreaterThan(200);

    // Every project has countries; percentages, where given, add up to 100.
    const bad = await rows<{ id: string }>(sql`
      select p.id from projects p
      left join project_countries c on c.project_id = p.id
      group by p.id
      having count(c.country) = 0 or (count(c.percentage) > 0 and sum(c.percentage) <> 100)`);
    expect(bad).toEqual([]);

    // Stored derived columns agree with the shared functions' rules.
    const [searched] = await rows<{ n: number }>(
      sql`select count(*)::int as n from projects where search_text = '' or search_text <> lower(search_text)`,
    );
    expect(searched?.n).toBe(0);
    const flows = await rows<{ flow: string }>(sql`select distinct flow from funding order by flow`);
    expect(flows.map((f) => f.flow)).toEqual(['commitment', 'disbursement', 'expenditure', 'pledge']);
  });

  it('places every located point inside its country and admin-1 region', async () => {
    const regions = loadRegions();
    const located = await rows<{
      lat: number;
      lon: number;
      country: string;
      admin1_code: string | null;
      precision: string;
    }>(sql`select lat, lon, country, admin1_code, precision from locations`);
    expect(located.length).toBeGreaterThan(0);
    for (const l of located) {
      expect(['AZ', 'TJ', 'TM', 'UZ']).toContain(l.country);
      if (l.precision === 'country') {
        expect(l.lat).toBeNull();
        continue;
      }
      const inCountry = regions.regionAt(l.lon, l.lat, l.country);
      expect(inCountry, `${l.lat},${l.lon} outside ${l.country}`).toBeDefined();
      const own = (regions.byCountry.get(l.country) ?? []).filter((r) => r.code === l.admin1_code);
      expect(own.some((r) => regionContains(r, l.lon, l.lat))).toBe(true);
    }
  });

  it('links every record to the synthetic source', async () => {
    const [source] = await rows<{ id: string; kind: string; title: string }>(
      sql`select id, kind, title from sources where external_ref = ${SYNTHETIC_SOURCE_REF}`,
    );
    expect(source).toMatchObject({ kind: 'dataset', title: 'Synthetic scale corpus' });
    const [unlinked] = await rows<{ projects: number; events: number; funding: number }>(sql`select
      (select count(*)::int from projects p where p.created_by = ${SYNTHETIC_ACTOR} and not exists
        (select 1 from source_links l where l.project_id = p.id and l.source_id = ${source?.id})) as projects,
      (select count(*)::int from events e where e.created_by = ${SYNTHETIC_ACTOR} and not exists
        (select 1 from source_links l where l.event_id = e.id and l.source_id = ${source?.id})) as events,
      (select count(*)::int from funding f where f.created_by = ${SYNTHETIC_ACTOR} and not exists
        (select 1 from source_links l where l.funding_id = f.id and l.source_id = ${source?.id})) as funding`);
    expect(unlinked).toEqual({ projects: 0, events: 0, funding: 0 });
    // …and the records the corpus added are exactly those marked as synthetic.
    const [marked] = await rows<{ n: number }>(
      sql`select count(*)::int as n from projects where created_by = ${SYNTHETIC_ACTOR}`,
    );
    expect(marked?.n).toBe(await count('projects'));
  });

  it('is deterministic: a rerun with the same seed gives the same ids and sums', async () => {
    const first = await fingerprint();
    await expect(synthesize(database, { projects: PROJECTS, seed: 7 })).rejects.toThrow(/--replace/);
    const rerun = await synthesize(database, { projects: PROJECTS, seed: 7, replace: true, batchSize: 1000 });
    expect(rerun.removed).toBe(true);
    expect(await fingerprint()).toEqual(first);
    expect(first?.usd).toMatch(/^\d+\.\d\d$/);

    await synthesize(database, { projects: PROJECTS, seed: 8, replace: true });
    expect((await fingerprint())?.projects).not.toBe(first?.projects);
  });

  it('removes itself and nothing else', async () => {
    expect(await removeSyntheticCorpus(database)).toBe(true);
    for (const table of TABLES) expect(await count(table), table).toBe(0);
    expect(baseline.get('projects')).toBe(1);
    expect(await removeSyntheticCorpus(database)).toBe(false);
  });
});
