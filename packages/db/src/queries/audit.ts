import {
  type ActorKind,
  type AuditEntity,
  actorKind,
  type auditChangesInputSchema,
  type auditHistoryInputSchema,
} from '@srt/shared/audit';
import { diffRecords, type FieldChange } from '@srt/shared/diff';
import { and, desc, eq, gte, inArray, lt, ne, or, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../client.ts';
import {
  auditEntries,
  events,
  funding,
  importRuns,
  organizations,
  projects,
  sources,
  users,
} from '../schema.ts';
import { QueryInputError } from './list.ts';

/**
 * The audit trail read back: one record's history with field-by-field diffs, and the feed of recent
 * changes across the database. Both are keyset-paged newest first on (at, id): `at` is the time of the
 * transaction, `id` the order within it. Indexes: `audit_entity_idx` (entity, entity_id, at) serves a
 * record's history, `audit_at_idx` (at) the feed.
 */

type HistoryParams = z.output<typeof auditHistoryInputSchema>;
type ChangesParams = z.output<typeof auditChangesInputSchema>;

export type AuditActor = {
  /** As stored: a user id, `seed`, `import:<run id>`, `cli:<login>`, … */
  id: string;
  kind: ActorKind;
  /** A user's display name, an import's file name, a command-line login; null when unknown. */
  name: string | null;
};

/** A record another one refers to (an organisation, a source, a project …), named for the diff. */
export type NamedRef = { entity: AuditEntity; title: string };

export type HistoryEntry = {
  id: string;
  at: string;
  action: string;
  actor: AuditActor;
  versionBefore: number | null;
  versionAfter: number | null;
  changes: FieldChange[];
  /**
   * Set on a funding row's history for a change of the exchange rate the row uses (entity `rate`, id
   * `CUR-YEAR`): saving a rate re-computes the row's USD value without an entry of the row's own.
   */
  rate?: { id: string; currency: string; year: number } | undefined;
};

export type RecordTitle = {
  title: string;
  /** Funding rows: the parts of the title, so the page can show them in its language. */
  funding?: { flow: string; amount: string; currency: string; projectId: string | null } | undefined;
  deleted: boolean;
};

export type ChangeRow = {
  id: string;
  at: string;
  action: string;
  actor: AuditActor;
  entity: string;
  entityId: string;
  title: RecordTitle | null;
  /** Where the change can be read in the web app; null for records without a page. */
  href: string | null;
  /** Names of the fields that changed, in display order. */
  fields: string[];
};

const columns = {
  id: auditEntries.id,
  at: auditEntries.at,
  actor: auditEntries.actor,
  entity: auditEntries.entity,
  entityId: auditEntries.entityId,
  action: auditEntries.action,
  before: auditEntries.before,
  after: auditEntries.after,
};
type Row = { [K in keyof typeof columns]: (typeof columns)[K]['_']['data'] };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID.test(value);

/** Timestamps as ISO 8601 in UTC, whichever driver returned them. */
const isoTime = (value: string) => {
  const date = new Date(
    value.includes('T') ? value : value.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00'),
  );
  return Number.isNaN(date.getTime()) ? value : date.toISOString();
};

const versionOf = (snapshot: unknown): number | null =>
  typeof snapshot === 'object' &&
  snapshot !== null &&
  'version' in snapshot &&
  typeof snapshot.version === 'number'
    ? snapshot.version
    : null;

/** The (at, id) of the entry a cursor names, as a condition for the entries after it (older). */
async function afterCursor(db: Db, cursor: string | null | undefined): Promise<SQL | undefined> {
  if (!cursor) return undefined;
  const [entry] = await db
    .select({ at: auditEntries.at })
    .from(auditEntries)
    .where(eq(auditEntries.id, Number(cursor)));
  if (!entry) throw new QueryInputError('cursor', 'Malformed cursor: not a cursor returned by this API');
  const id = Number(cursor);
  // Spelled out (not a row comparison) so that `at` bounds an index scan of audit_at_idx.
  return and(
    sql`${auditEntries.at} <= ${entry.at}::timestamptz`,
    or(sql`${auditEntries.at} < ${entry.at}::timestamptz`, lt(auditEntries.id, id)),
  );
}

const page = <T extends { id: number }>(rows: T[], limit: number) =>
  rows.length > limit
    ? { rows: rows.slice(0, limit), nextCursor: String(rows[limit - 1]?.id) }
    : { rows, nextCursor: null };

// ---- actors ---------------------------------------------------------------------------------------------

async function describeActors(db: Db, actors: Iterable<string>): Promise<Map<string, AuditActor>> {
  const out = new Map<string, AuditActor>();
  const userIds: string[] = [];
  const runIds: string[] = [];
  for (const actor of new Set(actors)) {
    const process = actorKind(actor);
    if (!process) {
      userIds.push(actor);
      continue;
    }
    out.set(actor, { id: actor, kind: process.kind, name: process.kind === 'cli' ? process.ref : null });
    if (process.kind === 'import' && isUuid(process.ref)) runIds.push(process.ref);
  }
  const [userRows, runRows] = await Promise.all([
    userIds.length > 0
      ? db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, userIds))
      : [],
    runIds.length > 0
      ? db
          .select({ id: importRuns.id, fileName: importRuns.fileName })
          .from(importRuns)
          .where(inArray(importRuns.id, runIds))
      : [],
  ]);
  const names = new Map(userRows.map((u) => [u.id, u.name]));
  for (const id of userIds) {
    const name = names.get(id);
    // Not a user (any more): a process with a name of its own, shown as it is.
    out.set(id, name === undefined ? { id, kind: 'system', name: null } : { id, kind: 'user', name });
  }
  for (const run of runRows)
    out.set(`import:${run.id}`, { id: `import:${run.id}`, kind: 'import', name: run.fileName });
  return out;
}

const fallbackActor = (id: string): AuditActor => ({ id, kind: 'system', name: null });

// ---- record titles ----------------------------------------------------------------------------------------

const fundingTitle = (f: { flow: string; amount: string; currency: string }) =>
  `${f.flow} ${f.amount} ${f.currency}`;

/** Current titles of records by entity and id (deleted ones too: their history stays readable). */
async function recordTitles(
  db: Db,
  wanted: { entity: string; id: string }[],
): Promise<Map<string, RecordTitle>> {
  const ids = (entity: string) => [
    ...new Set(wanted.filter((w) => w.entity === entity && isUuid(w.id)).map((w) => w.id)),
  ];
  const out = new Map<string, RecordTitle>();
  const put = (entity: string, id: string, title: RecordTitle) => out.set(`${entity}:${id}`, title);
  const [p, e, f, o, s] = [ids('project'), ids('event'), ids('funding'), ids('organization'), ids('source')];
  const deleted = (at: string | null) => at !== null;
  await Promise.all([
    p.length > 0 &&
      db
        .select({ id: projects.id, title: projects.title, deletedAt: projects.deletedAt })
        .from(projects)
        .where(inArray(projects.id, p))
        .then((rows) => {
          for (const r of rows) put('project', r.id, { title: r.title, deleted: deleted(r.deletedAt) });
        }),
    e.length > 0 &&
      db
        .select({ id: events.id, title: events.title, deletedAt: events.deletedAt })
        .from(events)
        .where(inArray(events.id, e))
        .then((rows) => {
          for (const r of rows) put('event', r.id, { title: r.title, deleted: deleted(r.deletedAt) });
        }),
    f.length > 0 &&
      db
        .select({
          id: funding.id,
          flow: funding.flow,
          amount: funding.amount,
          currency: funding.currency,
          projectId: funding.projectId,
          deletedAt: funding.deletedAt,
        })
        .from(funding)
        .where(inArray(funding.id, f))
        .then((rows) => {
          for (const r of rows) {
            const parts = { flow: r.flow, amount: r.amount, currency: r.currency, projectId: r.projectId };
            put('funding', r.id, {
              title: fundingTitle(parts),
              funding: parts,
              deleted: deleted(r.deletedAt),
            });
          }
        }),
    o.length > 0 &&
      db
        .select({
          id: organizations.id,
          name: organizations.name,
          acronym: organizations.acronym,
          deletedAt: organizations.deletedAt,
        })
        .from(organizations)
        .where(inArray(organizations.id, o))
        .then((rows) => {
          for (const r of rows) {
            const title = r.acronym && r.acronym !== r.name ? `${r.name} (${r.acronym})` : r.name;
            put('organization', r.id, { title, deleted: deleted(r.deletedAt) });
          }
        }),
    s.length > 0 &&
      db
        .select({ id: sources.id, title: sources.title, deletedAt: sources.deletedAt })
        .from(sources)
        .where(inArray(sources.id, s))
        .then((rows) => {
          for (const r of rows) put('source', r.id, { title: r.title, deleted: deleted(r.deletedAt) });
        }),
  ]);
  const userIds = [...new Set(wanted.filter((w) => w.entity === 'user').map((w) => w.id))];
  if (userIds.length > 0) {
    const rows = await db
      .select({ id: users.id, name: users.name })
      .from(users)
      .where(inArray(users.id, userIds));
    for (const r of rows) put('user', r.id, { title: r.name, deleted: false });
  }
  for (const w of wanted) {
    // An exchange rate's id is its title: `AZN-2019` → `AZN 2019`.
    if (w.entity === 'rate') put('rate', w.id, { title: w.id.replace('-', ' '), deleted: false });
  }
  return out;
}

/** A title from the snapshot itself, for a record that is gone from its table. */
function snapshotTitle(entity: string, row: Row): RecordTitle | null {
  const snap = (row.after ?? row.before) as Record<string, unknown> | null;
  if (!snap) return null;
  if (entity === 'funding' && typeof snap.flow === 'string' && typeof snap.currency === 'string') {
    const parts = {
      flow: snap.flow,
      amount: String(snap.amount ?? ''),
      currency: snap.currency,
      projectId: typeof snap.projectId === 'string' ? snap.projectId : null,
    };
    return { title: fundingTitle(parts), funding: parts, deleted: true };
  }
  const title = snap.title ?? snap.name;
  return typeof title === 'string' ? { title, deleted: true } : null;
}

export function hrefOf(entity: string, id: string): string | null {
  switch (entity) {
    case 'project':
      return `/projects/${id}/history`;
    case 'event':
      return `/events/${id}/history`;
    case 'funding':
      return `/funding/${id}/history`;
    case 'rate':
      return `/admin/rates?currency=${encodeURIComponent(id.slice(0, 3))}`;
    default:
      return null;
  }
}

// ---- referenced records --------------------------------------------------------------------------------

/** Every uuid inside a JSON value. */
function collectUuids(value: unknown, into: Set<string>) {
  if (isUuid(value)) into.add(value.toLowerCase());
  else if (Array.isArray(value)) for (const v of value) collectUuids(v, into);
  else if (typeof value === 'object' && value !== null)
    for (const v of Object.values(value)) collectUuids(v, into);
}

/** Names of the records the diffs refer to by id (organisations, sources, projects, events, funding rows). */
async function namedRefs(db: Db, changes: FieldChange[]): Promise<Record<string, NamedRef>> {
  const ids = new Set<string>();
  for (const change of changes) collectUuids(change, ids);
  if (ids.size === 0) return {};
  const list = [...ids];
  const wanted = (['organization', 'source', 'project', 'event', 'funding'] as const).flatMap((entity) =>
    list.map((id) => ({ entity, id })),
  );
  const titles = await recordTitles(db, wanted);
  const out: Record<string, NamedRef> = {};
  for (const [key, title] of titles) {
    const [entity, id] = key.split(/:(.*)/s) as [AuditEntity, string];
    out[id] = { entity, title: title.title };
  }
  return out;
}

// ---- queries --------------------------------------------------------------------------------------------

/** Every change of one record, newest first, with who made it and what changed field by field. */
export async function recordHistory(db: Db, params: HistoryParams) {
  const cursor = await afterCursor(db, params.cursor);
  const fetched = await db
    .select(columns)
    .from(auditEntries)
    .where(and(eq(auditEntries.entity, params.entity), eq(auditEntries.entityId, params.id), cursor))
    .orderBy(desc(auditEntries.at), desc(auditEntries.id))
    .limit(params.limit + 1);
  const { rows, nextCursor } = page(fetched, params.limit);
  const actors = await describeActors(
    db,
    rows.map((r) => r.actor),
  );
  const entries: HistoryEntry[] = rows.map((r) => ({
    id: String(r.id),
    at: isoTime(r.at),
    action: r.action,
    actor: actors.get(r.actor) ?? fallbackActor(r.actor),
    versionBefore: versionOf(r.before),
    versionAfter: versionOf(r.after),
    changes: diffRecords(r.before, r.after),
  }));
  if (params.entity === 'funding' && isUuid(params.id)) {
    // The page covers (oldest entry on it, the cursor's entry]; the last page reaches back to creation.
    const upper = params.cursor ? await entryTime(db, params.cursor) : null;
    const lower = nextCursor ? (rows.at(-1)?.at ?? null) : null;
    entries.push(...(await rateChanges(db, params.id, { lower, upper })));
    const seq = (entry: HistoryEntry) => Number(entry.id.split(':').at(-1));
    entries.sort((a, b) => (a.at === b.at ? seq(b) - seq(a) : a.at < b.at ? 1 : -1));
  }
  const [titles, names] = await Promise.all([
    recordTitles(db, [{ entity: params.entity, id: params.id }]),
    namedRefs(
      db,
      entries.flatMap((e) => e.changes),
    ),
  ]);
  const newest = fetched[0];
  const title =
    titles.get(`${params.entity}:${params.id}`) ?? (newest ? snapshotTitle(params.entity, newest) : null);
  return { entity: params.entity, id: params.id, title, entries, names, nextCursor };
}

async function entryTime(db: Db, cursor: string): Promise<string | null> {
  const [entry] = await db
    .select({ at: auditEntries.at })
    .from(auditEntries)
    .where(eq(auditEntries.id, Number(cursor)));
  return entry?.at ?? null;
}

/**
 * The changes of the exchange rate a funding row is converted with (its currency and value year), made
 * after the row was created and within [lower, upper] when given. Only the rate's own fields are shown.
 */
async function rateChanges(
  db: Db,
  fundingId: string,
  { lower, upper }: { lower: string | null; upper: string | null },
): Promise<HistoryEntry[]> {
  const [row] = await db
    .select({ currency: funding.currency, year: funding.valueYear, createdAt: funding.createdAt })
    .from(funding)
    .where(eq(funding.id, fundingId));
  if (!row || row.year === null) return [];
  const rateId = `${row.currency}-${row.year}`;
  const found = await db
    .select(columns)
    .from(auditEntries)
    .where(
      and(
        eq(auditEntries.entity, 'rate'),
        eq(auditEntries.entityId, rateId),
        sql`${auditEntries.at} > ${row.createdAt}::timestamptz`,
        lower ? sql`${auditEntries.at} >= ${lower}::timestamptz` : undefined,
        upper ? sql`${auditEntries.at} <= ${upper}::timestamptz` : undefined,
      ),
    )
    .orderBy(desc(auditEntries.at), desc(auditEntries.id));
  if (found.length === 0) return [];
  const actors = await describeActors(
    db,
    found.map((r) => r.actor),
  );
  const year = row.year;
  return found.map((r) => ({
    id: `rate:${r.id}`,
    at: isoTime(r.at),
    action: r.action,
    actor: actors.get(r.actor) ?? fallbackActor(r.actor),
    versionBefore: null,
    versionAfter: null,
    changes: diffRecords(r.before, r.after).filter((c) => c.field === 'perUsd' || c.field === 'source'),
    rate: { id: rateId, currency: row.currency, year },
  }));
}

/**
 * The feed of recent changes across the database, filtered by entity, actor and a range of days (UTC).
 * Changes of accounts (entity `user`) are left out unless `includeUsers` (the reader is an admin).
 */
export async function recentChanges(
  db: Db,
  params: ChangesParams,
  { includeUsers = true }: { includeUsers?: boolean } = {},
) {
  const cursor = await afterCursor(db, params.cursor);
  const dayAfter = (day: string) => {
    const d = new Date(`${day}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() + 1);
    return d.toISOString();
  };
  const fetched = await db
    .select(columns)
    .from(auditEntries)
    .where(
      and(
        params.entity ? eq(auditEntries.entity, params.entity) : undefined,
        includeUsers ? undefined : ne(auditEntries.entity, 'user'),
        params.actor ? eq(auditEntries.actor, params.actor) : undefined,
        params.from ? gte(auditEntries.at, `${params.from}T00:00:00Z`) : undefined,
        params.to ? lt(auditEntries.at, dayAfter(params.to)) : undefined,
        cursor,
      ),
    )
    .orderBy(desc(auditEntries.at), desc(auditEntries.id))
    .limit(params.limit + 1);
  const { rows, nextCursor } = page(fetched, params.limit);
  const [actors, titles] = await Promise.all([
    describeActors(
      db,
      rows.map((r) => r.actor),
    ),
    recordTitles(
      db,
      rows.map((r) => ({ entity: r.entity, id: r.entityId })),
    ),
  ]);
  const out: ChangeRow[] = rows.map((r) => ({
    id: String(r.id),
    at: isoTime(r.at),
    action: r.action,
    actor: actors.get(r.actor) ?? fallbackActor(r.actor),
    entity: r.entity,
    entityId: r.entityId,
    title: titles.get(`${r.entity}:${r.entityId}`) ?? snapshotTitle(r.entity, r),
    href: hrefOf(r.entity, r.entityId),
    fields: diffRecords(r.before, r.after).map((c) => c.field),
  }));
  // When the feed is filtered by one actor, name them even on an empty page.
  const actor = params.actor
    ? (actors.get(params.actor) ?? (await describeActors(db, [params.actor])).get(params.actor) ?? null)
    : null;
  return { rows: out, nextCursor, actor };
}
