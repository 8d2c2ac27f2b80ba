import { FOCUS_COUNTRIES, type FocusCountry } from '@srt/shared/codes';
import type { ProjectFilter } from '@srt/shared/filter';
import {
  COUNTRY_BOX_PAD,
  COUNTRY_BOXES,
  type EncodedPoints,
  encodePoints,
  pointProblem,
} from '@srt/shared/map-points';
import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { projects } from '../schema.ts';
import { projectFilterWhere } from './filter.ts';

/*
 * The officials' map. Which locations are drawn (DESIGN.md, the precision rule, and `pointProblem` in
 * packages/shared/src/map-points.ts, which states the same rule in TypeScript):
 * - a pin for an `exact`/`near` location with nothing recorded against it (`problem` is null) and a
 *   point inside its country's box;
 * - `admin1`/`admin2` locations shade their region (`admin1_code`, Natural Earth code_hasc);
 * - `country` locations are never drawn: their projects are listed;
 * - anything else is a data problem: listed in the side panel, never drawn.
 * Only the four countries are drawn; when the filter names countries, only those of them.
 */

/** Amounts as `stats.summary` returns them: one per flow and price basis, never added together. */
export type MapAmount = {
  flow: string;
  priceBasis: string;
  usd: string | null;
  rows: number;
  rowsWithoutUsd: number;
};

type AmountRow = {
  key: string;
  flow: string;
  price_basis: string;
  usd: string | null;
  n: number;
  n_usd: number;
};

const toAmount = (r: AmountRow): MapAmount => ({
  flow: r.flow,
  priceBasis: r.price_basis,
  usd: r.usd,
  rows: Number(r.n),
  rowsWithoutUsd: Number(r.n) - Number(r.n_usd),
});

/** The countries the map draws for this filter. */
function drawnCountries(filter: ProjectFilter): FocusCountry[] {
  const wanted = filter.countries?.length ? new Set(filter.countries) : null;
  return FOCUS_COUNTRIES.filter((c) => !wanted || wanted.has(c));
}

const list = (values: readonly string[]) =>
  values.length
    ? sql.join(
        values.map((v) => sql`${v}`),
        sql`, `,
      )
    : sql`null`;

/** `l` lies in its country's box (constants, so the planner sees plain range checks). */
const inCountryBox = sql.raw(
  `case l.country ${Object.entries(COUNTRY_BOXES)
    .map(
      ([country, [w, s, e, n]]) =>
        `when '${country}' then l.lon between ${w - COUNTRY_BOX_PAD} and ${e + COUNTRY_BOX_PAD} and l.lat between ${s - COUNTRY_BOX_PAD} and ${n + COUNTRY_BOX_PAD}`,
    )
    .join(' ')} else false end`,
);

/** `l` (a location) can be drawn as a pin. Never null: a missing coordinate is `false`. */
const PIN = sql`(l.problem is null and l.precision in ('exact', 'near') and coalesce(${inCountryBox}, false))`;
/** `l` can shade its region: a pin, or an admin-level location that names its region. */
const IN_REGION = sql`(l.admin1_code is not null and (${PIN} or (l.problem is null and l.precision in ('admin1', 'admin2'))))`;
/** `l` is listed as a data problem (see `pointProblem`). */
const PROBLEM = sql`(l.problem is not null or (l.precision <> 'country' and not ${PIN} and not coalesce(${IN_REGION}, false)))`;
/**
 * The integer position (`POINT_SCALE` units) that `map.points` sends and `map.pin` takes back. Cast to
 * int only in a select list: in a condition the planner may evaluate it before `PIN` has ruled out NaN.
 */
const X = sql`round(l.lon * 10000)`;
const Y = sql`round(l.lat * 10000)`;

const matched = (filter: ProjectFilter) =>
  sql`select ${projects.id} from ${projects} where ${projectFilterWhere(filter)}`;

/** Live funding of the projects `ids` selects, by `key` (a column of `source`), flow and price basis. */
async function amountsBy(db: Db, source: SQL, ids: SQL): Promise<Map<string, MapAmount[]>> {
  const result = await db.execute<AmountRow>(sql`
    select s.key, fu.flow, fu.price_basis, sum(fu.amount_usd)::text as usd, count(*)::int as n,
      count(fu.amount_usd)::int as n_usd
    from (${source}) s join funding fu on fu.project_id = s.project_id and fu.deleted_at is null
    where s.project_id in (${ids})
    group by s.key, fu.flow, fu.price_basis
    order by s.key, fu.flow, fu.price_basis`);
  const byKey = new Map<string, MapAmount[]>();
  for (const row of result.rows) {
    const amounts = byKey.get(row.key) ?? [];
    amounts.push(toAmount(row));
    byKey.set(row.key, amounts);
  }
  return byKey;
}

type CountRow = { key: string; n: number; m: number };
const countsOf = (rows: CountRow[]) => new Map(rows.map((r) => [r.key, { n: Number(r.n), m: Number(r.m) }]));

/**
 * Aggregates per country and per admin-1 region for the shared filter.
 *
 * - A country's figures are exactly those of the filter with `countries: [that country]` (what
 *   `stats.summary` returns for it): every project of the country counts in full, so a project in two
 *   countries counts in both, and the side panel shows the same numbers as the map.
 * - A region's figures are those of the projects with a drawable location in it (a pin, or an admin-1/-2
 *   location), each project in full.
 * - Amounts stay per flow and price basis (a pledge is never a commitment; constant and nominal USD
 *   are never added); USD sums are decimal strings.
 */
export async function mapSummary(db: Db, filter: ProjectFilter) {
  const countries = drawnCountries(filter);
  const projectIds = matched({ ...filter, countries: undefined });
  const inCountries = sql`pc.country in (${list(countries)})`;
  const countryProjects = sql`select pc.country::text as key, pc.project_id from project_countries pc where ${inCountries}`;
  const regionProjects = sql`select distinct l.admin1_code as key, l.project_id from locations l
    where ${IN_REGION} and l.country in (${list(countries)})`;

  const [countryCounts, regionCounts, problemCounts, countryAmounts, regionAmounts] = await Promise.all([
    // n: projects; m: of them, country-level (no drawable location in that country)
    db.execute<CountRow>(sql`
      select pc.country::text as key, count(*)::int as n,
        count(*) filter (where not exists (
          select 1 from locations l where l.project_id = pc.project_id and l.country = pc.country
            and coalesce(${IN_REGION}, false)))::int as m
      from project_countries pc
      where ${inCountries} and pc.project_id in (${projectIds})
      group by pc.country`),
    // n: projects; m: of them, located in the region only to admin-1/-2 (no pin there)
    db.execute<CountRow>(sql`
      select l.admin1_code as key, count(distinct l.project_id)::int as n,
        (count(distinct l.project_id) - count(distinct l.project_id) filter (where ${PIN}))::int as m
      from locations l
      where ${IN_REGION} and l.country in (${list(countries)}) and l.project_id in (${projectIds})
      group by l.admin1_code`),
    // n: problem locations; m: pins drawn
    db.execute<CountRow>(sql`
      select l.country::text as key, count(*) filter (where ${PROBLEM})::int as n,
        count(*) filter (where ${PIN})::int as m
      from locations l
      where l.country in (${list(countries)}) and l.project_id in (${projectIds})
      group by l.country`),
    amountsBy(db, countryProjects, projectIds),
    amountsBy(db, regionProjects, projectIds),
  ]);

  const projectCounts = countsOf(countryCounts.rows);
  const problems = countsOf(problemCounts.rows);
  const regions = countsOf(regionCounts.rows);
  return {
    countries: countries.map((country) => ({
      country,
      projects: projectCounts.get(country)?.n ?? 0,
      countryLevelProjects: projectCounts.get(country)?.m ?? 0,
      pins: problems.get(country)?.m ?? 0,
      problemLocations: problems.get(country)?.n ?? 0,
      amounts: countryAmounts.get(country) ?? [],
    })),
    regions: [...regions].map(([region, { n, m }]) => ({
      region,
      country: region.slice(0, 2),
      projects: n,
      areaOnlyProjects: m,
      amounts: regionAmounts.get(region) ?? [],
    })),
  };
}

export type MapSummary = Awaited<ReturnType<typeof mapSummary>>;

/**
 * The drawable pins for the filter, compact (see `EncodedPoints`).
 *
 * Why the client clusters, not the server: one request per filter, then every pan and zoom is answered
 * in the browser by supercluster's index in a few milliseconds, with no round trip (server clustering
 * by bbox + zoom would cost a request and a query of the whole filtered set per move, well above the
 * 50 ms budget on PGlite). The payload is what makes that affordable: 100 000 points are ≈ 0.9 MB of
 * JSON and ≈ 0.3 MB gzip (no ids, delta-coded integers), inside the 2 MB budget.
 */
export async function mapPoints(db: Db, filter: ProjectFilter): Promise<EncodedPoints> {
  const countries = drawnCountries(filter);
  const result = await db.execute<{ x: number; y: number; near: boolean }>(sql`
    select ${X}::int as x, ${Y}::int as y, l.precision = 'near' as near
    from locations l
    where ${PIN} and l.country in (${list(countries)}) and l.project_id in (${matched(filter)})`);
  return encodePoints(result.rows);
}

const PIN_PROJECT_LIMIT = 50;

/** The projects pinned at one integer position of `map.points` (several can share a point). */
export async function mapPin(db: Db, input: { filter: ProjectFilter; x: number; y: number }) {
  const countries = drawnCountries(input.filter);
  const found = await db.execute<{
    id: string;
    title: string;
    status: number | null;
    places: string[];
    near: boolean;
    total: number;
  }>(sql`
    select p.id, p.title, p.status, array_agg(distinct l.name order by l.name) as places,
      bool_and(l.precision = 'near') as near, (count(*) over ())::int as total
    from locations l join projects p on p.id = l.project_id
    where ${PIN} and l.country in (${list(countries)}) and ${X} = ${input.x} and ${Y} = ${input.y}
      and l.project_id in (${matched(input.filter)})
    group by p.id, p.title, p.status
    order by p.title, p.id
    limit ${PIN_PROJECT_LIMIT}`);
  const ids = found.rows.map((r) => r.id);
  const amounts = ids.length
    ? await amountsBy(db, sql`select id::text as key, id as project_id from projects`, sql`${list(ids)}`)
    : new Map<string, MapAmount[]>();
  return {
    total: found.rows[0]?.total ?? 0,
    projects: found.rows.map((r) => ({
      id: r.id,
      title: r.title,
      status: r.status,
      places: r.places,
      precision: r.near ? ('near' as const) : ('exact' as const),
      amounts: amounts.get(r.id) ?? [],
    })),
  };
}

export type MapPin = Awaited<ReturnType<typeof mapPin>>;

const PANEL_TOP = 5;
const PANEL_EVENTS = 5;
const PANEL_LIST = 50;
const PANEL_PROBLEMS = 100;

/**
 * The side panel for a country, or one of its regions: the same figures as the map (a country's are
 * those of the filter with `countries: [country]`, as `stats.summary` gives them), the sectors and
 * funders with the most projects, the latest events of those projects, the country-level projects and
 * the data problems of the country (locations listed, never drawn).
 */
export async function mapPanel(
  db: Db,
  input: { filter: ProjectFilter; country: FocusCountry; region?: string | undefined },
) {
  const { country, region } = input;
  const countryIds = matched({ ...input.filter, countries: [country] });
  const ids = region
    ? sql`select l.project_id from locations l where ${IN_REGION} and l.admin1_code = ${region}
        and l.country = ${country} and l.project_id in (${countryIds})`
    : countryIds;

  const [count, amounts, sectors, funders, latest, listed, problems] = await Promise.all([
    db.execute<{ n: number }>(sql`select count(*)::int as n from projects where projects.id in (${ids})`),
    amountsBy(db, sql`select 'all' as key, id as project_id from projects`, ids),
    db.execute<{ sector: string; n: number }>(sql`
      select ps.sector, count(*)::int as n from project_sectors ps where ps.project_id in (${ids})
      group by ps.sector order by n desc, ps.sector limit ${PANEL_TOP}`),
    db.execute<{ id: string; name: string; n: number }>(sql`
      select o.id, o.name, count(distinct f.project_id)::int as n
      from (
        select pa.project_id, pa.organization_id as org from participants pa
          where pa.role = 1 and pa.project_id in (${ids})
        union
        select fu.project_id, fu.funder_org_id from funding fu
          where fu.deleted_at is null and fu.funder_org_id is not null and fu.project_id in (${ids})
      ) f join organizations o on o.id = f.org
      group by o.id, o.name order by n desc, o.name limit ${PANEL_TOP}`),
    db.execute<{ id: string; type: string; title: string; date: string; date_precision: string }>(sql`
      select e.id, e.type, e.title, e.date::text as date, e.date_precision
      from events e
      where e.deleted_at is null and exists (
        select 1 from event_projects ep where ep.event_id = e.id and ep.project_id in (${ids}))
      order by e.date desc, e.id desc limit ${PANEL_EVENTS}`),
    // A region lists its projects; a country the projects it has no drawable location for.
    db.execute<{ id: string; title: string; status: number | null; total: number }>(
      region
        ? sql`select p.id, p.title, p.status, (count(*) over ())::int as total from projects p
            where p.id in (${ids}) order by p.title, p.id limit ${PANEL_LIST}`
        : sql`select p.id, p.title, p.status, (count(*) over ())::int as total from projects p
            where p.id in (${ids}) and not exists (
              select 1 from locations l where l.project_id = p.id and l.country = ${country}
                and coalesce(${IN_REGION}, false))
            order by p.title, p.id limit ${PANEL_LIST}`,
    ),
    db.execute<{
      id: string;
      project_id: string;
      title: string;
      name: string;
      precision: string;
      lat: number | null;
      lon: number | null;
      admin1_code: string | null;
      problem: string | null;
      total: number;
    }>(sql`
      select l.id, l.project_id, p.title, l.name, l.precision, l.lat, l.lon, l.admin1_code, l.problem,
        (count(*) over ())::int as total
      from locations l join projects p on p.id = l.project_id
      where l.country = ${country} and ${PROBLEM} and l.project_id in (${countryIds})
      order by p.title, l.name, l.id limit ${PANEL_PROBLEMS}`),
  ]);

  return {
    country,
    region: region ?? null,
    projects: count.rows[0]?.n ?? 0,
    amounts: amounts.get('all') ?? [],
    topSectors: sectors.rows.map((r) => ({ sector: r.sector, projects: r.n })),
    topFunders: funders.rows.map((r) => ({ id: r.id, name: r.name, projects: r.n })),
    latestEvents: latest.rows.map((r) => ({
      id: r.id,
      type: r.type,
      title: r.title,
      date: r.date,
      datePrecision: r.date_precision,
    })),
    /** For a region: its projects; for a country: its country-level projects. */
    listed: {
      kind: region ? ('region' as const) : ('country-level' as const),
      total: listed.rows[0]?.total ?? 0,
      rows: listed.rows.map((r) => ({ id: r.id, title: r.title, status: r.status })),
    },
    problems: {
      total: problems.rows[0]?.total ?? 0,
      rows: problems.rows.map((r) => ({
        id: r.id,
        projectId: r.project_id,
        projectTitle: r.title,
        name: r.name,
        precision: r.precision,
        lat: r.lat,
        lon: r.lon,
        reason: pointProblem({ ...r, admin1Code: r.admin1_code, country }) ?? ('recorded' as const),
        problem: r.problem,
      })),
    },
  };
}

export type MapPanel = Awaited<ReturnType<typeof mapPanel>>;
