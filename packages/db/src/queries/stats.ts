import type { ProjectFilter } from '@srt/shared/filter';
import { and, count, isNull, sql } from 'drizzle-orm';
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
  // One pass over the funding rows (grouping sets), then the country and sector splits per project.
  const sums = db.execute<SummaryRow>(sql`
    with matched as (select ${projects.id} as id from ${projects} where ${where}),
    g as (
      select fu.project_id, fu.flow, fu.price_basis, fu.value_year, fu.funder_org_id,
        sum(fu.amount_usd) as usd, count(*) as n, count(fu.amount_usd) as n_usd,
        grouping(fu.project_id, fu.value_year, fu.funder_org_id) as set_id
      from funding fu join matched m on m.id = fu.project_id
      where fu.deleted_at is null
      group by grouping sets (
        (fu.flow, fu.price_basis, fu.project_id),
        (fu.flow, fu.price_basis, fu.value_year),
        (fu.flow, fu.price_basis, fu.funder_org_id)
      )
    ),
    per_project as (select * from g where set_id = 3),
    country_share as (
      select pc.project_id, pc.country::text as key,
        case when count(pc.percentage) over w = count(*) over w and sum(pc.percentage) over w > 0
          then pc.percentage / sum(pc.percentage) over w
          else 1.0 / count(*) over w end as share
      from project_countries pc join matched m on m.id = pc.project_id
      window w as (partition by pc.project_id)
    ),
    sector_share as (
      select ps.project_id, ps.sector as key,
        case when count(ps.percentage) over w = count(*) over w and sum(ps.percentage) over w > 0
          then ps.percentage / sum(ps.percentage) over w
          else 1.0 / count(*) over w end as share
      from project_sectors ps join matched m on m.id = ps.project_id
      window w as (partition by ps.project_id)
    )
    select 'total' as dim, null::text as key, null::text as label, flow, price_basis,
      sum(usd)::text as usd, sum(n)::int as n, sum(n_usd)::int as n_usd
    from per_project group by flow, price_basis
    union all
    select 'country', cs.key, null, pp.flow, pp.price_basis,
      round(sum(pp.usd * coalesce(cs.share, 1)), 2)::text, sum(pp.n)::int, sum(pp.n_usd)::int
    from per_project pp left join country_share cs on cs.project_id = pp.project_id
    group by cs.key, pp.flow, pp.price_basis
    union all
    select 'sector', ss.key, null, pp.flow, pp.price_basis,
      round(sum(pp.usd * coalesce(ss.share, 1)), 2)::text, sum(pp.n)::int, sum(pp.n_usd)::int
    from per_project pp left join sector_share ss on ss.project_id = pp.project_id
    group by ss.key, pp.flow, pp.price_basis
    union all
    select 'year', value_year::text, null, flow, price_basis, usd::text, n::int, n_usd::int
    from g where set_id = 5
    union all
    select 'funder', g.funder_org_id::text, o.name, g.flow, g.price_basis, g.usd::text, g.n::int, g.n_usd::int
    from g left join organizations o on o.id = g.funder_org_id where g.set_id = 6
    order by 1, 2 nulls last, 4, 5
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
