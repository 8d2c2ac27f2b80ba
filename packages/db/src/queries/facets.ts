import type { ProjectFilter } from '@srt/shared/filter';
import { and, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { organizations, projects } from '../schema.ts';
import { projectFilterWhere } from './filter.ts';

const FUNDING_ROLE = 1;
/** The funder facet lists the most frequent funders; selected ones are always included. */
export const FUNDER_FACET_LIMIT = 100;

export type FacetCount<K extends string | number = string> = { code: K; count: number };

/** The filter without one of its fields. */
function without<F extends keyof ProjectFilter>(filter: ProjectFilter, field: F): ProjectFilter {
  const { [field]: _left, ...rest } = filter;
  return rest;
}

const counts = <K extends string | number>(rows: { code: K; count: number | string }[]): FacetCount<K>[] =>
  rows.map((r) => ({ code: r.code, count: Number(r.count) }));

/**
 * How many projects each value of each filter field would select — the counts next to the options of
 * the filter panel. Each field is counted against the filter with that field left out (the other fields
 * applied), as faceted search does: the country counts say how many projects each country would add to
 * or give on its own within the rest of the filter, and selecting one country does not zero the others.
 * A project counts once per value it has (a two-country project counts for both), so the counts of a
 * field can add up to more than the total. Sector counts are given per category and per code; funders
 * are matched as the filter matches them (funding participant, or funder of a live funding row).
 */
export async function projectFacets(db: Db, filter: ProjectFilter) {
  const where = (field: keyof ProjectFilter): SQL => projectFilterWhere(without(filter, field));

  const countries = db.execute<{ code: string; count: number }>(sql`
    select pc.country::text as code, count(*)::int as count
    from ${projects} join project_countries pc on pc.project_id = ${projects.id}
    where ${where('countries')}
    group by pc.country order by count desc, code`);

  // Initiative counts keep the basis the filter asks for; basis counts keep the initiatives.
  const initiatives = db.execute<{ code: string; count: number }>(sql`
    select pi.initiative as code, count(distinct pi.project_id)::int as count
    from ${projects} join project_initiatives pi on pi.project_id = ${projects.id}
      ${filter.initiativeBasis ? sql`and pi.basis = ${filter.initiativeBasis}` : sql``}
    where ${where('initiatives')}
    group by pi.initiative order by count desc, code`);
  const initiativeBases = db.execute<{ code: string; count: number }>(sql`
    select pi.basis as code, count(distinct pi.project_id)::int as count
    from ${projects} join project_initiatives pi on pi.project_id = ${projects.id}
      ${filter.initiatives?.length ? sql`and pi.initiative in ${filter.initiatives}` : sql``}
    where ${where('initiativeBasis')}
    group by pi.basis order by code`);

  const sectors = db.execute<{ category: string | null; code: string | null; count: number }>(sql`
    select left(ps.sector, 2) || '0' as category,
      case when grouping(ps.sector) = 0 then ps.sector end as code,
      count(distinct ps.project_id)::int as count
    from ${projects} join project_sectors ps on ps.project_id = ${projects.id}
    where ${where('sectors')}
    group by grouping sets ((left(ps.sector, 2) || '0'), (left(ps.sector, 2) || '0', ps.sector))
    order by count desc, category, code`);

  const statuses = db.execute<{ code: number; count: number }>(sql`
    select ${projects.status} as code, count(*)::int as count
    from ${projects}
    where ${where('statuses')} and ${projects.status} is not null
    group by ${projects.status} order by ${projects.status}`);

  const selected = filter.funders ?? [];
  const funders = db.execute<{ id: string; name: string; count: number }>(sql`
    with funded as (
      select project_id, organization_id as org_id from participants where role = ${FUNDING_ROLE}
      union
      select project_id, funder_org_id from funding where deleted_at is null and funder_org_id is not null
    )
    select o.id, o.name, count(distinct funded.project_id)::int as count
    from ${projects}
      join funded on funded.project_id = ${projects.id}
      join organizations o on o.id = funded.org_id and o.deleted_at is null
    where ${where('funders')}
    group by o.id, o.name
    order by ${selected.length ? sql`(o.id in ${selected}) desc,` : sql``} count desc, o.name, o.id
    limit ${FUNDER_FACET_LIMIT}`);

  const years = db.execute<{ min: number | null; max: number | null }>(sql`
    select min(coalesce(${projects.startYear}, ${projects.endYear}))::int as min,
      max(coalesce(${projects.endYear}, ${projects.startYear}))::int as max
    from ${projects}
    where ${projectFilterWhere(without(without(filter, 'yearFrom'), 'yearTo'))}`);

  const [c, i, b, s, st, f, y] = await Promise.all([
    countries,
    initiatives,
    initiativeBases,
    sectors,
    statuses,
    funders,
    years,
  ]);

  // A selected funder the other fields exclude has no row: list it with 0, so the picker can name it.
  const listed = new Set(f.rows.map((r) => r.id));
  const missing = selected.filter((id) => !listed.has(id));
  const missingNames = missing.length
    ? await db
        .select({ id: organizations.id, name: organizations.name })
        .from(organizations)
        .where(and(inArray(organizations.id, missing), isNull(organizations.deletedAt)))
    : [];

  return {
    countries: counts(c.rows),
    initiatives: counts(i.rows),
    initiativeBases: counts(b.rows),
    /** Per sector category (`320`), whatever the codes' length in the data. */
    sectorCategories: counts(
      s.rows
        .filter((r) => r.code === null && r.category !== null)
        .map((r) => ({ ...r, code: r.category ?? '' })),
    ),
    /** Per code as the data has it (DAC-5, or DAC-3 where that is all a source gives). */
    sectors: counts(s.rows.flatMap((r) => (r.code === null ? [] : [{ code: r.code, count: r.count }]))),
    statuses: counts(st.rows.map((r) => ({ code: Number(r.code), count: r.count }))),
    funders: [
      ...f.rows.map((r) => ({ id: r.id, name: r.name, count: Number(r.count) })),
      ...missingNames.map((o) => ({ id: o.id, name: o.name, count: 0 })),
    ],
    /** The span of years the projects matching the rest of the filter cover (for the year inputs). */
    years: { min: y.rows[0]?.min ?? null, max: y.rows[0]?.max ?? null },
  };
}

export type ProjectFacets = Awaited<ReturnType<typeof projectFacets>>;
