import type { ProjectFilter } from '@srt/shared/filter';
import { inArray, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { organizations, projects } from '../schema.ts';
import { projectFilterWhere } from './filter.ts';

/**
 * The rows of an export, read in keyset-paginated batches so a file of any size streams through a
 * bounded amount of memory, on PGlite and PostgreSQL alike. Each batch is one page of the filtered
 * projects in `(title, id)` order (the index `projects_title_idx`), expanded to the variant's rows.
 * Money stays a decimal string; every sum is SQL's.
 */

export type ExportVariant = 'projects' | 'project-country' | 'funding';

/** The flows a project's sums cover; incoming flows restate another party's outgoing flow. */
const SUMMED_FLOWS = {
  pledged: 'pledge',
  committed: 'commitment',
  disbursed: 'disbursement',
  spent: 'expenditure',
};
type FlowSums<Suffix extends string> = {
  [K in `${keyof typeof SUMMED_FLOWS}_usd_${'nominal' | 'constant'}${Suffix}`]: string | null;
};

type ProjectFields = {
  project_id: string;
  iati_identifier: string | null;
  title: string;
  title_original: string | null;
  title_language: string | null;
  status: number | null;
  planned_start: string | null;
  planned_end: string | null;
  actual_start: string | null;
  actual_end: string | null;
  start_year: number | null;
  end_year: number | null;
  quality_score: number;
  /** ISO 8601 in UTC. */
  updated_at: string;
  countries: string[];
  sectors: string[];
  initiatives: { initiative: string; basis: string }[];
  funders: string[];
  /** The constant price bases of the project's USD amounts, e.g. `['constant-2021']`. */
  constant_price_bases: string[];
};

export type ProjectExportRow = ProjectFields &
  FlowSums<''> & {
    /** Funding rows of the summed flows that have no USD value: left out of the sums. */
    funding_rows_without_usd: number;
  };

export type ProjectCountryExportRow = ProjectFields &
  FlowSums<'_share'> & {
    /** Null for a project with no country at all (it still gets its one row). */
    country: string | null;
    country_percentage: string | null;
  };

export type FundingExportRow = {
  funding_id: string;
  project_id: string;
  iati_identifier: string | null;
  project_title: string;
  countries: string[];
  flow: string;
  amount: string;
  currency: string;
  price_basis: string;
  value_date: string | null;
  amount_usd: string | null;
  usd_rate: string | null;
  rate_source: string | null;
  estimated: boolean;
  instrument: string | null;
  funder: string | null;
  recipient: string | null;
};

export type ExportRowOf<V extends ExportVariant> = {
  projects: ProjectExportRow;
  'project-country': ProjectCountryExportRow;
  funding: FundingExportRow;
}[V];

/**
 * Rows of the page query carry the page key, so the next page can start after the last project; a
 * project with no funding row comes back once in the funding variant, as a key-only row.
 */
type Keyed = { page_title: string; page_id: string; key_only: boolean };

const codes = (values: readonly string[]) =>
  sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  );

const FIELDS = sql`
  p.id::text as project_id, p.iati_identifier, p.title, p.title_original, p.title_language, p.status,
  p.planned_start::text as planned_start, p.planned_end::text as planned_end,
  p.actual_start::text as actual_start, p.actual_end::text as actual_end,
  p.start_year, p.end_year, p.quality_score,
  to_char(p.updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as updated_at,
  coalesce((select array_agg(pc2.country::text order by pc2.country) from project_countries pc2
    where pc2.project_id = p.id), '{}') as countries,
  coalesce((select array_agg(ps.sector order by ps.sector) from project_sectors ps
    where ps.project_id = p.id), '{}') as sectors,
  coalesce((select json_agg(json_build_object('initiative', pi.initiative, 'basis', pi.basis)
    order by pi.initiative) from project_initiatives pi where pi.project_id = p.id), '[]') as initiatives,
  coalesce((select array_agg(o.name order by o.name) from organizations o where o.id in (
      select pa.organization_id from participants pa where pa.project_id = p.id and pa.role = 1
      union select fu.funder_org_id from funding fu where fu.project_id = p.id and fu.deleted_at is null)
    ), '{}') as funders,
  coalesce(fs.constant_bases, '{}') as constant_price_bases`;

/**
 * Per project, the USD sums of each flow, nominal and constant prices apart. A project whose constant
 * amounts mix bases (2015 and 2021 prices) gets no constant sums rather than a meaningless one.
 */
const SUMS = sql`
  left join lateral (
    select
      ${sql.join(
        Object.entries(SUMMED_FLOWS).map(
          ([name, flow]) => sql`
      sum(f.amount_usd) filter (where f.flow = ${flow} and f.price_basis = 'nominal') as ${sql.identifier(`${name}_nominal`)},
      sum(f.amount_usd) filter (where f.flow = ${flow} and f.price_basis <> 'nominal') as ${sql.identifier(`${name}_constant`)}`,
        ),
        sql`,`,
      )},
      count(distinct f.price_basis) filter (where f.price_basis <> 'nominal' and f.amount_usd is not null) as constant_basis_count,
      array_agg(distinct f.price_basis) filter (where f.price_basis <> 'nominal' and f.amount_usd is not null) as constant_bases,
      count(*) filter (where f.amount_usd is null)::int as without_usd
    from funding f
    where f.project_id = p.id and f.deleted_at is null and f.flow in (${codes(Object.values(SUMMED_FLOWS))})
  ) fs on true`;

/** The sums (times a share, for the project-country rows) as exact decimal strings. */
const sumColumns = (suffix: string, share?: SQL) =>
  sql.join(
    Object.keys(SUMMED_FLOWS).flatMap((name) => {
      const nominal = sql.identifier(`${name}_nominal`);
      const constant = sql`case when fs.constant_basis_count = 1 then fs.${sql.identifier(`${name}_constant`)} end`;
      const scaled = (value: SQL) => (share ? sql`round(${value} * ${share} / 100, 2)` : value);
      return [
        sql`${scaled(sql`fs.${nominal}`)}::text as ${sql.identifier(`${name}_usd_nominal${suffix}`)}`,
        sql`${scaled(constant)}::text as ${sql.identifier(`${name}_usd_constant${suffix}`)}`,
      ];
    }),
    sql`, `,
  );

function variantQuery(variant: ExportVariant, page: SQL): SQL {
  switch (variant) {
    case 'projects':
      return sql`
        with page as (${page})
        select page.title as page_title, page.id::text as page_id, false as key_only, ${FIELDS}, ${sumColumns('')},
          coalesce(fs.without_usd, 0) as funding_rows_without_usd
        from page join projects p on p.id = page.id
        ${SUMS}
        order by page.title, page.id`;
    case 'project-country':
      // A country's share of the money: its stated percentage, or all of it when it is the only country.
      return sql`
        with page as (${page})
        select page.title as page_title, page.id::text as page_id, false as key_only, ${FIELDS},
          pc.country::text as country, pc.percentage::text as country_percentage,
          ${sumColumns('_share', sql`coalesce(pc.percentage, case when pc.n = 1 then 100 end)`)}
        from page join projects p on p.id = page.id
        left join lateral (
          select c.country, c.percentage, count(*) over () as n
          from project_countries c where c.project_id = p.id
        ) pc on true
        ${SUMS}
        order by page.title, page.id, pc.country`;
    case 'funding':
      return sql`
        with page as (${page})
        select page.title as page_title, page.id::text as page_id, f.id is null as key_only,
          f.id::text as funding_id, p.id::text as project_id, p.iati_identifier, p.title as project_title,
          coalesce((select array_agg(pc.country::text order by pc.country) from project_countries pc
            where pc.project_id = p.id), '{}') as countries,
          f.flow, f.amount::text as amount, f.currency::text as currency, f.price_basis,
          f.value_date::text as value_date, f.amount_usd::text as amount_usd, f.usd_rate::text as usd_rate,
          f.rate_source, f.estimated, f.instrument, fo.name as funder, ro.name as recipient
        from page join projects p on p.id = page.id
        left join funding f on f.project_id = p.id and f.deleted_at is null
        left join organizations fo on fo.id = f.funder_org_id
        left join organizations ro on ro.id = f.recipient_org_id
        order by page.title, page.id, f.value_date nulls last, f.flow, f.id`;
  }
}

/** Projects per page: about 2,000 rows per batch for every variant (the corpus has ~10 funding rows each). */
const PAGE_SIZE: Record<ExportVariant, number> = { projects: 2000, 'project-country': 2000, funding: 200 };

/**
 * The export's rows in batches, in project title order. Stop iterating (or `return()`) to stop reading:
 * nothing is fetched ahead of the consumer.
 */
export async function* exportBatches<V extends ExportVariant>(
  db: Db,
  variant: V,
  filter: ProjectFilter,
  options: { pageSize?: number } = {},
): AsyncGenerator<ExportRowOf<V>[]> {
  const size = options.pageSize ?? PAGE_SIZE[variant];
  const where = projectFilterWhere(filter);
  let after: SQL = sql`true`;
  for (;;) {
    const page = sql`select ${projects.id} as id, ${projects.title} as title from ${projects}
      where ${where} and ${after} order by ${projects.title}, ${projects.id} limit ${size}`;
    // Raw SQL is typed by assertion, as `db.execute<T>` would do: the select lists above define the shape.
    const result = await db.execute<Keyed & Record<string, unknown>>(variantQuery(variant, page));
    const rows = result.rows as unknown as (ExportRowOf<V> & Keyed)[];
    const last = rows.at(-1);
    if (!last) return;
    const data = rows.filter((r) => !r.key_only);
    if (data.length) yield data;
    const projectsInPage = new Set(rows.map((r) => r.page_id)).size;
    if (projectsInPage < size) return;
    after = sql`(${projects.title}, ${projects.id}) > (${last.page_title}, ${last.page_id}::uuid)`;
  }
}

/** How many rows the export will have (what the file's header block announces). */
export async function countExportRows(
  db: Db,
  variant: ExportVariant,
  filter: ProjectFilter,
): Promise<number> {
  const where = projectFilterWhere(filter);
  const counted =
    variant === 'projects'
      ? sql`select count(*)::int as n from ${projects} where ${where}`
      : variant === 'project-country'
        ? sql`select coalesce(sum(greatest(1, (select count(*) from project_countries pc
            where pc.project_id = ${projects.id}))), 0)::int as n from ${projects} where ${where}`
        : sql`select count(*)::int as n from funding f join ${projects} on ${projects.id} = f.project_id
            where f.deleted_at is null and ${where}`;
  const { rows } = await db.execute<{ n: number }>(counted);
  return Number(rows[0]?.n ?? 0);
}

export type ExportSource = {
  title: string;
  publisher: string | null;
  url: string | null;
  /** How many of the exported projects cite it (directly, or through their funding rows). */
  projects: number;
};

/** The sources the exported projects cite, most cited first: the file's attribution. */
export async function exportSources(
  db: Db,
  filter: ProjectFilter,
  limit = 20,
): Promise<{ sources: ExportSource[]; total: number }> {
  const { rows } = await db.execute<ExportSource & { total: number }>(sql`
    with cited as (
      select sl.source_id, coalesce(sl.project_id, fu.project_id) as project_id
      from source_links sl
      left join funding fu on fu.id = sl.funding_id and fu.deleted_at is null
      where sl.project_id is not null or fu.id is not null
    ), counted as (
      select c.source_id, count(distinct c.project_id)::int as projects
      from cited c
      where c.project_id in (select ${projects.id} from ${projects} where ${projectFilterWhere(filter)})
      group by c.source_id
    )
    select s.title, s.publisher, s.url, counted.projects, (count(*) over ())::int as total
    from counted join sources s on s.id = counted.source_id
    where s.deleted_at is null
    order by counted.projects desc, s.title, s.id
    limit ${limit}`);
  return {
    sources: rows.map(({ total: _total, ...source }) => source),
    total: Number(rows[0]?.total ?? 0),
  };
}

/** Names of the organisations a filter names by id (its funders), for the file's header block. */
export async function organizationNames(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: organizations.id, name: organizations.name })
    .from(organizations)
    .where(inArray(organizations.id, [...ids]));
  return new Map(rows.map((r) => [r.id, r.name]));
}
