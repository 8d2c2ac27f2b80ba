import type { ProjectFilter } from '@srt/shared/filter';
import { and, count, isNull, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { events, projects } from '../schema.ts';
import { eventsOfProjectsWhere } from './event.ts';
import { projectFilterWhere } from './filter.ts';

/**
 * How a project's amounts are attributed to its countries and sectors, so no amount is counted twice:
 * by the recorded percentages when every country (sector) of the project has one — scaled by their sum,
 * so the shares add up to exactly 1 — and otherwise split equally among them. A project without any
 * country (sector) is attributed to `null`. Split amounts are rounded to cents per group, so the groups
 * can differ from the totals by a few cents.
 */
export const SPLIT_RULE = 'percentage-else-equal' as const;

type SummaryRow = {
  dim: 'total' | 'country' | 'sector' | 'year' | 'funder';
  key: string | null;
  label: string | null;
  flow: string;
  price_basis: string;
  usd: string | null;
  n: number;
  n_usd: number;
};

/**
 * Counts and USD sums per flow for the projects the shared filter selects. Flows are never added
 * together and each sum is split by price basis (nominal vs constant-YYYY): every amount is a
 * `{ flow, priceBasis }` pair. `rows` counts the funding rows behind a sum, `rowsWithoutUsd` those that
 * have no USD value (no known rate) and so are not in it. Broken down by recipient country and sector
 * (split as `SPLIT_RULE` says), by value year of the funding row and by the funder of the funding row.
 */
export async function statsSummary(db: Db, filter: ProjectFilter) {
  const where = projectFilterWhere(filter);
  // Three passes over the live funding rows of the matching projects, each a hash aggregate into few
  // groups: by flow, basis, year and funder (rolled up into totals, years and funders), the country split
  // and the sector split.
  // Written without CTEs so the planner keeps its statistics (with them it sorts a million rows on disk).
  const matched = sql`select ${projects.id} from ${projects} where ${where}`;
  const live = sql`fu.deleted_at is null and fu.project_id in (${matched})`;
  const shares = (table: SQL, key: SQL) => sql`(
      select t.project_id, ${key} as key,
        case when a.with_percentage = a.n and a.total > 0 then t.percentage / a.total else 1.0 / a.n end as share
      from ${table} t join (
        select project_id, count(*) as n, count(percentage) as with_percentage, sum(percentage) as total
        from ${table} group by project_id
      ) a on a.project_id = t.project_id)`;
  const sums = db.execute<SummaryRow>(sql`
    with by_year_funder as (
      select fu.flow, fu.price_basis, fu.value_year, fu.funder_org_id,
        sum(fu.amount_usd) as usd, count(*) as n, count(fu.amount_usd) as n_usd
      from funding fu
      where ${live}
      group by fu.flow, fu.price_basis, fu.value_year, fu.funder_org_id
    ),
    r as (
      select case grouping(value_year, funder_org_id) when 3 then 'total' when 1 then 'year' else 'funder' end as dim,
        case grouping(value_year, funder_org_id) when 1 then value_year::text when 2 then funder_org_id::text end
          as key,
        flow, price_basis, sum(usd) as usd, sum(n) as n, sum(n_usd) as n_usd
      from by_year_funder
      group by grouping sets ((flow, price_basis), (flow, price_basis, value_year), (flow, price_basis, funder_org_id))
      union all
      select 'country', cs.key, fu.flow, fu.price_basis, round(sum(fu.amount_usd * coalesce(cs.share, 1)), 2),
        count(*), count(fu.amount_usd)
      from funding fu left join ${shares(sql`project_countries`, sql`t.country::text`)} cs on cs.project_id = fu.project_id
      where ${live}
      group by cs.key, fu.flow, fu.price_basis
      union all
      select 'sector', ss.key, fu.flow, fu.price_basis, round(sum(fu.amount_usd * coalesce(ss.share, 1)), 2),
        count(*), count(fu.amount_usd)
      from funding fu left join ${shares(sql`project_sectors`, sql`t.sector`)} ss on ss.project_id = fu.project_id
      where ${live}
      group by ss.key, fu.flow, fu.price_basis
    )
    select r.dim, r.key, o.name as label, r.flow, r.price_basis, r.usd::text as usd, r.n::int as n,
      r.n_usd::int as n_usd
    from r left join organizations o on r.dim = 'funder' and o.id::text = r.key
    order by r.dim, r.key nulls last, r.flow, r.price_basis
  `);
  const projectCount = db.select({ n: count() }).from(projects).where(where);
  const eventCount = db
    .select({ n: count() })
    .from(events)
    .where(and(isNull(events.deletedAt), eventsOfProjectsWhere(filter)));
  const [summary, [projectsRow], [eventsRow]] = await Promise.all([sums, projectCount, eventCount]);

  const amount = (r: SummaryRow) => ({
    flow: r.flow,
    priceBasis: r.price_basis,
    usd: r.usd,
    rows: Number(r.n),
    rowsWithoutUsd: Number(r.n) - Number(r.n_usd),
  });
  const of = (dim: SummaryRow['dim']) => summary.rows.filter((r) => r.dim === dim);
  const totals = of('total').map(amount);
  return {
    splitRule: SPLIT_RULE,
    counts: {
      projects: projectsRow?.n ?? 0,
      /** Events linked to a matching project (all events when the filter sets nothing). */
      events: eventsRow?.n ?? 0,
      fundingRows: totals.reduce((sum, t) => sum + t.rows, 0),
    },
    totals,
    byCountry: of('country').map((r) => ({ country: r.key, ...amount(r) })),
    bySector: of('sector').map((r) => ({ sector: r.key, ...amount(r) })),
    byYear: of('year').map((r) => ({ year: r.key === null ? null : Number(r.key), ...amount(r) })),
    byFunder: of('funder').map((r) => ({ funderId: r.key, funderName: r.label, ...amount(r) })),
  };
}

export type StatsSummary = Awaited<ReturnType<typeof statsSummary>>;
