/** Writes of an event from its form: the row, its linked projects and organisations, its sources. */
import { randomUUID } from 'node:crypto';
import type { EventValues } from '@srt/shared/event';
import type { Editable, Saved, VersionedId } from '@srt/shared/write';
import { asc, eq } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { eventSearchText } from '../derived.ts';
import { eventOrganizations, eventProjects, events, organizations, projects } from '../schema.ts';
import {
  checkRefs,
  createRecord,
  orNull,
  type RecordSpec,
  refuseDuplicates,
  setDeleted,
  updateRecord,
} from './common.ts';
import { loadLinks, replaceLinks } from './links.ts';

/** The event as its form shows it; deleted ones too (`deleted: true`). Null: no such event. */
export async function eventForEdit(db: Db, id: string): Promise<Editable<EventValues> | null> {
  const [row] = await db.select().from(events).where(eq(events.id, id));
  if (!row) return null;
  // One query after another: inside a transaction they share one connection.
  const linkedProjects = await db
    .select({ id: eventProjects.projectId })
    .from(eventProjects)
    .where(eq(eventProjects.eventId, id))
    .orderBy(asc(eventProjects.projectId));
  const linkedOrgs = await db
    .select({ id: eventOrganizations.organizationId })
    .from(eventOrganizations)
    .where(eq(eventOrganizations.eventId, id))
    .orderBy(asc(eventOrganizations.organizationId));
  const links = await loadLinks(db, { eventId: id });
  return {
    id,
    version: row.version,
    deleted: row.deletedAt !== null,
    values: {
      type: row.type as EventValues['type'],
      title: row.title,
      titleOriginal: row.titleOriginal,
      titleLanguage: row.titleLanguage,
      date: row.date,
      datePrecision: row.datePrecision as EventValues['datePrecision'],
      placeName: row.placeName,
      country: row.country,
      lat: row.lat,
      lon: row.lon,
      description: row.description,
      projectIds: linkedProjects.map((p) => p.id),
      organizationIds: linkedOrgs.map((o) => o.id),
      sources: links,
    },
  };
}

export const eventSpec: RecordSpec<EventValues> = { entity: 'event', table: events, load: eventForEdit };

export async function createEvent(db: Db, actor: string, values: EventValues): Promise<Saved> {
  return createRecord(db, eventSpec, actor, async (tx) => {
    await checkValues(tx, values, null);
    const id = randomUUID();
    await tx.insert(events).values({ id, ...fieldsOf(values), createdBy: actor, updatedBy: actor });
    await writeLinks(tx, id, values, null, new Map());
    return id;
  });
}

export async function updateEvent(
  db: Db,
  actor: string,
  input: VersionedId & { values: EventValues },
): Promise<Saved | null> {
  const { values } = input;
  return updateRecord(db, eventSpec, actor, input, async (tx, before) => {
    await checkValues(tx, values, before.values);
    await tx.update(events).set(fieldsOf(values)).where(eq(events.id, input.id));
    // The form edits which organisations take part, not their role: a role kept from before stays.
    const roles = new Map(
      (
        await tx
          .select({ id: eventOrganizations.organizationId, role: eventOrganizations.role })
          .from(eventOrganizations)
          .where(eq(eventOrganizations.eventId, input.id))
      ).map((r) => [r.id, r.role]),
    );
    await tx.delete(eventProjects).where(eq(eventProjects.eventId, input.id));
    await tx.delete(eventOrganizations).where(eq(eventOrganizations.eventId, input.id));
    await writeLinks(tx, input.id, values, before.values, roles);
  });
}

export const deleteEvent = (db: Db, actor: string, input: VersionedId) =>
  setDeleted(db, eventSpec, actor, input, true);

export const restoreEvent = (db: Db, actor: string, input: VersionedId) =>
  setDeleted(db, eventSpec, actor, input, false);

function fieldsOf(values: EventValues) {
  const fields = {
    type: values.type,
    title: values.title,
    titleOriginal: orNull(values.titleOriginal),
    titleLanguage: orNull(values.titleLanguage),
    date: values.date,
    datePrecision: values.datePrecision,
    placeName: orNull(values.placeName),
    country: orNull(values.country),
    lat: orNull(values.lat),
    lon: orNull(values.lon),
    description: orNull(values.description),
  };
  return { ...fields, searchText: eventSearchText(fields) };
}

async function checkValues(tx: Db, values: EventValues, before: EventValues | null) {
  refuseDuplicates(values.projectIds, (id) => id, 'projectIds', '', 'Project listed twice');
  refuseDuplicates(values.organizationIds, (id) => id, 'organizationIds', '', 'Organisation listed twice');
  await checkRefs(
    tx,
    projects,
    'project',
    values.projectIds.map((id, i) => ({ field: `projectIds.${i}`, id })),
    new Set(before?.projectIds),
  );
  await checkRefs(
    tx,
    organizations,
    'organisation',
    values.organizationIds.map((id, i) => ({ field: `organizationIds.${i}`, id })),
    new Set(before?.organizationIds),
  );
}

async function writeLinks(
  tx: Db,
  eventId: string,
  values: EventValues,
  before: EventValues | null,
  roles: ReadonlyMap<string, string | null>,
) {
  if (values.projectIds.length > 0) {
    await tx.insert(eventProjects).values(values.projectIds.map((projectId) => ({ eventId, projectId })));
  }
  if (values.organizationIds.length > 0) {
    await tx.insert(eventOrganizations).values(
      values.organizationIds.map((organizationId) => ({
        eventId,
        organizationId,
        role: roles.get(organizationId) ?? null,
      })),
    );
  }
  await replaceLinks(tx, { eventId }, values.sources, before?.sources);
}
