/**
 * Writes of an organisation from its form (or the pickers' inline "create new"). Its name key is the
 * import's, and an organisation the import would take for an existing one is refused as a duplicate.
 */
import { randomUUID } from 'node:crypto';
import type { OrganizationValues } from '@srt/shared/organization';
import type { Editable, Saved, VersionedId } from '@srt/shared/write';
import { and, eq, isNull, ne, or } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { organizationNameKey } from '../derived.ts';
import { organizations } from '../schema.ts';
import { createRecord, fieldError, orNull, type RecordSpec, setDeleted, updateRecord } from './common.ts';

/** The organisation as its form shows it; deleted ones too (`deleted: true`). Null: no such organisation. */
export async function organizationForEdit(db: Db, id: string): Promise<Editable<OrganizationValues> | null> {
  const [row] = await db.select().from(organizations).where(eq(organizations.id, id));
  if (!row) return null;
  return {
    id,
    version: row.version,
    deleted: row.deletedAt !== null,
    values: {
      name: row.name,
      nameLocal: row.nameLocal,
      acronym: row.acronym,
      type: row.type as OrganizationValues['type'],
      country: row.country,
      iatiRef: row.iatiRef,
    },
  };
}

export const organizationSpec: RecordSpec<OrganizationValues> = {
  entity: 'organization',
  table: organizations,
  load: organizationForEdit,
};

export async function createOrganization(db: Db, actor: string, values: OrganizationValues): Promise<Saved> {
  return createRecord(db, organizationSpec, actor, async (tx) => {
    await refuseDuplicate(tx, values, null);
    const id = randomUUID();
    await tx.insert(organizations).values({ id, ...fieldsOf(values), createdBy: actor, updatedBy: actor });
    return id;
  });
}

export async function updateOrganization(
  db: Db,
  actor: string,
  input: VersionedId & { values: OrganizationValues },
): Promise<Saved | null> {
  return updateRecord(db, organizationSpec, actor, input, async (tx) => {
    await refuseDuplicate(tx, input.values, input.id);
    await tx.update(organizations).set(fieldsOf(input.values)).where(eq(organizations.id, input.id));
  });
}

export const deleteOrganization = (db: Db, actor: string, input: VersionedId) =>
  setDeleted(db, organizationSpec, actor, input, true);

export const restoreOrganization = (db: Db, actor: string, input: VersionedId) =>
  setDeleted(db, organizationSpec, actor, input, false);

const fieldsOf = (values: OrganizationValues) => ({
  name: values.name,
  nameKey: organizationNameKey(values.name),
  nameLocal: orNull(values.nameLocal),
  acronym: orNull(values.acronym),
  type: orNull(values.type),
  country: orNull(values.country),
  iatiRef: orNull(values.iatiRef),
});

/**
 * A live organisation the import would match with this one: the same IATI ref, or the same name key
 * where at most one of the two has a ref (two refs that differ are two organisations).
 */
async function refuseDuplicate(tx: Db, values: OrganizationValues, id: string | null) {
  const iatiRef = orNull(values.iatiRef);
  const nameKey = organizationNameKey(values.name);
  const rows = await tx
    .select({ nameKey: organizations.nameKey, iatiRef: organizations.iatiRef })
    .from(organizations)
    .where(
      and(
        isNull(organizations.deletedAt),
        id ? ne(organizations.id, id) : undefined,
        or(eq(organizations.nameKey, nameKey), iatiRef ? eq(organizations.iatiRef, iatiRef) : undefined),
      ),
    );
  for (const row of rows) {
    if (iatiRef && row.iatiRef === iatiRef) {
      throw fieldError('iatiRef', 'An organisation with this IATI ref already exists');
    }
    if (row.nameKey === nameKey && (!iatiRef || !row.iatiRef)) {
      throw fieldError('name', 'An organisation with this name already exists');
    }
  }
}
