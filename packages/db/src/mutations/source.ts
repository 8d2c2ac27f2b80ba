/** Writes of a source from its form (or the sources field's inline "add new source"). */
import { randomUUID } from 'node:crypto';
import type { SourceValues } from '@srt/shared/source';
import type { Editable, Saved, VersionedId } from '@srt/shared/write';
import { eq } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { sources } from '../schema.ts';
import { createRecord, orNull, type RecordSpec, setDeleted, updateRecord } from './common.ts';

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
    await tx.update(sources).set(fieldsOf(input.values)).where(eq(sources.id, input.id));
  });
}

export const deleteSource = (db: Db, actor: string, input: VersionedId) =>
  setDeleted(db, sourceSpec, actor, input, true);

export const restoreSource = (db: Db, actor: string, input: VersionedId) =>
  setDeleted(db, sourceSpec, actor, input, false);

const fieldsOf = (values: SourceValues) => ({
  url: orNull(values.url),
  title: values.title,
  publisher: orNull(values.publisher),
  publishedDate: orNull(values.publishedDate),
  language: orNull(values.language),
  kind: values.kind,
});
