import { likePattern } from '@srt/shared/search';
import type { sourceListInputSchema } from '@srt/shared/source';
import { and, asc, count, eq, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../client.ts';
import { sourceLinks, sources } from '../schema.ts';
import { decodeCursor, encodeCursor, pageOf, qualified, rawLikePattern } from './list.ts';

export type ListSourcesParams = z.output<typeof sourceListInputSchema>;

/** Undated sources sort after every dated one (newest first). */
const NO_DATE = '0001-01-01';
const sortDate = sql`coalesce(${sources.publishedDate}, date '0001-01-01')`;

/** Sources, newest first, with the number of live records each one backs. */
export async function listSources(db: Db, params: ListSourcesParams) {
  const { limit, q } = params;
  // Sources carry no normalised search column: match the text as typed and in its folded form.
  const text = (column: SQL) => sql`(lower(${column}) like ${rawLikePattern(q ?? '')}
    or lower(${column}) like ${likePattern(q ?? '')})`;
  const where = and(
    isNull(sources.deletedAt),
    params.kinds?.length ? inArray(sources.kind, params.kinds) : undefined,
    params.projectId
      ? sql`exists (select 1 from ${sourceLinks} where ${sourceLinks.sourceId} = ${sources.id}
          and ${sourceLinks.projectId} = ${params.projectId})`
      : undefined,
    q
      ? sql`(${text(sql`${sources.title}`)} or ${text(sql`coalesce(${sources.publisher}, '')`)}
          or ${text(sql`coalesce(${sources.url}, '')`)})`
      : undefined,
  );
  let after: SQL | undefined;
  if (params.cursor) {
    const { value, id } = decodeCursor(params.cursor, 'date');
    after = sql`(${sortDate}, ${sources.id}) < (${value}::date, ${id}::uuid)`;
  }

  const [fetched, [total]] = await Promise.all([
    db
      .select({
        id: sources.id,
        url: sources.url,
        title: sources.title,
        publisher: sources.publisher,
        publishedDate: sources.publishedDate,
        language: sources.language,
        kind: sources.kind,
        /** Live records (projects, events, funding rows) that cite the source. */
        linkCount: sql<number>`(select count(*) from ${sourceLinks} sl
          left join projects p on p.id = sl.project_id
          left join events e on e.id = sl.event_id
          left join funding f on f.id = sl.funding_id
          where sl.source_id = ${qualified(sources.id)}
            and p.deleted_at is null and e.deleted_at is null and f.deleted_at is null)`.mapWith(Number),
      })
      .from(sources)
      .where(and(where, after))
      .orderBy(sql`${sortDate} desc`, sql`${sources.id} desc`)
      .limit(limit + 1),
    db.select({ n: count() }).from(sources).where(where),
  ]);
  return {
    ...pageOf(fetched, limit, (last) => encodeCursor(last.publishedDate ?? NO_DATE, last.id)),
    total: total?.n ?? 0,
  };
}

/** The live sources a project or an event cites, with the quote of each link, oldest first. */
export function linkedSources(db: Db, target: { projectId: string } | { eventId: string }) {
  const link =
    'projectId' in target
      ? eq(sourceLinks.projectId, target.projectId)
      : eq(sourceLinks.eventId, target.eventId);
  return db
    .select({
      id: sources.id,
      url: sources.url,
      title: sources.title,
      publisher: sources.publisher,
      publishedDate: sources.publishedDate,
      language: sources.language,
      kind: sources.kind,
      quote: sourceLinks.quote,
    })
    .from(sourceLinks)
    .innerJoin(sources, eq(sources.id, sourceLinks.sourceId))
    .where(and(link, isNull(sources.deletedAt)))
    .orderBy(sql`${sources.publishedDate} asc nulls last`, asc(sources.id));
}
