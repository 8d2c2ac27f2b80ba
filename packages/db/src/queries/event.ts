import type { eventListInputSchema } from '@srt/shared/event';
import type { ProjectFilter } from '@srt/shared/filter';
import { likePattern } from '@srt/shared/search';
import { and, asc, count, eq, gte, inArray, isNull, lte, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { z } from 'zod';
import type { Db } from '../client.ts';
import { eventOrganizations, eventProjects, events, funding, organizations, projects } from '../schema.ts';
import { projectFilterWhere } from './filter.ts';
import { decodeCursor, encodeCursor, pageOf, qualified } from './list.ts';
import { linkedSources } from './source.ts';

export type ListEventsParams = z.output<typeof eventListInputSchema>;

const hasAnyCondition = (filter: ProjectFilter) =>
  Object.values(filter).some((value) => value !== undefined && !(Array.isArray(value) && value.length === 0));

/**
 * The condition on `events` for "events of the projects the shared filter selects": events linked to at
 * least one matching project. A filter that sets nothing restricts nothing, so the overview's event count
 * and the event list agree with and without a filter. `undefined` means no condition.
 */
export function eventsOfProjectsWhere(filter: ProjectFilter | undefined): SQL | undefined {
  if (!filter || !hasAnyCondition(filter)) return undefined;
  return sql`exists (select 1 from ${eventProjects} join ${projects} on ${projects.id} = ${eventProjects.projectId}
    where ${eventProjects.eventId} = ${events.id} and ${projectFilterWhere(filter)})`;
}

/** A page of events, newest first by default, with the total count. */
export async function listEvents(db: Db, params: ListEventsParams) {
  const { direction, limit } = params;
  const where = and(
    isNull(events.deletedAt),
    params.types?.length ? inArray(events.type, params.types) : undefined,
    params.countries?.length ? inArray(events.country, params.countries) : undefined,
    params.dateFrom ? gte(events.date, params.dateFrom) : undefined,
    params.dateTo ? lte(events.date, params.dateTo) : undefined,
    params.projectId
      ? sql`exists (select 1 from ${eventProjects} where ${eventProjects.eventId} = ${events.id} and ${eventProjects.projectId} = ${params.projectId})`
      : undefined,
    params.q ? sql`${events.searchText} like ${likePattern(params.q)}` : undefined,
    eventsOfProjectsWhere(params.projectFilter),
  );
  let after: SQL | undefined;
  if (params.cursor) {
    const { value, id } = decodeCursor(params.cursor, 'date');
    after = sql`(${events.date}, ${events.id}) ${sql.raw(direction === 'asc' ? '>' : '<')} (${value}::date, ${id}::uuid)`;
  }
  const dir = sql.raw(direction);

  const [fetched, [total]] = await Promise.all([
    db
      .select({
        id: events.id,
        type: events.type,
        title: events.title,
        titleOriginal: events.titleOriginal,
        titleLanguage: events.titleLanguage,
        date: events.date,
        datePrecision: events.datePrecision,
        placeName: events.placeName,
        country: events.country,
        lat: events.lat,
        lon: events.lon,
        projectCount:
          sql<number>`(select count(*) from ${eventProjects} ep join ${projects} p on p.id = ep.project_id
          where ep.event_id = ${qualified(events.id)} and p.deleted_at is null)`.mapWith(Number),
      })
      .from(events)
      .where(and(where, after))
      .orderBy(sql`${events.date} ${dir}`, sql`${events.id} ${dir}`)
      .limit(limit + 1),
    db.select({ n: count() }).from(events).where(where),
  ]);
  return {
    ...pageOf(fetched, limit, (last) => encodeCursor(last.date, last.id)),
    total: total?.n ?? 0,
  };
}

/**
 * One event with its linked projects, organisations, the funding pledged (or otherwise recorded) at it and
 * its sources; `null` when there is none with this id or it was deleted.
 */
export async function eventById(db: Db, id: string) {
  const [event] = await db
    .select({
      id: events.id,
      type: events.type,
      title: events.title,
      titleOriginal: events.titleOriginal,
      titleLanguage: events.titleLanguage,
      date: events.date,
      datePrecision: events.datePrecision,
      placeName: events.placeName,
      country: events.country,
      lat: events.lat,
      lon: events.lon,
      description: events.description,
      externalRef: events.externalRef,
      version: events.version,
      createdAt: events.createdAt,
      updatedAt: events.updatedAt,
      createdBy: events.createdBy,
      updatedBy: events.updatedBy,
    })
    .from(events)
    .where(and(eq(events.id, id), isNull(events.deletedAt)));
  if (!event) return null;

  const funderOrg = alias(organizations, 'funder');
  const recipientOrg = alias(organizations, 'recipient');
  const [linkedProjects, orgs, money, citedSources] = await Promise.all([
    db
      .select({
        id: projects.id,
        title: projects.title,
        status: projects.status,
        startYear: projects.startYear,
        endYear: projects.endYear,
      })
      .from(eventProjects)
      .innerJoin(projects, eq(projects.id, eventProjects.projectId))
      .where(and(eq(eventProjects.eventId, id), isNull(projects.deletedAt)))
      .orderBy(asc(projects.title), asc(projects.id)),
    db
      .select({
        id: organizations.id,
        name: organizations.name,
        nameLocal: organizations.nameLocal,
        acronym: organizations.acronym,
        type: organizations.type,
        country: organizations.country,
        role: eventOrganizations.role,
      })
      .from(eventOrganizations)
      .innerJoin(organizations, eq(organizations.id, eventOrganizations.organizationId))
      .where(and(eq(eventOrganizations.eventId, id), isNull(organizations.deletedAt)))
      .orderBy(asc(organizations.name), asc(organizations.id)),
    db
      .select({
        id: funding.id,
        projectId: funding.projectId,
        projectTitle: projects.title,
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
        funderOrgId: funding.funderOrgId,
        funderName: funderOrg.name,
        recipientOrgId: funding.recipientOrgId,
        recipientName: recipientOrg.name,
      })
      .from(funding)
      .innerJoin(projects, eq(projects.id, funding.projectId))
      .leftJoin(funderOrg, eq(funderOrg.id, funding.funderOrgId))
      .leftJoin(recipientOrg, eq(recipientOrg.id, funding.recipientOrgId))
      .where(and(eq(funding.eventId, id), isNull(funding.deletedAt), isNull(projects.deletedAt)))
      .orderBy(asc(funding.flow), asc(funding.id)),
    linkedSources(db, { eventId: id }),
  ]);
  return { ...event, projects: linkedProjects, organizations: orgs, funding: money, sources: citedSources };
}
