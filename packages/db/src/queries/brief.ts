import type { ProjectFilter } from '@srt/shared/filter';
import { sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { projectFilterWhere } from './filter.ts';

/** Sources listed one by one in a brief (news, official texts, datasets other than IATI files). */
export const BRIEF_SOURCE_ITEMS = 3;

export type BriefSourceGroup = {
  /** `iati-files`: the IATI activity files (one per publisher); `documents`: documents the records link. */
  group: 'iati-files' | 'documents';
  sources: number;
  publishers: number;
  /** Projects of the brief citing at least one source of the group (directly or through a funding row). */
  projects: number;
};

export type BriefSourceItem = {
  id: string;
  title: string;
  publisher: string | null;
  url: string | null;
  publishedDate: string | null;
  kind: string;
  language: string | null;
  projects: number;
};

/**
 * What a country brief needs beyond `stats.summary`, `map.summary` (its regions) and `event.list`, for the
 * projects the shared filter selects in one country (`filter.countries` is replaced by `country`):
 * - `projects`: how many (the same count as `stats.summary`);
 * - `sources`: what the figures rest on — the sources cited by the projects or their live funding rows,
 *   IATI files and linked documents summed up as groups, the others listed (most-cited first);
 * - `asOf`: when the data was last changed (newest update of the projects and their funding rows), the
 *   newest cited source's publication date and the last finished import — all `YYYY-MM-DD` (UTC).
 */
export async function countryBrief(db: Db, params: { country: string; filter: ProjectFilter }) {
  const { country } = params;
  const where = projectFilterWhere({ ...params.filter, countries: [country] });
  const matched = sql`select projects.id from projects where ${where}`;
  // Source links of the matched projects, directly or through a live funding row: (source, project).
  const cited = sql`(
    select sl.source_id, sl.project_id from source_links sl where sl.project_id in (${matched})
    union
    select sl.source_id, f.project_id from source_links sl join funding f on f.id = sl.funding_id
    where f.deleted_at is null and f.project_id in (${matched})
  )`;
  const groupOf = sql`case when s.external_ref like 'iati-file:%' then 'iati-files'
    when s.kind = 'document' then 'documents' end`;

  const counts = db.execute<{ projects: number }>(sql`
    select count(*)::int as projects from projects where ${where}`);
  const groups = db.execute<{
    grp: BriefSourceGroup['group'];
    sources: number;
    publishers: number;
    projects: number;
  }>(sql`
    select ${groupOf} as grp, count(distinct s.id)::int as sources,
      count(distinct s.publisher)::int as publishers, count(distinct c.project_id)::int as projects
    from ${cited} c join sources s on s.id = c.source_id and s.deleted_at is null
    where ${groupOf} is not null
    group by 1 order by 1`);
  const items = db.execute<{
    id: string;
    title: string;
    publisher: string | null;
    url: string | null;
    published_date: string | null;
    kind: string;
    language: string | null;
    projects: number;
    total: number;
  }>(sql`
    select s.id, s.title, s.publisher, s.url, s.published_date::text as published_date, s.kind, s.language,
      count(distinct c.project_id)::int as projects, count(*) over ()::int as total
    from ${cited} c join sources s on s.id = c.source_id and s.deleted_at is null
    where ${groupOf} is null
    group by s.id
    order by projects desc, s.published_date desc nulls last, s.title
    limit ${BRIEF_SOURCE_ITEMS}`);
  const asOf = db.execute<{
    updated_at: string | null;
    newest_source: string | null;
    last_import: string | null;
  }>(sql`
    select (greatest(
        (select max(projects.updated_at) from projects where ${where}),
        (select max(f.updated_at) from funding f where f.deleted_at is null and f.project_id in (${matched}))
      ) at time zone 'UTC')::date::text as updated_at,
      (select max(s.published_date) from ${cited} c join sources s on s.id = c.source_id
        where s.deleted_at is null)::text as newest_source,
      ((select max(r.finished_at) from import_runs r where r.status = 'succeeded' and not r.dry_run)
        at time zone 'UTC')::date::text as last_import`);

  const [countRows, groupRows, itemRows, asOfRows] = await Promise.all([counts, groups, items, asOf]);
  const countRow = countRows.rows[0];
  const asOfRow = asOfRows.rows[0];
  return {
    country,
    projects: Number(countRow?.projects ?? 0),
    sources: {
      groups: groupRows.rows.map(
        (g): BriefSourceGroup => ({
          group: g.grp,
          sources: Number(g.sources),
          publishers: Number(g.publishers),
          projects: Number(g.projects),
        }),
      ),
      items: itemRows.rows.map(
        (s): BriefSourceItem => ({
          id: s.id,
          title: s.title,
          publisher: s.publisher,
          url: s.url,
          publishedDate: s.published_date,
          kind: s.kind,
          language: s.language,
          projects: Number(s.projects),
        }),
      ),
      /** Sources listed one by one in all (`items` holds the first `BRIEF_SOURCE_ITEMS`). */
      itemTotal: Number(itemRows.rows[0]?.total ?? 0),
    },
    asOf: {
      updatedAt: asOfRow?.updated_at ?? null,
      newestSource: asOfRow?.newest_source ?? null,
      lastImport: asOfRow?.last_import ?? null,
    },
  };
}

export type CountryBrief = Awaited<ReturnType<typeof countryBrief>>;
