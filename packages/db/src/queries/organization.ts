import type { organizationListInputSchema } from '@srt/shared/organization';
import { likePattern } from '@srt/shared/search';
import { and, count, inArray, isNull, or, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../client.ts';
import { funding, organizations, participants, projects } from '../schema.ts';
import { decodeCursor, encodeCursor, pageOf, qualified, rawLikePattern } from './list.ts';

export type ListOrganizationsParams = z.output<typeof organizationListInputSchema>;

const FUNDING_ROLE = 1;

/** Organisations by name, with the number of (live) projects they take part in. */
export async function listOrganizations(db: Db, params: ListOrganizationsParams) {
  const { limit, q, role } = params;
  const takesRole =
    role === undefined
      ? undefined
      : or(
          sql`exists (select 1 from ${participants} join ${projects} on ${projects.id} = ${participants.projectId}
            where ${participants.organizationId} = ${organizations.id} and ${participants.role} = ${role}
            and ${projects.deletedAt} is null)`,
          // A funder also shows in funding rows without being listed as a participant (as the filter has it).
          role === FUNDING_ROLE
            ? sql`exists (select 1 from ${funding} join ${projects} on ${projects.id} = ${funding.projectId}
                where ${funding.funderOrgId} = ${organizations.id} and ${funding.deletedAt} is null
                and ${projects.deletedAt} is null)`
            : undefined,
        );
  const where = and(
    isNull(organizations.deletedAt),
    params.types?.length ? inArray(organizations.type, params.types) : undefined,
    takesRole,
    q
      ? sql`(${organizations.nameKey} like ${likePattern(q)}
          or lower(${organizations.name}) like ${rawLikePattern(q)}
          or lower(coalesce(${organizations.nameLocal}, '')) like ${rawLikePattern(q)}
          or lower(coalesce(${organizations.acronym}, '')) like ${rawLikePattern(q)})`
      : undefined,
  );
  let after: SQL | undefined;
  if (params.cursor) {
    const { value, id } = decodeCursor(params.cursor, 'text');
    after = sql`(${organizations.name}, ${organizations.id}) > (${value}::text, ${id}::uuid)`;
  }

  const [fetched, [total]] = await Promise.all([
    db
      .select({
        id: organizations.id,
        name: organizations.name,
        nameLocal: organizations.nameLocal,
        acronym: organizations.acronym,
        type: organizations.type,
        country: organizations.country,
        iatiRef: organizations.iatiRef,
        projectCount: sql<number>`(select count(distinct pt.project_id) from ${participants} pt
          join ${projects} p on p.id = pt.project_id
          where pt.organization_id = ${qualified(organizations.id)} and p.deleted_at is null)`.mapWith(
          Number,
        ),
      })
      .from(organizations)
      .where(and(where, after))
      .orderBy(organizations.name, organizations.id)
      .limit(limit + 1),
    db.select({ n: count() }).from(organizations).where(where),
  ]);
  return {
    ...pageOf(fetched, limit, (last) => encodeCursor(last.name, last.id)),
    total: total?.n ?? 0,
  };
}
