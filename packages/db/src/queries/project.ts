import type { projectListInputSchema } from '@srt/shared/project';
import { projectQuality } from '@srt/shared/quality';
import { and, asc, eq, isNull, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { z } from 'zod';
import type { Db } from '../client.ts';
import { projectQualityFacts } from '../quality.ts';
import {
  eventProjects,
  events,
  funding,
  locations,
  organizations,
  participants,
  projectCountries,
  projectInitiatives,
  projectSectors,
  projects,
  sourceLinks,
  sources,
} from '../schema.ts';
import { projectFilterWhere } from './filter.ts';
import { type CursorKind, decodeCursor, encodeCursor, pageOf } from './list.ts';
import { linkedSources } from './source.ts';

export type ListProjectsParams = z.output<typeof projectListInputSchema>;
type ProjectSort = ListProjectsParams['sort'];
type SortDirection = ListProjectsParams['direction'];

/** The flows a list row sums; incoming flows restate another party's outgoing flow and stay in detail views. */
const LIST_FLOWS = ['pledge', 'commitment', 'disbursement', 'expenditure'] as const;

// Missing start years sort last in both directions, and the sentinel keeps the keyset comparison total.
const NO_YEAR_ASC = 32767;
const NO_YEAR_DESC = -32768;

function sortKey(sort: ProjectSort, direction: SortDirection): { expr: SQL; kind: CursorKind; cast: SQL } {
  switch (sort) {
    case 'title':
      return { expr: sql`${projects.title}`, kind: 'text', cast: sql`text` };
    case 'startYear':
      return {
        expr: sql`coalesce(${projects.startYear}, ${sql.raw(String(direction === 'asc' ? NO_YEAR_ASC : NO_YEAR_DESC))})`,
        kind: 'int',
        cast: sql`integer`,
      };
    case 'updatedAt':
      return { expr: sql`${projects.updatedAt}`, kind: 'timestamp', cast: sql`timestamptz` };
    case 'quality':
      return { expr: sql`${projects.qualityScore}`, kind: 'int', cast: sql`integer` };
    case 'committed':
    case 'disbursed':
      return {
        expr: usdSumKey(sort === 'committed' ? 'commitment' : 'disbursement', direction),
        kind: 'text',
        cast: sql`numeric`,
      };
  }
}

/**
 * A project's USD sum of one flow, as a sort key: the same sum the row shows (every price basis, as the
 * row's `priceBases` says). Projects with none sort last in both directions. Ordering by it aggregates the
 * funding of every matching project, so these sorts cost more than the others on a large corpus.
 */
function usdSumKey(flow: 'commitment' | 'disbursement', direction: SortDirection): SQL {
  const none = direction === 'asc' ? '1e30' : '-1';
  return sql`coalesce((select sum(f.amount_usd) from ${funding} f where f.project_id = ${projects.id} and f.flow = ${flow} and f.deleted_at is null), ${sql.raw(none)})`;
}

type ListRow = {
  id: string;
  title: string;
  title_original: string | null;
  title_language: string | null;
  iati_identifier: string | null;
  status: number | null;
  start_year: number | null;
  end_year: number | null;
  quality_score: number;
  sort_value: string;
  countries: string[];
  sectors: string[];
  initiatives: { initiative: string; basis: string }[];
  pledged_usd: string | null;
  committed_usd: string | null;
  disbursed_usd: string | null;
  expenditure_usd: string | null;
  price_bases: string[];
};

/**
 * One page of projects matching the shared filter, with the total count. Keyset pagination on
 * `(sort value, id)`: pages never repeat or skip a row while the data stays still. The page's codes and
 * per-flow USD sums are gathered for the page's rows only, so the cost does not grow with the table.
 */
export async function listProjects(db: Db, params: ListProjectsParams) {
  const { filter, sort, direction, limit } = params;
  const key = sortKey(sort, direction);
  const dir = sql.raw(direction);
  const where = projectFilterWhere(filter);
  let after: SQL = sql`true`;
  if (params.cursor) {
    const { value, id } = decodeCursor(params.cursor, key.kind);
    after = sql`(${key.expr}, ${projects.id}) ${sql.raw(direction === 'asc' ? '>' : '<')} (${value}::${key.cast}, ${id}::uuid)`;
  }
  const flows = sql.join(
    LIST_FLOWS.map((f) => sql`${f}`),
    sql`, `,
  );

  const pageQuery = db.execute<ListRow>(sql`
    with page as (
      select ${projects.id} as id, ${key.expr} as sort_value
      from ${projects}
      where ${where} and ${after}
      order by ${key.expr} ${dir}, ${projects.id} ${dir}
      limit ${limit + 1}
    )
    select p.id, p.title, p.title_original, p.title_language, p.iati_identifier, p.status,
      p.start_year, p.end_year, p.quality_score, page.sort_value::text as sort_value,
      coalesce((select array_agg(pc.country::text order by pc.country) from project_countries pc
        where pc.project_id = p.id), '{}') as countries,
      coalesce((select array_agg(ps.sector order by ps.sector) from project_sectors ps
        where ps.project_id = p.id), '{}') as sectors,
      coalesce((select json_agg(json_build_object('initiative', pi.initiative, 'basis', pi.basis)
        order by pi.initiative) from project_initiatives pi where pi.project_id = p.id), '[]') as initiatives,
      fs.pledged::text as pledged_usd, fs.committed::text as committed_usd,
      fs.disbursed::text as disbursed_usd, fs.spent::text as expenditure_usd,
      coalesce(fs.bases, '{}') as price_bases
    from page
    join projects p on p.id = page.id
    left join lateral (
      select
        sum(f.amount_usd) filter (where f.flow = 'pledge') as pledged,
        sum(f.amount_usd) filter (where f.flow = 'commitment') as committed,
        sum(f.amount_usd) filter (where f.flow = 'disbursement') as disbursed,
        sum(f.amount_usd) filter (where f.flow = 'expenditure') as spent,
        array_agg(distinct f.price_basis order by f.price_basis) filter (where f.amount_usd is not null) as bases
      from funding f
      where f.project_id = p.id and f.deleted_at is null and f.flow in (${flows})
    ) fs on true
    order by page.sort_value ${dir}, page.id ${dir}
  `);
  const totalQuery = db.execute<{ total: number }>(
    sql`select count(*)::int as total from ${projects} where ${where}`,
  );
  const [page, totalResult] = await Promise.all([pageQuery, totalQuery]);

  const { rows, nextCursor } = pageOf(page.rows, limit, (last) =>
    encodeCursor(key.kind === 'int' ? Number(last.sort_value) : last.sort_value, last.id),
  );
  return {
    rows: rows.map((r) => ({
      id: r.id,
      title: r.title,
      titleOriginal: r.title_original,
      titleLanguage: r.title_language,
      iatiIdentifier: r.iati_identifier,
      status: r.status,
      startYear: r.start_year,
      endYear: r.end_year,
      countries: r.countries,
      sectors: r.sectors,
      initiatives: r.initiatives,
      qualityScore: r.quality_score,
      pledgedUsd: r.pledged_usd,
      committedUsd: r.committed_usd,
      disbursedUsd: r.disbursed_usd,
      expenditureUsd: r.expenditure_usd,
      /** The price bases the USD sums include: more than one means the sums mix bases. */
      priceBases: r.price_bases,
    })),
    total: totalResult.rows[0]?.total ?? 0,
    nextCursor,
  };
}

export type ProjectListResult = Awaited<ReturnType<typeof listProjects>>;

/** Everything about one project; `null` when there is none with this id or it was deleted. */
export async function projectById(db: Db, id: string) {
  const [project] = await db
    .select({
      id: projects.id,
      iatiIdentifier: projects.iatiIdentifier,
      externalRef: projects.externalRef,
      title: projects.title,
      titleOriginal: projects.titleOriginal,
      titleLanguage: projects.titleLanguage,
      description: projects.description,
      status: projects.status,
      plannedStart: projects.plannedStart,
      plannedEnd: projects.plannedEnd,
      actualStart: projects.actualStart,
      actualEnd: projects.actualEnd,
      startYear: projects.startYear,
      endYear: projects.endYear,
      qualityScore: projects.qualityScore,
      raw: projects.raw,
      version: projects.version,
      createdAt: projects.createdAt,
      updatedAt: projects.updatedAt,
      createdBy: projects.createdBy,
      updatedBy: projects.updatedBy,
    })
    .from(projects)
    .where(and(eq(projects.id, id), isNull(projects.deletedAt)));
  if (!project) return null;

  const funderOrg = alias(organizations, 'funder');
  const recipientOrg = alias(organizations, 'recipient');
  const [countries, sectors, initiatives, orgs, places, money, linkedEvents, citedSources, facts] =
    await Promise.all([
      db
        .select({ country: projectCountries.country, percentage: projectCountries.percentage })
        .from(projectCountries)
        .where(eq(projectCountries.projectId, id))
        .orderBy(asc(projectCountries.country)),
      db
        .select({ sector: projectSectors.sector, percentage: projectSectors.percentage })
        .from(projectSectors)
        .where(eq(projectSectors.projectId, id))
        .orderBy(asc(projectSectors.sector)),
      db
        .select({
          initiative: projectInitiatives.initiative,
          basis: projectInitiatives.basis,
          note: projectInitiatives.note,
          sourceId: projectInitiatives.sourceId,
          sourceTitle: sources.title,
          sourceUrl: sources.url,
        })
        .from(projectInitiatives)
        .leftJoin(sources, eq(sources.id, projectInitiatives.sourceId))
        .where(eq(projectInitiatives.projectId, id))
        .orderBy(asc(projectInitiatives.initiative)),
      db
        .select({
          organizationId: organizations.id,
          name: organizations.name,
          nameLocal: organizations.nameLocal,
          acronym: organizations.acronym,
          type: organizations.type,
          country: organizations.country,
          role: participants.role,
        })
        .from(participants)
        .innerJoin(organizations, eq(organizations.id, participants.organizationId))
        .where(eq(participants.projectId, id))
        .orderBy(asc(participants.role), asc(organizations.name), asc(organizations.id)),
      db
        .select({
          id: locations.id,
          name: locations.name,
          lat: locations.lat,
          lon: locations.lon,
          precision: locations.precision,
          admin1Code: locations.admin1Code,
          country: locations.country,
          problem: locations.problem,
        })
        .from(locations)
        .where(eq(locations.projectId, id))
        .orderBy(asc(locations.country), asc(locations.name), asc(locations.id)),
      db
        .select({
          id: funding.id,
          flow: funding.flow,
          amount: funding.amount,
          currency: funding.currency,
          priceBasis: funding.priceBasis,
          valueDate: funding.valueDate,
          amountUsd: funding.amountUsd,
          usdRate: funding.usdRate,
          rateSource: funding.rateSource,
          instrument: funding.instrument,
          estimated: funding.estimated,
          eventId: funding.eventId,
          funderOrgId: funding.funderOrgId,
          funderName: funderOrg.name,
          recipientOrgId: funding.recipientOrgId,
          recipientName: recipientOrg.name,
          externalRef: funding.externalRef,
          version: funding.version,
        })
        .from(funding)
        .leftJoin(funderOrg, eq(funderOrg.id, funding.funderOrgId))
        .leftJoin(recipientOrg, eq(recipientOrg.id, funding.recipientOrgId))
        .where(and(eq(funding.projectId, id), isNull(funding.deletedAt)))
        .orderBy(sql`${funding.valueDate} asc nulls last`, asc(funding.flow), asc(funding.id)),
      db
        .select({
          id: events.id,
          type: events.type,
          title: events.title,
          date: events.date,
          datePrecision: events.datePrecision,
          placeName: events.placeName,
          country: events.country,
        })
        .from(eventProjects)
        .innerJoin(events, eq(events.id, eventProjects.eventId))
        .where(and(eq(eventProjects.projectId, id), isNull(events.deletedAt)))
        .orderBy(asc(events.date), asc(events.id)),
      linkedSources(db, { projectId: id }),
      projectQualityFacts(db, [id]),
    ]);

  const qualityFacts = facts.get(id);
  const moneySources = await fundingSourcesOf(db, id);
  return {
    ...project,
    countries: countries.map((c) => ({ country: c.country, percentage: toNumber(c.percentage) })),
    sectors: sectors.map((s) => ({ sector: s.sector, percentage: toNumber(s.percentage) })),
    initiatives,
    participants: orgs,
    locations: places,
    funding: money,
    events: linkedEvents,
    sources: citedSources,
    /** The sources each funding row cites (a row may cite a source the project as a whole does not). */
    fundingSources: moneySources,
    quality: qualityFacts ? projectQuality(qualityFacts) : { score: project.qualityScore, missing: [] },
  };
}

/** Source links of a project's live funding rows: `{ fundingId, sourceId, title, url }`. */
async function fundingSourcesOf(db: Db, projectId: string) {
  const rows = await db
    .select({
      fundingId: sourceLinks.fundingId,
      sourceId: sources.id,
      title: sources.title,
      url: sources.url,
    })
    .from(sourceLinks)
    .innerJoin(sources, eq(sources.id, sourceLinks.sourceId))
    .innerJoin(funding, eq(funding.id, sourceLinks.fundingId))
    .where(and(eq(funding.projectId, projectId), isNull(funding.deletedAt), isNull(sources.deletedAt)))
    .orderBy(asc(sourceLinks.fundingId), sql`${sources.publishedDate} asc nulls last`, asc(sources.id));
  return rows.flatMap(({ fundingId, ...source }) => (fundingId ? [{ fundingId, ...source }] : []));
}

export type ProjectDetail = NonNullable<Awaited<ReturnType<typeof projectById>>>;

/** Percentages are shares, not money: a number is what a chart needs. */
const toNumber = (value: string | null): number | null => (value === null ? null : Number(value));

export type ProjectNeighborsParams = Pick<ListProjectsParams, 'filter' | 'sort' | 'direction'> & {
  id: string;
};
type NeighborRow = { id: string; title: string };

/**
 * The projects just before and after `id` in the list the filter and sort give (the order and keyset of
 * `listProjects`), and its 1-based position there. A project the filter does not select has no place in
 * that list: position and neighbours are null.
 */
export async function projectNeighbors(db: Db, params: ProjectNeighborsParams) {
  const { filter, sort, direction, id } = params;
  const key = sortKey(sort, direction);
  const where = projectFilterWhere(filter);
  // The current row's key, computed in SQL and compared as a row value: no round trip through text.
  const current = sql`(select ${key.expr}, ${projects.id} from ${projects} where ${projects.id} = ${id} and ${where})`;
  const step = (forward: boolean) => {
    const after = forward === (direction === 'asc');
    const dir = sql.raw(after ? 'asc' : 'desc');
    return db.execute<NeighborRow>(sql`
      select ${projects.id} as id, ${projects.title} as title from ${projects}
      where ${where} and (${key.expr}, ${projects.id}) ${sql.raw(after ? '>' : '<')} ${current}
      order by ${key.expr} ${dir}, ${projects.id} ${dir}
      limit 1`);
  };
  const before = sql.raw(direction === 'asc' ? '<' : '>');
  const [previous, next, counts] = await Promise.all([
    step(false),
    step(true),
    db.execute<{ total: number; before: number | null; found: boolean }>(sql`
      select count(*)::int as total,
        (count(*) filter (where (${key.expr}, ${projects.id}) ${before} ${current}))::int as before,
        exists ${current} as found
      from ${projects} where ${where}`),
  ]);
  const row = counts.rows[0];
  const found = row?.found === true;
  return {
    previous: found ? (previous.rows[0] ?? null) : null,
    next: found ? (next.rows[0] ?? null) : null,
    /** 1-based place of the project in the filtered list; null when the filter does not select it. */
    position: found ? (row?.before ?? 0) + 1 : null,
    total: row?.total ?? 0,
  };
}
