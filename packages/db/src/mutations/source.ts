/** Writes of a source from its form (or the sources field's inline "add new source"). */
import { randomUUID } from 'node:crypto';
import { SOURCE_URL_TAKEN, type SourceValues } from '@srt/shared/source';
import type { Editable, Saved, VersionedId } from '@srt/shared/write';
import { and, eq, isNull, ne, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { sources } from '../schema.ts';
import { createRecord, fieldError, orNull, type RecordSpec, setDeleted, updateRecord } from './common.ts';

/** The source as its form shows it; deleted ones too (`deleted: true`). Null: no such source. */
export async function sourceForEdit(db: Db, id: string): Promise<Editable<SourceValues> | null> {
  const [row] = await db.select().from(sources).where(eq(sources.id, id));
  if (!row) return null;
  return {
    id,
    version: row.version,
    deleted: row.deletedAt !== null,
    values: {
      url: row.url,
      title: row.title,
      publisher: row.publisher,
      publishedDate: row.publishedDate,
      language: row.language,
      kind: row.kind as SourceValues['kind'],
    },
  };
}

export const sourceSpec: RecordSpec<SourceValues> = { entity: 'source', table: sources, load: sourceForEdit };

export async function createSource(db: Db, actor: string, values: SourceValues): Promise<Saved> {
  return createRecord(db, sourceSpec, actor, async (tx) => {
    await refuseTakenUrl(tx, values.url);
    const id = randomUUID();
    await tx.insert(sources).values({ id, ...fieldsOf(values), createdBy: actor, updatedBy: actor });
    return id;
  });
}

export async function updateSource(
  db: Db,
  actor: string,
  input: VersionedId & { values: SourceValues },
): Promise<Saved | null> {
  return updateRecord(db, sourceSpec, actor, input, async (tx) => {
    await refuseTakenUrl(tx, input.values.url, input.id);
    await tx.update(sources).set(fieldsOf(input.values)).where(eq(sources.id, input.id));
  });
}

export const deleteSource = (db: Db, actor: string, input: VersionedId) =>
  setDeleted(db, sourceSpec, actor, input, true);

export const restoreSource = (db: Db, actor: string, input: VersionedId) =>
  setDeleted(db, sourceSpec, actor, input, false);

/**
 * One live source per URL: a second one would split the records that cite it. The same URL is the same
 * up to a trailing slash and the case of scheme and host (compared case-insensitively as a whole).
 */
async function refuseTakenUrl(tx: Db, url: string | null | undefined, id?: string) {
  const wanted = orNull(url);
  if (!wanted) return;
  const key = (value: string) => value.trim().replace(/\/+$/, '').toLowerCase();
  const [taken] = await tx
    .select({ id: sources.id, title: sources.title })
    .from(sources)
    .where(
      and(
        isNull(sources.deletedAt),
        id ? ne(sources.id, id) : undefined,
        sql`rtrim(lower(trim(${sources.url})), '/') = ${key(wanted)}`,
      ),
    )
    .limit(1);
  if (taken) throw fieldError('url', `${SOURCE_URL_TAKEN}: “${taken.title}”`);
}

const fieldsOf = (values: SourceValues) => ({
  url: orNull(values.url),
  title: values.title,
  publisher: orNull(values.publisher),
  publishedDate: orNull(values.publishedDate),
  language: orNull(values.language),
  kind: values.kind,
});
